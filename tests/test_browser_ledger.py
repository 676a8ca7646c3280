"""The 工作台账 in a real Chromium: a 经办人 records a training with its sign-in sheet, sees it
listed with the file, and the annual report drafted next quotes it in （五）监督保障."""

import io

import pytest
from django.utils import timezone

from gongkai.annual.models import LedgerEntry
from tests.test_browser_publishing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "组织全体工作人员学习新修订的保密审查办法"


def sign_in_sheet() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("签到表：张三、李四、王五……")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_clerk_records_a_training_with_its_file_and_the_draft_quotes_it(page, cast):
    today = timezone.localdate()
    year = today.year
    log_in(page, "donghu-jb")
    page.goto(f"/bodies/donghu/annual/{year}/ledger/")
    page.get_by_label("类别").select_option(label="培训")
    page.get_by_label("日期").fill(today.isoformat())
    page.get_by_label("事项").fill(TITLE)
    page.get_by_label("内容").fill("讲解涉密信息识别和遮盖")
    page.get_by_label("参加人数").fill("23")
    sheet = sign_in_sheet()
    page.get_by_label("附件（会议纪要、签到表、通知等）").set_input_files(
        files=[{"name": "培训签到表.docx", "mimeType": "application/octet-stream", "buffer": sheet}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="录入").click()
    training = page.get_by_role("region", name="培训（1）")
    item = training.get_by_role("listitem").filter(has_text=TITLE)
    assert "（参加23人）" in item.inner_text()
    link = item.get_by_role("link", name="培训签到表.docx")
    assert link.is_visible()
    entry = LedgerEntry.objects.get(body=cast.body, year=year)
    assert (entry.kind, entry.attendees, entry.attachments.get().size) == ("training", 23, len(sheet))
    # The file the clerk attached is the file served back.
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body() == sheet

    page.get_by_role("link", name=f"返回{year}年度年报").click()
    with page.expect_navigation():
        page.get_by_role("button", name="根据数据起草年报").click()
    overview = page.get_by_label("一、总体情况").input_value()
    oversight = next(line for line in overview.splitlines() if line.startswith("（五）监督保障。"))
    assert "开展政务公开培训1次，累计参训23人次" in oversight
    assert f"{today.month}月{today.day}日{TITLE}，讲解涉密信息识别和遮盖（参加23人）" in oversight
