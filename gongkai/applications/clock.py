"""The bridge between cases and the statutory clock of gongkai.core.answer_clock.

The calendar is the shipped arrangements plus any year an administrator entered (CalendarYear);
the clock settings come from the deployment's settings. A case's due date is cached on the case
and recomputed here whenever its ledger or the calendar changes.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction

from gongkai.applications.models import Application, CalendarYear, ClockEvent
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.auditlog.services import audit_record
from gongkai.core.answer_clock import ClockSettings, ClockState, Entry, EntryKind, compute_clock
from gongkai.core.workcalendar import UnknownYearError, WorkCalendar, default_calendar, parse_arrangement


def current_calendar() -> WorkCalendar:
    return default_calendar([parse_arrangement(row.data) for row in CalendarYear.objects.all()])


def clock_settings() -> ClockSettings:
    return ClockSettings(
        count_receipt_day=settings.CLOCK_COUNT_RECEIPT_DAY, fee_pauses_clock=settings.CLOCK_FEE_PAUSES
    )


def ledger(application: Application, events=None) -> list[Entry]:
    """The case's clock entries; `events` may be passed in when they were prefetched in bulk."""
    if events is None:
        events = ClockEvent.objects.filter(application=application).order_by("on", "id")
    return [Entry(EntryKind(e.kind), e.on, e.days) for e in sorted(events, key=lambda e: (e.on, e.id))]


def clock_state(application: Application, today: date, calendar: WorkCalendar | None = None) -> ClockState:
    """Raises UnknownYearError when the clock runs into a year the calendar does not know."""
    return compute_clock(ledger(application), calendar or current_calendar(), today, clock_settings())


def _due_date(application: Application, calendar: WorkCalendar, events=None) -> date | None:
    try:
        state = compute_clock(
            ledger(application, events), calendar, application.received_on, clock_settings()
        )
    except UnknownYearError:
        return None  # shown on the case page with the reason; recomputed when the year is imported
    return state.due_on


def refresh_due_date(application: Application, calendar: WorkCalendar | None = None) -> date | None:
    """Recompute and store the due date; None while the clock is stopped or cannot be computed."""
    due_on = _due_date(application, calendar or current_calendar())
    if due_on != application.due_on:
        application.due_on = due_on
        application.save(update_fields=["due_on"])
    return due_on


def working_days_left(application: Application, today: date, calendar: WorkCalendar | None = None) -> int:
    if application.due_on is None:
        return 10**6  # stopped clock: nothing is due
    calendar = calendar or current_calendar()
    if today <= application.due_on:
        return calendar.working_days_between(today, application.due_on)
    return -calendar.working_days_between(application.due_on, today)


@transaction.atomic
def recompute_open_cases(*, actor, reason: str) -> int:
    """After a calendar change: recompute every open case and log each moved due date on its case."""
    calendar = current_calendar()
    moved = 0
    cases = (
        Application.objects.filter(status__in=OPEN_STATUSES)
        .select_related("body")
        .prefetch_related("clock_events")
    )
    for application in cases.iterator(chunk_size=2000):
        before = application.due_on
        after = _due_date(application, calendar, application.clock_events.all())
        if after != before:
            moved += 1
            application.due_on = after
            application.save(update_fields=["due_on"])
            audit_record(
                actor=actor,
                action="application.due_recomputed",
                summary=f"{application.number} 因节假日安排变化，答复期限由{before or '—'}改为{after or '—'}（{reason}）",
                body=application.body,
                target=application,
                before={"due_on": before},
                after={"due_on": after},
                legal_basis="《政府信息公开条例》第三十三条",
            )
    return moved
