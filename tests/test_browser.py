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
