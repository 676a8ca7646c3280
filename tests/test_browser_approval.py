"""拟办 → 审核 → 签发 in a real Chromium, three people at three desks: the clerk drafts the answer
and sees its preview without a 文号, the 审核人 passes it, the 负责人 signs and the numbered letter
is issued; and a draft the 审核人 returns comes back to the clerk with the reason."""

from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from gongkai.applications.models import AnswerDraft, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register
from tests.test_browser_application import log_in, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case(cast):
    today = timezone.localdate()
    registered = register(cast, received_on=today - timedelta(days=2), today=today)
    return application_assign(actor=cast.head, application=registered, clerk=cast.clerk, today=today)


def desk(chromium_browser, live_server, username, url):
    """A person's own browser, logged in, on the case page."""
    context = chromium_browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, username)
    page.goto(url)
    return context, page


def draft_answer(page):
    step(
        page,
        "拟办答复",
        {
            "答复依据": "部分公开（第三十七条）",
            "获取信息的方式、途径和时间": "请于收到本答复之日起15个工作日内到东湖街道政务服务中心领取",
            "不予公开的内容": "名单中的身份证号码",
            "理由及说明": "属于个人隐私",
        },
    )


def test_draft_review_sign_then_the_letter_is_issued(
    chromium_browser, live_server, cast, case, weasyprint_available
):
    url = f"/bodies/donghu/applications/{case.pk}/"
    clerk_context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    draft_answer(clerk)
    main = clerk.locator("main").inner_text()
    assert "待审核" in main and "（文号于签发时生成）" in main and "第三十七条" in main and "（印章）" in main
    assert not IssuedLetter.objects.filter(application=case).exists()
    assert "签发" not in [s.inner_text() for s in clerk.locator("#approval-heading ~ details summary").all()]
    clerk_context.close()

    reviewer_context, reviewer = desk(chromium_browser, live_server, "donghu-sh", url)
    with reviewer.expect_download() as preview:
        reviewer.get_by_role("link", name="预览 DOCX").click()
    previewed = Document(preview.value.path())
    assert "（文号于签发时生成）" in "\n".join(p.text for p in previewed.paragraphs)
    reviewer.locator("summary", has_text="审核通过").click()
    reviewer.get_by_role("button", name="审核通过").click()
    assert "已完成：审核通过" in reviewer.get_by_role("status").inner_text()
    assert "待签发" in reviewer.locator("main").inner_text()
    reviewer_context.close()

    head_context, head = desk(chromium_browser, live_server, "donghu-fz", url)
    step(head, "签发", {"签发日期": timezone.localdate().isoformat()})
    main = head.locator("main").inner_text()
    assert "已答复" in main and "东湖街道依申答〔" in main
    with head.expect_download() as download:
        head.locator("a", has_text="DOCX").last.click()
    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    letter = IssuedLetter.objects.get(application=case, kind="answer")
    assert letter.number in text and "依据：《中华人民共和国政府信息公开条例》第三十七条" in text
    assert "不予公开的内容：名单中的身份证号码" in text and "（印章）" in text
    draft = AnswerDraft.objects.get(application=case)
    assert (draft.state, draft.drafted_by, draft.reviewed_by, draft.signed_by) == (
        "signed",
        cast.clerk,
        cast.reviewer,
        cast.head,
    )
    head_context.close()


def test_a_returned_draft_comes_back_to_the_clerk_with_the_reason(chromium_browser, live_server, cast, case):
    url = f"/bodies/donghu/applications/{case.pk}/"
    clerk_context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    draft_answer(clerk)
    reviewer_context, reviewer = desk(chromium_browser, live_server, "donghu-sh", url)
    step(reviewer, "退回", {"退回理由": "身份证号码以外的住址也应不予公开"})
    assert "已退回" in reviewer.locator("main").inner_text()
    reviewer_context.close()
    clerk.reload()
    main = clerk.locator("main").inner_text()
    assert "已退回（" in main and "身份证号码以外的住址也应不予公开" in main
    assert "待审核" not in main
    draft_answer(clerk)  # drafts anew
    assert "待审核" in clerk.locator("main").inner_text()
    assert list(AnswerDraft.objects.filter(application=case).values_list("state", flat=True)) == [
        "returned",
        "awaiting_review",
    ]
    assert not IssuedLetter.objects.filter(application=case).exists()
    clerk_context.close()
