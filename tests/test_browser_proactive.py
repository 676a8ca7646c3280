"""条例第四十四条 in a real Chromium: two applicants asked for the same information and were answered;
the case page offers 转为主动公开, the clerk picks the 目录 column, and the draft appears in
publishing, linked back to both cases."""

import pytest

from gongkai.conversion.tests.test_turn import column, two_like  # noqa: F401 (fixture)
from gongkai.publishing.models import Publication, VersionStatus
from tests.test_browser_application import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_like_applications_become_a_draft_publication(
    chromium_browser,
    live_server,
    cast,
    column,  # noqa: F811
    weasyprint_available,
):
    first, second = two_like(cast)
    context = chromium_browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, "donghu-jb")
    page.goto(f"/bodies/donghu/applications/{first.pk}/")
    section = page.locator("section", has=page.locator("#proactive-heading"))
    assert "另有1件其他申请人的申请所需信息相同（条例第四十四条第一款）" in section.inner_text()
    section.get_by_role("link", name="转为主动公开").click()
    page.wait_for_url(f"**/applications/{first.pk}/proactive/")
    chosen = page.get_by_label("目录栏目")
    assert chosen.evaluate("e => e.options[e.selectedIndex].text") == "最低生活保障"  # 低保 in the request
    chosen.select_option(label="最低生活保障")
    page.get_by_label("信息类别").select_option(label="其他文件")
    page.get_by_label("标题").fill("东湖街道2025年低保发放名单及金额")
    also = page.get_by_label(f"{second.number}：", exact=False)
    assert also.is_checked()  # the other applicant's like case is offered, ticked
    page.get_by_role("button", name="转为主动公开").click()
    publication = Publication.objects.get(source_applications=first)
    page.wait_for_url(f"**/publishing/{publication.pk}/")
    main = page.locator("main").inner_text()
    assert "东湖街道2025年低保发放名单及金额" in main and "草稿" in main and "最低生活保障" in main
    assert "来源申请" in main and first.number in main and second.number in main
    assert publication.versions.get().status == VersionStatus.DRAFT and publication.published_version is None
    page.get_by_role("link", name=second.number).click()
    page.wait_for_url(f"**/applications/{second.pk}/")
    section = page.locator("section", has=page.locator("#proactive-heading"))
    text = section.inner_text()
    assert publication.index_number in text and "状态：草稿" in text
    context.close()
