"""Handling a case: 补正, consultations, extension, fees, the decision, and closing abandoned cases.

Each step appends a ClockEvent (the ledger the statutory clock is computed from), moves the case's
status, issues the letter the law requires, and recomputes the due date, in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import disclosure_gate, letter_texts, letters
from gongkai.applications.audit import audit_on
from gongkai.applications.clock import (
    clock_state,
    clock_state_with,
    current_calendar,
    due_note,
    refresh_due_date,
)
from gongkai.applications.models import (
    Application,
    ClockEvent,
    ClockEventKind,
    IssuedLetter,
    LetterKind,
    Status,
)
from gongkai.bodies.models import Role
from gongkai.bodies.selectors import roles_held
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files
from gongkai.core.answer_clock import ClockError, Entry, EntryKind
from gongkai.core.fees import Fee
from gongkai.core.letter_grounds import DEFAULT_GROUND, Ground, ground
from gongkai.core.outcomes import OutcomeGroup, outcome
from gongkai.core.workcalendar import UnknownYearError
from gongkai.registry.record_locks import refuse_in_locked_year

if TYPE_CHECKING:
    from django.contrib.auth.models import User


OPEN = (Status.REGISTERED, Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT, Status.AWAITING_FEE)
MAX_EXTENSION_DAYS = 20  # 条例第三十三条第二款


def _check_date(application: Application, on: date, today: date) -> None:
    if on > today:
        raise ServiceError("日期不能晚于今天。")
    latest = application.clock_events.order_by("-on").values_list("on", flat=True).first()
    if latest and on < latest:
        raise ServiceError(f"日期不能早于上一项办理记录（{latest}）。")


def _refuse_unlawful(application: Application, entry: Entry) -> None:
    """The core's rules on the ledger with the new entry (e.g. an extension after the deadline)."""
    try:
        clock_state_with(application, entry)
    except ClockError as error:
        raise ServiceError(str(error)) from error


def _require(application: Application, *statuses: str) -> None:
    if application.status not in statuses:
        raise ServiceError(f"申请当前状态为“{application.get_status_display()}”，不能进行此操作。")


def _record(
    application,
    kind: str,
    on: date,
    actor: User,
    *,
    days: int | None = None,
    note: str = "",
    basis: str = "",
    amount=None,
):
    event = ClockEvent.objects.create(
        application=application, kind=kind, on=on, actor=actor, days=days, note=note, amount=amount
    )
    audit_on(
        application,
        actor=actor,
        action=f"application.{kind}",
        summary=f"{application.number}：{event.get_kind_display()}（{on}）" + (f"：{note}" if note else ""),
        after={"kind": kind, "on": on.isoformat(), "days": days}
        | ({"amount": str(amount)} if amount is not None else {}),
        legal_basis=basis,
    )
    return event


def _issue_notice(
    actor: User, application, event: ClockEvent, draft: letters.Draft, on: date
) -> IssuedLetter:
    """Issue the notice of a ledger entry and tie it to the entry: the period it sets runs from
    the letter's recorded delivery (自收到…之日起)."""
    letter = letters.letter_issue(actor=actor, application=application, draft=draft, issued_on=on)
    letter.clock_event = event
    letter.save(update_fields=["clock_event"])
    return letter


@transaction.atomic
def delivery_record(
    *, actor: User, letter: IssuedLetter, channel: str, delivered_on: date, today: date
) -> IssuedLetter:
    """Record a letter's 送达; a notice's delivery starts the period it sets, so the case's due date
    (a cache of the ledger with its deliveries) is refreshed with it."""
    letters.letter_deliver(
        actor=actor, letter=letter, channel=channel, delivered_on=delivered_on, today=today
    )
    refresh_due_date(letter.application)
    return letter


def _refuse_late_unless_confirmed(application: Application, on: date, confirmed: bool, what: str) -> str:
    """条例第三十条: a 补正 (or payment) after the applicant's period is accepted only when the clerk
    confirms it; returns the note that records the confirmation."""
    state = clock_state(application, on)
    if state.abandon_on is None or on <= state.abandon_on:
        return ""
    if not confirmed:
        raise ServiceError(
            f"{what}于{on}收到，已超过期限（{state.abandon_on}届满），依法可视为放弃申请；"
            "如确认仍予受理，请勾选“确认逾期仍予受理”。"
        )
    return f"逾期{what}（期限{state.abandon_on}届满），经办人确认仍予受理"


def _set_status(application: Application, status: str) -> None:
    application.status = status
    application.save(update_fields=["status"])


@atomic_with_files()
def supplement_request(
    *, actor: User, application, on: date, missing: str, working_days: int, today: date
) -> IssuedLetter:
    """条例第三十条: one notice, listing everything to supplement; the clock stops until it comes back."""
    _require(application, Status.REGISTERED, Status.IN_PROGRESS)
    _check_date(application, on, today)
    if not 1 <= working_days <= 30:
        raise ServiceError("补正期限应为1至30个工作日。")
    _refuse_unlawful(application, Entry(EntryKind.SUPPLEMENT_REQUESTED, on, working_days))
    draft = letters.supplement_notice(application, missing=missing, working_days=working_days)
    event = _record(
        application,
        ClockEventKind.SUPPLEMENT_REQUESTED,
        on,
        actor,
        days=working_days,
        note=missing[:300],
        basis="《政府信息公开条例》第三十条",
    )
    _set_status(application, Status.AWAITING_SUPPLEMENT)
    letter = _issue_notice(actor, application, event, draft, on)
    refresh_due_date(application)
    return letter


@transaction.atomic
def supplement_receive(
    *, actor: User, application, on: date, today: date, confirm_late: bool = False
) -> Application:
    _require(application, Status.AWAITING_SUPPLEMENT)
    _check_date(application, on, today)
    note = _refuse_late_unless_confirmed(application, on, confirm_late, "补正")
    _record(
        application,
        ClockEventKind.SUPPLEMENT_RECEIVED,
        on,
        actor,
        note=note,
        basis="《政府信息公开条例》第三十条",
    )
    _set_status(application, Status.IN_PROGRESS)
    refresh_due_date(application)
    return application


# 征求意见 (条例第三十二条、第三十四条): applications.consultations, with these ledger helpers.


@atomic_with_files()
def extension_approve(
    *, actor: User, application, on: date, days: int, reason: str, today: date
) -> IssuedLetter:
    """条例第三十三条第二款: approved by the head of the disclosure office, at most 20 working days, once."""
    _require(application, Status.REGISTERED, Status.IN_PROGRESS)
    _check_date(application, on, today)
    if Role.HEAD not in roles_held(user=actor, body=application.body, on=today) and not actor.is_superuser:
        raise ServiceError("延期答复须经政府信息公开工作机构负责人同意。")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ServiceError(f"延长期限最长不超过{MAX_EXTENSION_DAYS}个工作日。")
    if application.clock_events.filter(kind=ClockEventKind.EXTENSION_APPROVED).exists():
        raise ServiceError("本申请已经延期一次。")
    if not reason.strip():
        raise ServiceError("请写明延期理由。")
    _refuse_unlawful(application, Entry(EntryKind.EXTENSION_APPROVED, on, days))
    _record(
        application,
        ClockEventKind.EXTENSION_APPROVED,
        on,
        actor,
        days=days,
        note=reason[:300],
        basis="《政府信息公开条例》第三十三条第二款",
    )
    new_due = refresh_due_date(application)
    if new_due is None or due_note(new_due):  # a letter must not promise a provisional date
        raise ServiceError("延长后的答复期限超出日历已知的年份，请先导入下一年的节假日安排。")
    draft = letters.extension_notice(application, days=days, new_due_on=new_due, reason=reason.strip())
    return letters.letter_issue(actor=actor, application=application, draft=draft, issued_on=on)


@atomic_with_files()
def fee_notice_send(*, actor: User, application, on: date, fee: Fee, today: date) -> IssuedLetter:
    _require(application, Status.REGISTERED, Status.IN_PROGRESS)
    _check_date(application, on, today)
    if fee.total <= 0:
        raise ServiceError("未超过免费额度，不应收费。")
    draft = letters.fee_notice(application, fee=fee)
    event = _record(
        application,
        ClockEventKind.FEE_NOTICE_SENT,
        on,
        actor,
        note=f"{fee.total}元",
        basis=fee.basis,
        amount=fee.total,
    )
    _set_status(application, Status.AWAITING_FEE)
    letter = _issue_notice(actor, application, event, draft, on)
    refresh_due_date(application)
    return letter


@transaction.atomic
def fee_paid(*, actor: User, application, on: date, today: date, confirm_late: bool = False) -> Application:
    _require(application, Status.AWAITING_FEE)
    _check_date(application, on, today)
    note = _refuse_late_unless_confirmed(application, on, confirm_late, "缴费")
    _record(application, ClockEventKind.FEE_PAID, on, actor, note=note)
    _set_status(application, Status.IN_PROGRESS)
    refresh_due_date(application)
    return application


def answer_ground(*, outcome_code: str = "", ground_code: str = "") -> Ground:
    """The ground of an answer: given, or the first one of the outcome (callers that name a row only)."""
    try:
        if ground_code:
            return ground(ground_code)
        outcome(outcome_code)
    except ValueError as error:
        raise ServiceError(str(error)) from error
    return DEFAULT_GROUND[outcome_code]


@atomic_with_files()
def application_decide(
    *,
    actor: User,
    application,
    on: date,
    today: date,
    reason: str = "",
    outcome_code: str = "",
    ground_code: str = "",
    access: str = "",
    withheld: str = "",
    objected_part_withheld: bool = False,
) -> IssuedLetter:
    """The answer: exactly one ground (and so one coded outcome, the table-2 row), its wording and
    legal basis, and the 答复书. Where approval is on, this is what 签发 runs (applications.approval).
    A disclosure waits for the consulted parties (disclosure_gate, 条例第三十二条)."""
    chosen_ground = answer_ground(outcome_code=outcome_code, ground_code=ground_code)
    chosen = outcome(chosen_ground.outcome_code)
    _require(application, Status.REGISTERED, Status.IN_PROGRESS)
    disclosure_gate.refuse_blocked_disclosure(
        application, ground_code=chosen_ground.code, objected_part_withheld=objected_part_withheld
    )
    _check_date(application, on, today)
    refuse_in_locked_year(body=application.body, day=on)
    facts = {"reason": reason, "access": access, "withheld": withheld}
    remedy = letter_texts.remedy_sentence(application.body, on)
    draft = letters.answer(application, ground=chosen_ground, facts=facts, remedy=remedy)
    _record(application, ClockEventKind.ANSWERED, on, actor, note=chosen.row_2021, basis=draft.legal_basis)
    application.outcome = chosen.code
    application.decided_on = on
    application.decision_reason = reason.strip()
    application.status = Status.CLOSED if chosen.group is OutcomeGroup.OTHER else Status.ANSWERED
    application.save(update_fields=["outcome", "decided_on", "decision_reason", "status"])
    return letters.letter_issue(actor=actor, application=application, draft=draft, issued_on=on)


@transaction.atomic
def application_redirect(
    *, actor: User, application, competent_body: str, contact: str, on: date, today: date
):
    """条例第三十六条第（五）项: not this body's information; tell the applicant who holds it (转办)."""
    if not competent_body.strip():
        raise ServiceError("请填写负责公开该信息的机关。")
    reason = f"负责公开该政府信息的机关为{competent_body.strip()}"
    reason += f"，联系方式：{contact.strip()}" if contact.strip() else ""
    return application_decide(
        actor=actor,
        application=application,
        ground_code="36-5",
        on=on,
        reason=reason,
        today=today,
    )


ABANDONED_OUTCOME = {
    Status.AWAITING_SUPPLEMENT: "other_no_supplement",
    Status.AWAITING_FEE: "other_fee_unpaid",
}
ABANDONED_NOTICE = {  # the notice whose period ran out, and what the applicant did not do
    Status.AWAITING_SUPPLEMENT: (LetterKind.SUPPLEMENT_NOTICE, "补正"),
    Status.AWAITING_FEE: (LetterKind.FEE_NOTICE, "缴纳信息处理费"),
}


def close_abandoned(*, today: date) -> list[Application]:
    """Close the cases whose 补正 or fee did not arrive in time, each with a 终止处理告知书.

    Run daily (manage.py close_abandoned_cases). A case closes on the first working day after the
    applicant's period, counted from the notice's recorded delivery (条例第三十条: 自收到…之日起);
    while the delivery is not recorded the period is only assumed and the case stays open (the
    case page warns). The closing day does not depend on the day the job runs, so a missed run
    does not shift it.
    """
    closed = []
    calendar = current_calendar()
    for application in Application.objects.filter(status__in=ABANDONED_OUTCOME).select_related("body"):
        state = clock_state(application, today, calendar)
        if state.abandon_on is None or state.abandon_assumed:
            continue
        try:
            closing_day = calendar.add_working_days(state.abandon_on, 1)
        except UnknownYearError:
            continue  # the next working day is in a year not loaded: closed once it is imported
        if closing_day > today:
            continue
        try:
            closed.append(_close_as_abandoned(application, closing_day))
        except ServiceError:
            continue  # its closing day is in a year whose report is published: closed after a correction draft
    return closed


@atomic_with_files()
def _close_as_abandoned(application: Application, closing_day: date) -> Application:
    chosen = outcome(ABANDONED_OUTCOME[application.status])
    notice_kind, missed = ABANDONED_NOTICE[application.status]
    refuse_in_locked_year(body=application.body, day=closing_day)
    _record(application, ClockEventKind.ANSWERED, closing_day, None, note=chosen.row_2021, basis=chosen.basis)
    application.outcome = chosen.code
    application.decided_on = closing_day
    application.decision_reason = f"申请人逾期未{missed}，视为放弃申请。"
    application.status = Status.CLOSED
    application.save(update_fields=["outcome", "decided_on", "decision_reason", "status"])
    notice = application.letters.filter(kind=notice_kind).latest("issued_on", "id")  # delivered: see above
    draft = letters.termination(
        application, notice=notice, missed=missed, closed_on=closing_day, basis=chosen.basis
    )
    letters.letter_issue(actor=None, application=application, draft=draft, issued_on=closing_day)
    return application
