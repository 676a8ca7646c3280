"""The 第三方告知书 (条例第三十二条) goes through 拟办 → 审核 → 签发 where the body approves notices:
the 经办人 drafts it, the preview shows the letter without a 文号, the 负责人 decides by signing;
a draft that issuing would refuse is refused at 拟办; elsewhere the 负责人 issues it at once."""

from datetime import date

import pytest
from django.test import Client

from gongkai.applications import approval
from gongkai.applications.models import AnswerDraft, AnswerSettings, Consultation, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_consultations import deliver, objected, send
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from tests.test_hostile_input import row_counts

ON = date(2026, 3, 17)
FACTS = {
    "consultation": None,
    "content": "中标价格及项目工期",
    "reason": "项目使用财政资金，不公开可能对公共利益造成重大影响",
}


@pytest.fixture
def case(cast, weasyprint_available):
    """A third party objected; the body approves notices; the 经办人 holds the case."""
    AnswerSettings.objects.create(body=cast.body, notices_need_approval=True)
    found = objected(cast)
    return application_assign(actor=cast.head, application=found, clerk=cast.clerk, today=ON)


def propose(cast, case, actor=None, facts=FACTS, on=ON):
    return approval.draft_propose(
        actor=actor or cast.clerk, application=case, step="public_interest", facts=facts, on=on, today=on
    )


def test_drafted_reviewed_and_signed_then_issued(cast, case):
    draft = propose(cast, case)
    assert isinstance(draft, AnswerDraft) and draft.state == "awaiting_review"
    assert not case.letters.filter(kind="disclosure_notice").exists()
    assert Consultation.objects.get(application=case).notice is None
    preview = approval.preview(draft, on=ON).plain_text()
    assert "第三方告知书" in preview and "（文号于签发时生成）" in preview and "第三十二条" in preview
    assert "决定公开的政府信息内容：中标价格及项目工期。" in preview and "某建设有限公司" in preview
    approval.draft_review(actor=cast.reviewer, draft=draft, today=ON)
    letter = approval.draft_sign(actor=cast.head, draft=draft, on=ON, today=ON)
    assert (letter.kind, letter.recipient, letter.issued_on) == ("disclosure_notice", "某建设有限公司", ON)
    assert letter.number == "东湖街道依申告〔2026〕1号" and letter.issued_by == cast.head
    consultation = Consultation.objects.get(application=case)
    assert consultation.notice == letter and consultation.disclosed_content == "中标价格及项目工期"
    actions = list(
        AuditEntry.objects.filter(
            target_id=str(case.pk),
            action__in=[
                "answer.draft",
                "answer.review",
                "answer.sign",
                "application.public_interest_disclosure",
            ],
        )
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [
        ("answer.draft", cast.clerk.pk),
        ("answer.review", cast.reviewer.pk),
        ("application.public_interest_disclosure", cast.head.pk),
        ("answer.sign", cast.head.pk),
    ]
    # The disclosure still waits for the 告知书's delivery (disclosure_gate), as without approval.
    deliver(cast, letter, date(2026, 3, 19))
    assert case.letters.get(kind="disclosure_notice").delivered_on == date(2026, 3, 19)


def test_returned_with_a_reason_issues_nothing(cast, case):
    draft = propose(cast, case)
    approval.draft_return(actor=cast.reviewer, draft=draft, reason="理由应写明公共利益的具体内容", today=ON)
    draft.refresh_from_db()
    assert draft.state == "returned" and not IssuedLetter.objects.filter(kind="disclosure_notice").exists()
    again = propose(cast, case, facts=FACTS | {"reason": "项目使用财政资金5000万元，涉及沿线居民出行"})
    assert again.state == "awaiting_review"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": "  "}, "决定公开的理由"),
        ({"content": ""}, "决定公开的政府信息内容"),
        ({"consultation": 99999}, "本申请没有这项征求意见"),
    ],
)
def test_a_draft_that_issuing_would_refuse_is_refused_at_drafting(cast, case, changes, message):
    before = row_counts()
    with pytest.raises(ServiceError, match=message):
        propose(cast, case, facts=FACTS | changes)
    assert row_counts() == before


def test_without_an_objection_there_is_nothing_to_draft(cast, weasyprint_available):
    AnswerSettings.objects.create(body=cast.body, notices_need_approval=True)
    case = register(cast)
    deliver(cast, send(cast, case), date(2026, 3, 11))
    application_assign(actor=cast.head, application=case, clerk=cast.clerk, today=ON)
    with pytest.raises(ServiceError, match="没有第三方不同意公开的征求意见"):
        propose(cast, case)
    assert not AnswerDraft.objects.exists()


def test_a_second_notice_for_the_same_objection_is_refused_at_drafting(cast, case):
    draft = propose(cast, case)
    approval.draft_review(actor=cast.reviewer, draft=draft, today=ON)
    approval.draft_sign(actor=cast.head, draft=draft, on=ON, today=ON)
    with pytest.raises(ServiceError, match="已就该项征求意见出具第三方告知书"):
        propose(cast, case)


def test_only_the_head_signs_the_decision(cast, case):
    draft = propose(cast, case)
    approval.draft_review(actor=cast.reviewer, draft=draft, today=ON)
    with pytest.raises(ServiceError, match="签发须由本机关负责人"):
        approval.draft_sign(actor=cast.reviewer, draft=draft, on=ON, today=ON)
    assert not IssuedLetter.objects.filter(kind="disclosure_notice").exists()


def test_without_approval_the_head_issues_at_once_and_a_clerk_may_not(cast, weasyprint_available):
    case = objected(cast)  # no AnswerSettings: notices are not approved
    with pytest.raises(ServiceError, match="须由本机关负责人决定"):
        propose(cast, case, actor=cast.clerk)
    letter = propose(cast, case, actor=cast.head)
    assert isinstance(letter, IssuedLetter) and letter.kind == "disclosure_notice"
    assert not AnswerDraft.objects.exists()


def test_the_case_page_offers_the_draft_to_the_clerk_where_notices_are_approved(cast, case):
    """The action is the 经办人's 拟办 here (the 负责人 decides by signing)."""
    client = Client()
    client.force_login(cast.clerk)
    url = f"/bodies/donghu/applications/{case.pk}/do/public_interest/"
    data = {f"public_interest-{k}": v for k, v in FACTS.items() if v} | {"public_interest-on": ON.isoformat()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-1500:]
    draft = AnswerDraft.objects.get(application=case)
    assert (draft.step, draft.state, draft.drafted_by) == ("public_interest", "awaiting_review", cast.clerk)
    assert not IssuedLetter.objects.filter(kind="disclosure_notice").exists()
    page = client.get(f"/bodies/donghu/applications/{case.pk}/").content.decode()
    assert "第三方告知书" in page


def test_the_decision_is_still_the_heads_through_the_action_where_notices_are_not_approved(
    cast, weasyprint_available
):
    case = objected(cast)
    client = Client()
    client.force_login(cast.clerk)
    response = client.post(f"/bodies/donghu/applications/{case.pk}/do/public_interest/", {})
    assert response.status_code == 403
