"""拟办 → 审核 → 签发: nothing goes out, and no 文号 is taken, before the 负责人 signs; 退回 needs a
reason; AB岗 backups act for absent colleagues; each body chooses its flow; every step is logged."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.applications import approval
from gongkai.applications.models import AnswerDraft, AnswerSettings, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.bodies import services as body_services
from gongkai.common.services import ServiceError
from gongkai.registry.models import SerialCounter

GRANTED = {"ground": "36-2", "access": "当面领取"}


def today():
    return timezone.localdate()


@pytest.fixture
def case(cast, weasyprint_available):
    registered = register(cast, received_on=today() - timedelta(days=3), today=today())
    return application_assign(actor=cast.head, application=registered, clerk=cast.clerk, today=today())


def propose(cast, case, actor=None, step="decide", facts=GRANTED):
    return approval.draft_propose(
        actor=actor or cast.clerk, application=case, step=step, facts=facts, on=today(), today=today()
    )


def test_three_steps_then_the_letter_is_numbered_and_dated(cast, case):
    draft = propose(cast, case)
    assert draft.state == "awaiting_review"
    assert not IssuedLetter.objects.exists() and not SerialCounter.objects.filter(series__startswith="letter")
    preview = approval.preview(draft, on=today()).plain_text()
    assert "（文号于签发时生成）" in preview and "第三十六条第（二）项" in preview and "（印章）" in preview
    with pytest.raises(ServiceError, match="不能进行此操作"):  # not yet reviewed
        approval.draft_sign(actor=cast.head, draft=draft, on=today(), today=today())
    with pytest.raises(ServiceError, match="审核须由本机关审核人"):
        approval.draft_review(actor=cast.clerk, draft=draft, today=today())
    approval.draft_review(actor=cast.reviewer, draft=draft, today=today())
    with pytest.raises(ServiceError, match="签发须由本机关负责人"):
        approval.draft_sign(actor=cast.reviewer, draft=draft, on=today(), today=today())
    letter = approval.draft_sign(actor=cast.head, draft=draft, on=today(), today=today())
    case.refresh_from_db()
    assert (case.status, case.outcome, letter.issued_on, letter.issued_by) == (
        "answered",
        "granted",
        today(),
        cast.head,
    )
    assert letter.number.startswith("东湖街道依申答") and letter.number in letter.text
    actions = list(
        AuditEntry.objects.filter(action__startswith="answer.").order_by("id").values_list("action", "actor")
    )
    assert actions == [
        ("answer.draft", cast.clerk.pk),
        ("answer.review", cast.reviewer.pk),
        ("answer.sign", cast.head.pk),
    ]


def test_a_return_needs_a_reason_and_the_clerk_drafts_anew(cast, case):
    draft = propose(cast, case)
    with pytest.raises(ServiceError, match="请写明退回理由"):
        approval.draft_return(actor=cast.reviewer, draft=draft, reason="  ", today=today())
    with pytest.raises(ServiceError, match="只有审核人"):
        approval.draft_return(actor=cast.clerk, draft=draft, reason="x", today=today())
    with pytest.raises(ServiceError, match="已有待审批"):
        propose(cast, case)
    approval.draft_return(actor=cast.reviewer, draft=draft, reason="应为部分公开", today=today())
    draft.refresh_from_db()
    assert (draft.state, draft.return_reason, draft.returned_by) == (
        "returned",
        "应为部分公开",
        cast.reviewer,
    )
    assert AuditEntry.objects.filter(action="answer.return", summary__contains="应为部分公开").exists()
    again = propose(cast, case)  # a new draft after the return
    approval.draft_review(actor=cast.reviewer, draft=again, today=today())
    approval.draft_return(actor=cast.head, draft=again, reason="请补充获取时间", today=today())  # at 签发
    assert AnswerDraft.objects.filter(state="returned").count() == 2
    assert not IssuedLetter.objects.exists()


def test_nobody_reviews_their_own_draft_and_an_unassigned_case_has_no_drafter(
    cast, case, weasyprint_available
):
    draft = propose(
        cast, case, actor=cast.superuser
    )  # who holds every role still needs a second pair of eyes
    with pytest.raises(ServiceError, match="不能审核自己"):
        approval.draft_review(actor=cast.superuser, draft=draft, today=today())
    loose = register(cast, received_on=today() - timedelta(days=2), today=today())
    with pytest.raises(ServiceError, match="请先分配经办人"):
        propose(cast, loose, actor=cast.clerk)
    with pytest.raises(ServiceError, match="拟办须由本申请的经办人"):
        propose(cast, case, actor=cast.backup_clerk, facts=GRANTED)  # the clerk is not away


def test_ab_backups_act_for_absent_colleagues(cast, case):
    # The reviewer is away; the second clerk is named their backup, and reviews in their place.
    reviewer_post = cast.body.assignments.get(user=cast.reviewer, role="reviewer")
    body_services.role_set_backup(actor=cast.admin, assignment=reviewer_post, backup=cast.backup_clerk)
    body_services.absence_record(
        actor=cast.admin,
        body=cast.body,
        user=cast.reviewer,
        starts_on=today(),
        ends_on=today(),
        reason="休假",
    )
    body_services.absence_record(
        actor=cast.admin, body=cast.body, user=cast.clerk, starts_on=today(), ends_on=today(), reason="出差"
    )
    draft = propose(cast, case, actor=cast.backup_clerk)  # the clerk's AB岗 drafts for them
    with pytest.raises(ServiceError, match="不能审核自己"):
        approval.draft_review(actor=cast.backup_clerk, draft=draft, today=today())
    draft.drafted_by = cast.clerk  # as if the clerk had drafted before leaving
    draft.save(update_fields=["drafted_by"])
    approval.draft_review(actor=cast.backup_clerk, draft=draft, today=today())
    draft.refresh_from_db()
    assert (draft.state, draft.reviewed_by) == ("awaiting_signature", cast.backup_clerk)


def test_a_one_step_body_lets_its_head_draft_and_sign(cast, case):
    AnswerSettings.objects.create(body=case.body, flow="one_step")
    letter = propose(cast, case, actor=cast.head)
    assert isinstance(letter, IssuedLetter) and letter.kind == "answer"
    assert AuditEntry.objects.filter(action="answer.sign", summary__contains="负责人拟办并签发").exists()


def test_a_one_step_body_still_has_the_clerks_draft_signed(cast, case):
    AnswerSettings.objects.create(body=case.body, flow="one_step")
    draft = propose(cast, case)
    assert draft.state == "awaiting_signature"  # no 审核 step in this body
    approval.draft_sign(actor=cast.head, draft=draft, on=today(), today=today())
    case.refresh_from_db()
    assert case.status == "answered"


def test_notices_are_approved_where_the_body_asks(cast, case):
    facts = {"missing": "请写明年份。", "working_days": 10}
    first = propose(cast, case, step="supplement", facts=facts)
    assert isinstance(first, IssuedLetter)  # by default a 补正 notice goes out at once
    other = register(cast, received_on=today() - timedelta(days=2), today=today())
    application_assign(actor=cast.head, application=other, clerk=cast.clerk, today=today())
    AnswerSettings.objects.create(body=case.body, notices_need_approval=True)
    draft = propose(cast, other, step="supplement", facts=facts)
    assert isinstance(draft, AnswerDraft) and not other.letters.exists()
    assert "请写明年份。" in approval.preview(draft, on=today()).plain_text()
    approval.draft_review(actor=cast.reviewer, draft=draft, today=today())
    letter = approval.draft_sign(actor=cast.head, draft=draft, on=today(), today=today())
    other.refresh_from_db()
    assert (letter.kind, other.status) == ("supplement_notice", "awaiting_supplement")


def test_a_draft_that_signing_would_refuse_is_refused_at_drafting(cast, case):
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError, match="须写明：获取信息的方式、途径和时间"):
        propose(cast, case, facts={"ground": "36-2"})
    with pytest.raises(ServiceError, match="未知的答复依据"):
        propose(cast, case, facts={"ground": "36-9"})
    assert (AnswerDraft.objects.count(), AuditEntry.objects.count()) == (0, before)


def test_signing_on_a_day_before_the_last_step_is_refused_and_leaves_the_draft(cast, case):
    draft = propose(cast, case)
    approval.draft_review(actor=cast.reviewer, draft=draft, today=today())
    with pytest.raises(ServiceError, match="日期不能早于"):
        approval.draft_sign(actor=cast.head, draft=draft, on=date(2020, 1, 1), today=today())
    draft.refresh_from_db()
    assert draft.state == "awaiting_signature" and not IssuedLetter.objects.exists()


def test_the_home_page_lists_what_waits_for_each_step(client, cast, case):
    draft = propose(cast, case)
    client.force_login(cast.reviewer)
    assert f"待审核：{case.number}" in client.get("/work/").content.decode()
    client.force_login(cast.head)
    assert f"待签发：{case.number}" not in client.get("/work/").content.decode()
    approval.draft_return(actor=cast.reviewer, draft=draft, reason="请改为部分公开", today=today())
    client.force_login(cast.clerk)
    page = client.get("/work/").content.decode()
    assert f"已退回：{case.number}" in page and "退回理由：请改为部分公开" in page
    again = propose(cast, case)
    approval.draft_review(actor=cast.reviewer, draft=again, today=today())
    assert f"已退回：{case.number}" not in client.get("/work/").content.decode()
    client.force_login(cast.head)
    assert f"待签发：{case.number}" in client.get("/work/").content.decode()
