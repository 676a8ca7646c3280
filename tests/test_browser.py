"""A real Chromium drives the live server: log in as a clerk, use the site on a phone-sized screen."""

import pytest

from gongkai.bodies.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_clerk_logs_in_and_sees_today(page, cast):
    log_in(page, "donghu-jb")
    page.wait_for_url("**/work/")
    assert page.get_by_role("heading", level=1).inner_text() == "今日待办"
    assert "朱晓燕" in page.locator("main").inner_text()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="机关").click()
    page.get_by_role("link", name="示范区东湖街道办事处").click()
    assert page.get_by_role("heading", level=1).inner_text() == "示范区东湖街道办事处"
    # A clerk sees the body but is not offered its administration.
    assert page.get_by_role("link", name="修改机关信息").count() == 0


def test_wrong_password_keeps_the_user_on_the_form(page, cast):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("donghu-jb")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的用户名和密码" in page.get_by_role("alert").inner_text()


def test_admin_updates_the_guide_on_a_phone(chromium_browser, live_server, cast, tmp_path):
    context = chromium_browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN"
    )
    page = context.new_page()
    log_in(page, "donghu-gl")
    page.wait_for_url("**/work/")
    # Nothing on the page may be wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/bodies/donghu/edit/")
    page.get_by_label("传真").fill("0755-8000 2999")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/bodies/donghu/")
    assert "机关信息已保存" in page.get_by_role("status").inner_text()
    assert "0755-8000 2999" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "body-detail-phone.png"), full_page=True)
    context.close()


def test_the_case_list_on_a_phone_is_cards(chromium_browser, live_server, cast):
    """390×844: nothing wider than the screen, no text under 12 px, each case a card with labels."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.applications.tests.test_register import register

    today = timezone.localdate()
    for days in (0, 40, 90):
        register(cast, received_on=today - timedelta(days=days), today=today)
    context = chromium_browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN"
    )
    page = context.new_page()
    log_in(page, "donghu-jb")
    page.wait_for_url("**/work/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    page.wait_for_url("**/bodies/donghu/applications/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 390
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('main *')].filter(e => e.innerText && e.innerText.trim())"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    assert smallest >= 12
    card = page.locator("table.cards tbody tr").first
    assert card.evaluate("e => getComputedStyle(e).display") == "block"
    assert card.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content") == '"编号："'
    page.get_by_label("仅看逾期").check()
    # count() does not wait: wait for the filtered page itself, or the old or a half-parsed one is counted
    with page.expect_navigation(url="**overdue=on**"):
        page.get_by_role("button", name="查找").click()
    page.wait_for_load_state()
    assert (
        page.locator("table.cards tbody tr.overdue").count()
        == page.locator("table.cards tbody tr").count()
        >= 1
    )
    context.close()
