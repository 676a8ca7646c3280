"""A citizen in real Chromium, from the front page through one public layout: an item of the 公开
目录, a search, the 指南, an online application and its 回执, and the annual report's downloads
(issue 17 points 1-2)."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone

from gongkai.annual.tests.test_report_files import last_years_report_with_files
from gongkai.applications.models import Application
from gongkai.publishing.demo import load_demo_publications

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID = "11010519491231002X"
BODY = "示范区东湖街道办事处"


def _header(page):
    return page.get_by_role("navigation", name="公开专栏导航")


def _expect_public_header(page) -> None:
    """The one public layout: the body named, its 目录, search, 指南, 申请, 查询, 年报 and the way back."""
    assert BODY in page.get_by_role("banner").inner_text()
    links = [a.strip() for a in _header(page).get_by_role("link").all_inner_texts()]
    assert links == ["公开目录", "搜索", "公开指南", "依申请公开", "办理进度查询", "年度报告", "全部机关"]


def test_a_citizen_finds_an_item_searches_applies_and_downloads_the_report(
    chromium_browser, live_server, cast, weasyprint_available
):
    load_demo_publications(timezone.localdate())
    last_years_report_with_files(cast)
    context = chromium_browser.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
    page = context.new_page()

    page.goto("/")
    entry = page.locator("ul.tree > li", has_text=BODY).first
    assert entry.get_by_role("link", name="2025年").count() == 1  # its annual report, listed
    entry.get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url("**/open/donghu/")
    _expect_public_header(page)

    # An item from the 最新公开 list.
    latest = (
        page.locator("section", has=page.get_by_role("heading", name="最新公开")).get_by_role("link").first
    )
    title = latest.inner_text().strip()
    latest.click()
    page.wait_for_url(re.compile(r".*/open/donghu/items/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text().strip() == title
    _expect_public_header(page)

    # A search in this body, from the header, finds the item by a word of its title.
    _header(page).get_by_role("link", name="搜索").click()
    page.wait_for_url("**/open/search/?body=donghu")
    word = re.sub(r"[^\u4e00-\u9fff]", "", title)[:4]
    page.get_by_label("关键词").fill(word)
    with page.expect_navigation():
        page.get_by_role("button", name="搜索").first.click()
    assert title in page.locator("main").inner_text()
    _expect_public_header(page)

    _header(page).get_by_role("link", name="公开指南").click()
    page.wait_for_url("**/guide/donghu/")
    assert page.get_by_role("heading", level=1).inner_text() == f"{BODY}政府信息公开指南"
    _expect_public_header(page)

    # An application and its 回执 (the status page with the query code).
    _header(page).get_by_role("link", name="依申请公开").click()
    page.wait_for_url("**/apply/donghu/")
    _expect_public_header(page)
    page.get_by_label("申请人姓名或名称").fill("李四")
    page.get_by_label("证件号码").fill(ID)
    page.get_by_label("联系电话").fill("13900000000")
    page.get_by_label("所需政府信息的名称、文号或描述").fill("东湖街道2026年老旧小区改造计划")
    page.get_by_label("我确认以上信息真实有效").check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/status/[A-Z0-9]+/$"))
    receipt = page.locator("main").inner_text()
    assert Application.objects.get(channel="online").query_code in receipt and BODY in receipt
    _expect_public_header(page)

    # The annual report from the header, and both its files.
    _header(page).get_by_role("link", name="年度报告").click()
    page.wait_for_url("**/open/donghu/#reports-heading")
    page.get_by_role("link", name=f"{BODY}2025年政府信息公开工作年度报告").click()
    page.wait_for_url("**/reports/donghu/2025/")
    _expect_public_header(page)
    assert "正在生成" not in page.locator("main").inner_text()
    files = {}
    for label, fmt in (("Word文档（DOCX）", "docx"), ("PDF文档", "pdf")):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        download = info.value
        assert download.suggested_filename == f"{BODY}2025年政府信息公开工作年度报告.{fmt}"
        with open(download.path(), "rb") as f:
            files[fmt] = f.read()
    import docx
    from pypdf import PdfReader

    document = docx.Document(io.BytesIO(files["docx"]))
    assert f"{BODY}2025年政府信息公开工作年度报告" in "\n".join(p.text for p in document.paragraphs)
    assert len(document.tables) >= 3
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    assert len(pdf.pages) >= 1 and "年度报告" in "".join(p.extract_text() for p in pdf.pages)

    # And back to every body from the header.
    _header(page).get_by_role("link", name="全部机关").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "政府信息公开"
    context.close()
