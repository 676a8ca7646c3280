"""The answering demo cases (demo_answering): each in the state its story ends in, built through
the use cases (their letters, ledger entries and audit entries are there), and loaded only once."""

import pytest

from gongkai.applications.demo import load_demo_cases
from gongkai.applications.demo_answering import (
    ART35_REASONABLE,
    ART35_UNREASONABLE,
    CO_PRODUCER_SILENT,
    CORRECTED,
    MISTYPED,
    PUBLIC_INTEREST,
    RESENT_SMS,
    load_answering_cases,
)
from gongkai.applications.models import AnswerDraft, ApplicantNotice, Application, IssuedLetter
from gongkai.auditlog.models import AuditEntry
from gongkai.core.written_dates import chinese_date


@pytest.fixture
def loaded(cast, weasyprint_available, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    assert load_demo_cases() == 4 + 5
    return {case.information_requested: case for case in Application.objects.all()}


def actions(case) -> set[str]:
    return set(AuditEntry.objects.filter(target_id=str(case.pk)).values_list("action", flat=True))


def test_the_objection_overridden_with_its_notice_delivered(loaded):
    case = loaded[PUBLIC_INTEREST]
    consultation = case.consultations.get()
    assert (consultation.party_kind, consultation.position) == ("third_party", "object")
    notice = consultation.notice
    assert notice.kind == "disclosure_notice" and notice.delivered_on is not None
    assert "第三十二条" in notice.text and "中标价格及项目工期" in notice.text
    assert {"application.consultation_sent", "application.public_interest_disclosure"} <= actions(case)


def test_the_co_producer_silent_is_consent(loaded):
    case = loaded[CO_PRODUCER_SILENT]
    consultation = case.consultations.get()
    assert (consultation.party_kind, consultation.position) == ("co_producer", "silent")
    assert consultation.letter.delivered_on is not None
    assert (
        "逾期未提出意见的，视为同意公开" in consultation.letter.text
        and "第三十四条" in consultation.letter.text
    )
    assert "application.consultation_silent" in actions(case)


def test_art35_reasonable_fixes_a_later_date(loaded):
    case = loaded[ART35_REASONABLE]
    assert case.reason_request.verdict == "reasonable"
    delay = case.letters.get(kind="art35_delay")
    assert delay.number and chinese_date(case.due_on) in delay.text  # the case's due date follows
    ask = case.reason_request
    assert case.due_on > ask.requested_on and case.status != "answered"


def test_art35_unreasonable_is_not_processed_through_approval(loaded):
    case = loaded[ART35_UNREASONABLE]
    assert case.reason_request.verdict == "unreasonable"
    assert (case.status, case.outcome) == ("answered", "not_processed_excessive")
    draft = AnswerDraft.objects.get(application=case)
    assert (draft.drafted_by.username, draft.reviewed_by.username, draft.signed_by.username) == (
        "donghu-jb",
        "donghu-sh",
        "donghu-fz",
    )
    assert "第三十五条" in draft.letter.text and "就是想看看" in draft.letter.text


def test_the_failed_text_resent_after_the_phone_was_corrected(loaded):
    case = loaded[RESENT_SMS]
    assert case.contact_phone == CORRECTED
    rows = list(
        ApplicantNotice.objects.filter(application=case).order_by("id").values_list("address", "state")
    )
    assert rows == [(MISTYPED, "resent"), (CORRECTED, "sent")]
    assert "空号" in ApplicantNotice.objects.get(application=case, state="resent").error
    assert {"application.contact_correct", "application.notices_resend"} <= actions(case)


def test_loading_twice_adds_nothing(loaded):
    counts = (Application.objects.count(), IssuedLetter.objects.count(), AuditEntry.objects.count())
    assert load_demo_cases() == 0 and load_answering_cases() == 0
    assert (Application.objects.count(), IssuedLetter.objects.count(), AuditEntry.objects.count()) == counts
