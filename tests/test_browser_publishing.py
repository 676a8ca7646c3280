"""Proactive disclosure in a real Chromium: a 经办人 drafts an item whose text and DOCX attachment
hold a resident ID number; the 审核人 is stopped by the hit, masks it and approves; the 保密审查员
clears; the 负责人 signs; the published attachment, read again, no longer holds the number."""

import re
from datetime import date

import pytest
from django.utils import timezone

from gongkai.bodies.demo import DEMO_PASSWORD
from gongkai.core.identity import id_check_character
from gongkai.core.redact import document_text
from gongkai.core.reports.readers import read_bytes
from gongkai.publishing.models import Publication
from gongkai.publishing.services import catalogue_install_default
from gongkai.publishing.tests.helpers import docx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIRST = "44030519790615234"
RESIDENT_ID = FIRST + id_check_character(FIRST)


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/work/")


def status_message(page) -> str:
    return page.get_by_role("status").inner_text()


def test_a_hit_is_masked_before_the_item_and_its_attachment_are_published(page, cast):
    catalogue_install_default(actor=cast.admin, body=cast.body, today=date(2026, 1, 5))
    log_in(page, "donghu-jb")
    page.get_by_role("link", name="主动公开").first.click()
    page.get_by_role("link", name="起草信息").click()
    page.get_by_label("栏目").select_option(label="最低生活保障")
    page.get_by_label("信息类别").select_option(label="其他文件")  # nothing is preset (issue 17)
    page.get_by_label("标题").fill("东湖街道城乡低保新增对象公示")
    page.get_by_label("信息形成或变更日期").fill(timezone.localdate().isoformat())
    page.get_by_label("正文").fill(f"经审核，以下对象符合低保条件：\n王五，身份证号码{RESIDENT_ID}。")
    page.get_by_role("button", name="保存草稿").click()
    assert "已起草，索引号" in status_message(page)
    item_url = page.url
    page.get_by_label("附件").set_input_files(
        files=[
            {
                "name": "新增对象名单.docx",
                "mimeType": "application/octet-stream",
                "buffer": docx_bytes("新增低保对象名单", f"王五 {RESIDENT_ID} 每月800元"),
            }
        ]
    )
    page.get_by_role("button", name="上传附件").click()
    assert "已添加附件" in status_message(page)
    page.get_by_role("button", name="提交审核").click()
    assert "已完成：提交审核" in status_message(page)

    log_in(page, "donghu-sh")
    page.goto(item_url)
    hits = page.locator("tr.hit")
    # The ID number in the text and in the attachment, each also a name-next-to-number hit to judge.
    assert hits.count() == 4
    texts = [hits.nth(i).inner_text() for i in range(4)]
    assert sum("正文第2行" in text for text in texts) == 2
    assert any("正文第2行" in text and RESIDENT_ID in text for text in texts)
    assert sum("新增对象名单.docx" in text for text in texts) == 2
    page.get_by_role("button", name="审核通过").click()
    assert "敏感信息未处理" in page.locator("main").inner_text()
    page.goto(item_url)
    for _ in range(4):
        page.get_by_role("button", name=re.compile("^遮盖")).first.click()
        assert "已遮盖" in status_message(page)
    page.get_by_role("button", name="审核通过").click()
    assert "已完成：审核通过" in status_message(page)

    log_in(page, "donghu-bm")
    page.goto(item_url)
    page.get_by_role("button", name="保密审查通过").click()
    assert "已完成：保密审查通过" in status_message(page)

    log_in(page, "donghu-fz")
    page.goto(item_url)
    page.get_by_role("button", name="签发").click()
    assert "已完成：签发" in status_message(page)
    assert "已发布" in page.locator(".status").inner_text()

    version = Publication.objects.get().published_version
    assert RESIDENT_ID not in version.published_text
    attachment = version.attachments.get()
    with attachment.published.open("rb") as handle:
        text = document_text(read_bytes(handle.read(), attachment.name))
    assert RESIDENT_ID not in text and "每月800元" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="下载发布件 新增对象名单.docx").click()
    published = download.value.path().read_bytes()
    assert RESIDENT_ID not in document_text(read_bytes(published, "a.docx"))
