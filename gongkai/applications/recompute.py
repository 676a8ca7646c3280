"""Re-dating every open case after a calendar change, as a set rather than row by row.

One fetch of the open cases and their ledgers; for a case whose ledger is only its receipt (most
cases) the due date is one binary search in the calendar's array of working days; any other
ledger goes through the rule engine (gongkai.core.answer_clock), so the law is still stated once.
The moved dates are written with one UPDATE per chunk (PostgreSQL: joined to unnest() arrays;
SQLite: executemany in one statement) and one audit entry per moved case in bulk INSERTs.
The result equals refresh_due_date() on every case (a test checks both paths on the same data).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby
from typing import TYPE_CHECKING

from django.db import connection, transaction

from gongkai.applications.clock import clock_settings, current_calendar, due_date_of
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.auditlog.services import AuditRow, audit_record_many
from gongkai.core.answer_clock import Entry, EntryKind
from gongkai.core.workcalendar import UnknownYearError, WorkCalendar

if TYPE_CHECKING:
    from django.contrib.auth.models import User


CHUNK = 20_000


@transaction.atomic
def deadlines_refresh(
    *, actor: User | None, reason: str, calendar: WorkCalendar | None = None
) -> tuple[int, int]:
    """Every stored deadline re-derived: open cases, then items' 条例第二十六条 dates. Called after a
    calendar change and by the daily job; returns (cases moved, items moved)."""
    from gongkai.publishing.deadlines import publication_due_dates_recompute

    calendar = calendar or current_calendar()
    cases = recompute_open_cases(actor=actor, reason=reason, calendar=calendar)
    return cases, publication_due_dates_recompute(actor=actor, reason=reason, calendar=calendar)


@transaction.atomic
def recompute_open_cases(*, actor: User | None, reason: str, calendar: WorkCalendar | None = None) -> int:
    """After a calendar change: recompute every open case and log each moved due date on its case."""
    calendar = calendar or current_calendar()
    cases = list(
        Application.objects.filter(status__in=OPEN_STATUSES)
        .order_by("id")
        .values_list("id", "number", "body_id", "due_on")
    )
    if not cases:
        return 0
    ledgers = _ledgers()
    derive = _Derivation(calendar)
    moved = []
    for case_id, number, body_id, before in cases:
        after = derive.due_on(ledgers.get(case_id, []))
        if after != before:
            moved.append((case_id, number, body_id, before, after))
    _write(moved)
    _audit(moved, actor, reason)
    return len(moved)


def _ledgers() -> dict[int, list[Entry]]:
    rows = (
        ClockEvent.objects.filter(application__status__in=OPEN_STATUSES)
        .order_by("application_id", "on", "id")
        .values_list("application_id", "kind", "on", "days")
    )
    return {
        case_id: [Entry(EntryKind(kind), on, days) for _, kind, on, days in group]
        for case_id, group in groupby(rows.iterator(chunk_size=CHUNK), key=lambda row: row[0])
    }


class _Derivation:
    """The fast path for a receipt-only ledger, the rule engine for everything else."""

    def __init__(self, calendar: WorkCalendar):
        self.calendar, self.settings = calendar, clock_settings()

    def due_on(self, entries: list[Entry]) -> date | None:
        if not entries:
            return None  # no receipt recorded: nothing to count from (the case page says so)
        if len(entries) == 1 and entries[0].kind == EntryKind.RECEIVED:
            start = entries[0].on - timedelta(days=1) if self.settings.count_receipt_day else entries[0].on
            try:
                return self.calendar.add_working_days(start, self.settings.answer_days)
            except UnknownYearError:
                pass  # runs past the loaded years: the rule engine gives the provisional date
        return due_date_of(entries, self.calendar)


def _write(moved: list[tuple]) -> None:
    table = Application._meta.db_table
    with connection.cursor() as cursor:
        for first in range(0, len(moved), CHUNK):
            chunk = moved[first : first + CHUNK]
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {table} AS a SET due_on = v.due_on "  # noqa: S608 - the table name is our own
                    "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::date[]) AS due_on) AS v "
                    "WHERE a.id = v.id",
                    [[row[0] for row in chunk], [row[4] for row in chunk]],
                )
            else:
                cursor.executemany(
                    f"UPDATE {table} SET due_on = %s WHERE id = %s",  # noqa: S608 - our own table name
                    [(row[4], row[0]) for row in chunk],
                )


def _audit(moved: list[tuple], actor: User | None, reason: str) -> None:
    target_type = Application._meta.label_lower
    rows = [
        AuditRow(
            action="application.due_recomputed",
            summary=f"{number} 因节假日安排变化，答复期限由{before or '—'}改为{after or '—'}（{reason}）",
            body_id=body_id,
            target_type=target_type,
            target_id=str(case_id),
            before={"due_on": before},
            after={"due_on": after},
            legal_basis="《政府信息公开条例》第三十三条",
        )
        for case_id, number, body_id, before, after in moved
    ]
    audit_record_many(actor=actor, rows=rows)
