"""The bridge between cases and the statutory clock of gongkai.core.answer_clock.

The calendar comes from gongkai.registry.calendar_store; the clock settings from the
deployment's settings. A case's stored due date is only a cache of `due_date_of(ledger)`:
refreshed here whenever its ledger changes, after a calendar change (gongkai.applications.recompute)
and by the daily job (`manage.py refresh_deadlines`). When the period runs into a year whose
arrangement is not loaded, the date is computed as if that year had weekends only and is shown as
provisional (暂定) until the year is imported - never left empty.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.conf import settings

from gongkai.applications.models import AnswerSettings, Application, Channel, ClockEvent
from gongkai.core.answer_clock import ClockSettings, ClockState, Entry, EntryKind, compute_clock
from gongkai.core.receipt import OnlineReceiptRule, non_working_day_warning, online_receipt_day
from gongkai.core.workcalendar import WorkCalendar, first_unknown_year, provisional_label, with_provisional
from gongkai.registry.calendar_store import current_calendar

__all__ = [
    "clock_settings",
    "clock_state",
    "clock_state_with",
    "current_calendar",
    "due_date_of",
    "due_note",
    "ledger",
    "online_receipt_rule",
    "receipt_day_online",
    "refresh_due_date",
]


def clock_settings() -> ClockSettings:
    return ClockSettings(
        count_receipt_day=settings.CLOCK_COUNT_RECEIPT_DAY,
        fee_pauses_clock=settings.CLOCK_FEE_PAUSES,
        postal_allowance_days=settings.CLOCK_POSTAL_ALLOWANCE_DAYS,
        art35_reason_pauses_clock=settings.ART35_REASON_PAUSES_CLOCK,
        art35_max_working_days=settings.ART35_MAX_WORKING_DAYS,
    )


def online_receipt_rule(body) -> OnlineReceiptRule:
    """The body's stated rule for the online receipt day, else the deployment's setting."""
    chosen = AnswerSettings.objects.filter(body=body).values_list("online_receipt", flat=True).first()
    return OnlineReceiptRule(chosen or settings.CLOCK_ONLINE_RECEIPT)


def receipt_day_online(submitted_on: date, body) -> date:
    """条例第三十一条: the receipt day of an application submitted online today, by the body's rule."""
    return online_receipt_day(submitted_on, current_calendar().provisional(), online_receipt_rule(body))


def _day_warnings(application: Application, entries: list[Entry], calendar: WorkCalendar) -> list[str]:
    """An in-person receipt or an answer recorded on a non-working day: more often a typing error."""
    calendar = calendar.provisional()
    found = [
        non_working_day_warning("作出答复的日期", entry.on, calendar)
        for entry in entries
        if entry.kind == EntryKind.ANSWERED
    ]
    if application.channel == Channel.IN_PERSON:
        found.insert(0, non_working_day_warning("当面提交申请的日期", application.received_on, calendar))
    return [warning for warning in found if warning]


def ledger(application: Application) -> list[Entry]:
    """The case's clock entries, each notice with its recorded delivery (the letter's 送达日期)."""
    rows = (
        ClockEvent.objects.filter(application=application)
        .order_by("on", "id")
        .values_list("kind", "on", "days", "letter__delivered_on")
    )
    return [Entry(EntryKind(kind), on, days, delivered_on) for kind, on, days, delivered_on in rows]


def clock_state(application: Application, today: date, calendar: WorkCalendar | None = None) -> ClockState:
    """The live clock; in a year not yet loaded, provisional, with a warning saying so."""
    entries, settings_ = ledger(application), clock_settings()
    calendar = calendar or current_calendar()
    state, unknown = with_provisional(lambda c: compute_clock(entries, c, today, settings_), calendar)
    warnings = _day_warnings(application, entries, calendar)
    if unknown is not None:
        warnings.insert(
            0, f"{provisional_label(unknown)}，期限暂按周末计算；请管理员导入该年节假日安排后自动重算。"
        )
    return replace(state, warnings=(*warnings, *state.warnings)) if warnings else state


def clock_state_with(application: Application, entry: Entry) -> ClockState:
    """The clock as it would be with one more entry; raises ClockError if the ledger becomes unlawful."""
    entries = [*ledger(application), entry]
    return with_provisional(
        lambda c: compute_clock(entries, c, entry.on, clock_settings()), current_calendar()
    )[0]


def due_date_of(entries: list[Entry], calendar: WorkCalendar) -> date | None:
    """The due date the ledger gives (provisional in a year not loaded). It does not depend on the
    day it is computed, so the receipt day stands in for 'today'."""
    settings_ = clock_settings()
    due_on, _ = with_provisional(
        lambda c: compute_clock(entries, c, entries[0].on, settings_, explain=False).due_on, calendar
    )
    return due_on


def due_note(due_on: date | None, calendar: WorkCalendar | None = None) -> str:
    """「暂定：2027年节假日安排未导入」 beside a stored date counted without its year's holidays."""
    unknown = first_unknown_year(calendar or current_calendar(), due_on)
    return provisional_label(unknown) if unknown else ""


def refresh_due_date(application: Application, calendar: WorkCalendar | None = None) -> date | None:
    """Recompute and store the due date; None only while the applicant holds the case."""
    due_on = due_date_of(ledger(application), calendar or current_calendar())
    if due_on != application.due_on:
        application.due_on = due_on
        application.save(update_fields=["due_on"])
    return due_on


def working_days_left(application: Application, today: date, calendar: WorkCalendar | None = None) -> int:
    if application.due_on is None:
        return 10**6  # the applicant holds the case: nothing is due from the body
    calendar = (calendar or current_calendar()).provisional()
    if today <= application.due_on:
        return calendar.working_days_between(today, application.due_on)
    return -calendar.working_days_between(application.due_on, today)
