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

from gongkai.applications.models import Application, ClockEvent
from gongkai.core.answer_clock import ClockSettings, ClockState, Entry, EntryKind, compute_clock
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
    "refresh_due_date",
]


def clock_settings() -> ClockSettings:
    return ClockSettings(
        count_receipt_day=settings.CLOCK_COUNT_RECEIPT_DAY,
        fee_pauses_clock=settings.CLOCK_FEE_PAUSES,
        postal_allowance_days=settings.CLOCK_POSTAL_ALLOWANCE_DAYS,
    )


def ledger(application: Application, events=None) -> list[Entry]:
    """The case's clock entries; `events` may be passed in when they were prefetched in bulk."""
    if events is None:
        events = ClockEvent.objects.filter(application=application).order_by("on", "id")
    return [Entry(EntryKind(e.kind), e.on, e.days) for e in sorted(events, key=lambda e: (e.on, e.id))]


def clock_state(application: Application, today: date, calendar: WorkCalendar | None = None) -> ClockState:
    """The live clock; in a year not yet loaded, provisional, with a warning saying so."""
    entries, settings_ = ledger(application), clock_settings()
    state, unknown = with_provisional(
        lambda c: compute_clock(entries, c, today, settings_), calendar or current_calendar()
    )
    if unknown is None:
        return state
    warning = f"{provisional_label(unknown)}，期限暂按周末计算；请管理员导入该年节假日安排后自动重算。"
    return replace(state, warnings=(warning, *state.warnings))


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
