"""The applicant's and the third party's periods run from the recorded delivery of the notice
(条例第三十条、第三十二条, 国办函〔2020〕109号: 自收到…之日起); a case is closed as 视为放弃 only after
that period, on a working day, with a 终止处理告知书; a late 补正 needs the clerk's confirmation."""

import io
from datetime import date

import pdfplumber
import pytest
from docx import Document

from gongkai.applications import consultations, handling
from gongkai.applications.clock import clock_state
from gongkai.applications.models import Application, ClockEvent, IssuedLetter
from gongkai.applications.recompute import recompute_open_cases
from gongkai.applications.tests.test_register import register
from gongkai.common.services import ServiceError
from gongkai.core.fees import per_request_fee

NO_DELIVERY = "未登记补正告知的送达日期"


def request_supplement(cast, case, on, working_days):
    return handling.supplement_request(
        actor=cast.clerk, application=case, on=on, missing="年份", working_days=working_days, today=on
    )


def consult(cast, case, on):
    return consultations.consultation_send(
        actor=cast.clerk, application=case, on=on, third_party="某公司", concerns="", today=on
    )


def notify_fee(cast, case, on):
    fee = per_request_fee(earlier_this_month=10)
    return handling.fee_notice_send(actor=cast.clerk, application=case, on=on, fee=fee, today=on)


def deliver(cast, letter, on, channel="post"):
    return handling.delivery_record(
        actor=cast.clerk, letter=letter, channel=channel, delivered_on=on, today=on
    )


def test_each_notice_is_tied_to_its_ledger_entry(cast, weasyprint_available):
    case = register(cast)
    supplement = request_supplement(cast, case, date(2026, 3, 4), 10)
    assert supplement.clock_event.kind == "supplement_requested"
    handling.supplement_receive(
        actor=cast.clerk, application=case, on=date(2026, 3, 5), today=date(2026, 3, 5)
    )
    consultation = consult(cast, case, date(2026, 3, 6))
    assert consultation.clock_event.kind == "consultation_sent"
    consultations.consultation_answer(
        actor=cast.clerk, application=case, on=date(2026, 3, 9), position="agree", today=date(2026, 3, 9)
    )
    fee = notify_fee(cast, case, date(2026, 3, 10))
    assert fee.clock_event.kind == "fee_notice_sent"


def test_the_supplement_period_runs_from_the_recorded_delivery(cast, weasyprint_available):
    # 条例第三十条: "自收到本告知书之日起10个工作日内补正". Issued Wed 3-4, signed for (签收) Mon 3-9:
    # 3-10..13 (4), 16..20 (9), 23 (10) -> the period ends Mon 3-23.
    case = register(cast)
    letter = request_supplement(cast, case, date(2026, 3, 4), 10)
    before = clock_state(case, date(2026, 3, 5))
    assert any(w.startswith(NO_DELIVERY) for w in before.warnings) and before.abandon_assumed
    deliver(cast, letter, date(2026, 3, 9))
    after = clock_state(case, date(2026, 3, 10))
    assert not any(w.startswith(NO_DELIVERY) for w in after.warnings)
    assert (after.abandon_on, after.abandon_assumed) == (date(2026, 3, 23), False)
    assert "补正告知于2026-03-09（星期一）送达，期限自送达之日起算。" in after.explanation


def test_a_consultation_delivered_later_moves_the_stored_due_date(cast, weasyprint_available):
    # 条例第三十二条: the third party has 15 working days from its receipt of the request. Sent Mon
    # 3-9 after 5 counted days; counted from sending, the limit is 3-30 and the answer due 4-21.
    case = register(cast)
    letter = consult(cast, case, date(2026, 3, 9))
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 21)
    # Received by the third party Wed 3-11: 3-12,13 (2), 16..20 (7), 23..27 (12), 30,31,4-1 (15) ->
    # limit 4-1; the 15 days left: 4-2,3 (2), 清明 4-4..6 not counted, 4-7..10 (6), 13..17 (11), 20..23 (15).
    deliver(cast, letter, date(2026, 3, 11))
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 23)
    assert case.due_on == clock_state(case, date(2026, 3, 12)).due_on  # the stored date is the live one
    # The set-based recompute (after a calendar change, and the daily job) reads the delivery too.
    Application.objects.filter(pk=case.pk).update(due_on=date(2026, 4, 21))
    assert recompute_open_cases(actor=cast.superuser, reason="核对") == 1
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 23)


def test_no_case_is_closed_as_abandoned_before_its_period_from_delivery_has_ended(cast, weasyprint_available):
    case = register(cast)
    letter = request_supplement(cast, case, date(2026, 3, 4), 10)
    # Counted from issue the period would end 3-18; without a recorded delivery it is only assumed.
    assert handling.close_abandoned(today=date(2026, 3, 25)) == []
    assert (
        "登记送达日期前，不会按视为放弃终止本申请（期限自收到通知之日起算）。"
        in clock_state(case, date(2026, 3, 25)).warnings
    )
    deliver(cast, letter, date(2026, 3, 9))  # period ends Mon 3-23 (see above)
    assert handling.close_abandoned(today=date(2026, 3, 23)) == []
    [closed] = handling.close_abandoned(today=date(2026, 3, 26))  # the job ran late: the date does not move
    assert (closed.status, closed.outcome, closed.decided_on) == (
        "closed",
        "other_no_supplement",
        date(2026, 3, 24),
    )
    assert handling.close_abandoned(today=date(2026, 3, 27)) == []  # idempotent


def test_abandonment_closes_on_a_working_day_with_a_termination_notice(cast, weasyprint_available):
    # Received Mon 3-23; notice issued 3-24, signed for Fri 3-27; 5 working days: 3-30..4-3 (Fri).
    # 4-4..6 is 清明 (not working days), so the case closes on Tue 4-7, not on Sat 4-4.
    case = register(cast, received_on=date(2026, 3, 23), today=date(2026, 3, 23))
    letter = request_supplement(cast, case, date(2026, 3, 24), 5)
    deliver(cast, letter, date(2026, 3, 27))
    assert handling.close_abandoned(today=date(2026, 4, 6)) == []
    [closed] = handling.close_abandoned(today=date(2026, 4, 10))
    assert closed.decided_on == date(2026, 4, 7)
    notice = IssuedLetter.objects.get(application=case, kind="termination")
    assert (notice.number, notice.issued_on, notice.issued_by) == (
        "东湖街道依申终〔2026〕1号",
        date(2026, 4, 7),
        None,
    )
    with notice.docx.open("rb") as handle:
        docx = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert "终止处理告知书" in docx and "您未在规定期限内补正，视为放弃申请" in docx
    assert f"《补正告知书》（{letter.number}），已于2026年3月27日送达" in docx
    assert "本机关自2026年4月7日起终止处理" in docx and "第三十条" in docx
    with notice.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "").replace(" ", "")
    assert "终止处理告知书" in text and "东湖街道依申终〔2026〕1号" in text


def test_a_late_supplement_is_accepted_only_when_the_clerk_confirms(cast, weasyprint_available):
    case = register(cast)
    letter = request_supplement(cast, case, date(2026, 3, 4), 10)
    deliver(cast, letter, date(2026, 3, 9))  # period ends 3-23
    events = ClockEvent.objects.filter(application=case).count()
    with pytest.raises(ServiceError, match="补正于2026-03-24收到，已超过期限（2026-03-23届满）"):
        handling.supplement_receive(
            actor=cast.clerk, application=case, on=date(2026, 3, 24), today=date(2026, 3, 24)
        )
    assert ClockEvent.objects.filter(application=case).count() == events  # nothing half-written
    handling.supplement_receive(
        actor=cast.clerk, application=case, on=date(2026, 3, 24), today=date(2026, 3, 24), confirm_late=True
    )
    event = ClockEvent.objects.get(application=case, kind="supplement_received")
    assert event.note == "逾期补正（期限2026-03-23届满），经办人确认仍予受理"
    case.refresh_from_db()
    assert case.status == "in_progress" and case.due_on is not None


def test_a_supplement_in_time_needs_no_confirmation(cast, weasyprint_available):
    case = register(cast)
    letter = request_supplement(cast, case, date(2026, 3, 4), 10)
    deliver(cast, letter, date(2026, 3, 9))
    handling.supplement_receive(
        actor=cast.clerk, application=case, on=date(2026, 3, 23), today=date(2026, 3, 23)
    )
    assert ClockEvent.objects.get(application=case, kind="supplement_received").note == ""


def test_a_late_payment_also_needs_the_clerks_confirmation(cast, weasyprint_available):
    # 国办函〔2020〕109号: 20 working days from receipt of the fee notice. Delivered Mon 3-9:
    # 3-10..13 (4), 16..20 (9), 23..27 (14), 30..4-3 (19), 4-7 (20, after 清明) -> ends 4-7.
    case = register(cast)
    letter = notify_fee(cast, case, date(2026, 3, 4))
    deliver(cast, letter, date(2026, 3, 9))
    with pytest.raises(ServiceError, match="缴费于2026-04-08收到，已超过期限（2026-04-07届满）"):
        handling.fee_paid(actor=cast.clerk, application=case, on=date(2026, 4, 8), today=date(2026, 4, 8))
    handling.fee_paid(
        actor=cast.clerk, application=case, on=date(2026, 4, 8), today=date(2026, 4, 8), confirm_late=True
    )


def test_the_case_page_refuses_a_late_supplement_without_the_confirmation(client, cast, weasyprint_available):
    case = register(cast)
    letter = request_supplement(cast, case, date(2026, 3, 4), 10)
    deliver(cast, letter, date(2026, 3, 9))
    client.force_login(cast.clerk)
    url = f"/bodies/donghu/applications/{case.pk}/do/supplement_received/"
    response = client.post(url, {"supplement_received-on": "2026-03-24"})
    assert response.status_code == 400
    assert "已超过期限（2026-03-23届满）" in response.content.decode()
    assert "请勾选“确认逾期仍予受理”" in response.content.decode()  # the form's own label
    assert not ClockEvent.objects.filter(application=case, kind="supplement_received").exists()
    response = client.post(
        url, {"supplement_received-on": "2026-03-24", "supplement_received-confirm_late": "on"}
    )
    assert response.status_code == 302
    assert ClockEvent.objects.filter(application=case, kind="supplement_received").exists()


def test_recording_a_delivery_on_the_case_page_refreshes_the_due_date(client, cast, weasyprint_available):
    case = register(cast)
    letter = consult(cast, case, date(2026, 3, 9))
    client.force_login(cast.clerk)
    response = client.post(
        f"/bodies/donghu/applications/{case.pk}/do/deliver/",
        {"deliver-letter": letter.pk, "deliver-channel": "post", "deliver-delivered_on": "2026-03-11"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 23)
