"""Re-dating every open case after a calendar change, as a set rather than row by row.

One fetch of the open cases and their ledgers. A due date is a pure function of the ledger and the
calendar (gongkai.core.answer_clock), and most ledgers repeat (every case received on the same day
with nothing else on it has the same due date), so each distinct ledger goes through the rule
engine once and the law is still stated once. On PostgreSQL the moved dates are written, and each
logged on its case, by one statement per chunk: the UPDATE joined to unnest() arrays, its
RETURNING rows inserted into the audit log (which the append-only triggers allow); SQLite uses
executemany and bulk INSERTs. The result equals refresh_due_date() on every case (a test checks
both paths on the same data). Registered with registry.deadlines as the "applications" area, so a
calendar change re-dates the cases along with every other app's deadlines.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from gongkai.applications.clock import current_calendar, due_date_of
from gongkai.applications.models import Application, ClockEvent, IssuedLetter
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.auditlog.models import AuditEntry
from gongkai.auditlog.services import AuditRow, actor_fields, audit_record_many
from gongkai.core.answer_clock import Entry, EntryKind
from gongkai.core.workcalendar import WorkCalendar
from gongkai.registry.deadlines import DeadlineArea

if TYPE_CHECKING:
    from django.contrib.auth.models import User


CHUNK = 20_000
ACTION = "application.due_recomputed"
BASIS = "《政府信息公开条例》第三十三条"


@transaction.atomic
def recompute_open_cases(*, actor: User | None, reason: str, calendar: WorkCalendar | None = None) -> int:
    """After a calendar change: recompute every open case and log each moved due date on its case."""
    calendar = calendar or current_calendar()
    postgres = connection.vendor == "postgresql"
    derive = _Derivation(calendar, _entries_of_text if postgres else _entries_of_rows)
    moved = []
    for case_id, number, body_id, before, ledger in _cases_as_text() if postgres else _cases_as_rows():
        after = derive.due_on(ledger)
        if after != before:
            moved.append((case_id, number, body_id, before, after))
    if postgres:
        _write_and_audit(moved, actor, reason)
    else:
        _write(moved)
        _audit(moved, actor, reason)
    return len(moved)


def _cases_as_rows():
    """(id, number, body_id, due_on, ledger) of each open case, the ledger as raw (kind, on, days,
    delivered_on) rows: hashable, so a ledger seen before costs a dictionary lookup."""
    rows = (
        ClockEvent.objects.filter(application__status__in=OPEN_STATUSES)
        .order_by("application_id", "on", "id")
        .values_list("application_id", "kind", "on", "days", "letter__delivered_on")
    )
    ledgers = {
        case_id: tuple(row[1:] for row in group)
        for case_id, group in groupby(rows.iterator(chunk_size=CHUNK), key=lambda row: row[0])
    }
    cases = Application.objects.filter(status__in=OPEN_STATUSES).order_by("id")
    for case_id, number, body_id, due_on in cases.values_list("id", "number", "body_id", "due_on"):
        yield case_id, number, body_id, due_on, ledgers.get(case_id, ())


def _entries_of_rows(rows: tuple[tuple, ...]) -> list[Entry]:
    return [Entry(EntryKind(kind), on, days, delivered) for kind, on, days, delivered in rows]


def _cases_as_text():
    """PostgreSQL: the same in one query, each ledger folded into one text
    ('received|2026-03-02||;consultation_sent|2026-03-09||2026-03-11'), parsed only the first time
    that text is seen: most cases share their ledger with others."""
    case, event, letter = (m._meta.db_table for m in (Application, ClockEvent, IssuedLetter))
    folded = (  # "on" is a reserved word in SQL
        """concat_ws('|', e.kind, to_char(e."on", 'YYYY-MM-DD'), coalesce(e.days::text, ''), """
        """coalesce(to_char(l.delivered_on, 'YYYY-MM-DD'), ''))"""
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT a.id, a.number, a.body_id, a.due_on, string_agg({folded}, ';' ORDER BY e."on", e.id) """  # noqa: S608
            f"FROM {case} a LEFT JOIN {event} e ON e.application_id = a.id "
            f"LEFT JOIN {letter} l ON l.clock_event_id = e.id "
            "WHERE a.status = ANY(%s) GROUP BY a.id ORDER BY a.id",
            [list(OPEN_STATUSES)],
        )
        yield from cursor.fetchall()


def _entries_of_text(text: str | None) -> list[Entry]:
    entries = []
    for part in text.split(";") if text else ():
        kind, on, days, delivered = part.split("|")
        entries.append(
            Entry(
                EntryKind(kind),
                date.fromisoformat(on),
                int(days) if days else None,
                date.fromisoformat(delivered) if delivered else None,
            )
        )
    return entries


class _Derivation:
    """due_date_of() once per distinct ledger; `entries_of` turns a ledger key into entries."""

    def __init__(self, calendar: WorkCalendar, entries_of):
        self.calendar, self.entries_of = calendar, entries_of
        self.known: dict = {}

    def due_on(self, ledger) -> date | None:
        if not ledger:
            return None  # no receipt recorded: nothing to count from (the case page says so)
        try:
            return self.known[ledger]
        except KeyError:
            due_on = self.known[ledger] = due_date_of(self.entries_of(ledger), self.calendar)
            return due_on


SUMMARY = "{number} 因节假日安排变化，答复期限由{before}改为{after}（{reason}）"


def _summary(number: str, before, after, reason: str) -> str:
    return SUMMARY.format(number=number, before=before or "—", after=after or "—", reason=reason)[:300]


def _array(values) -> str:
    """A PostgreSQL array literal of ids or dates (nothing to quote): far cheaper than having the
    driver quote 20,000 values one by one."""
    return "{" + ",".join("NULL" if value is None else str(value) for value in values) + "}"


def _write_and_audit(moved: list[tuple], actor: User | None, reason: str) -> None:
    """PostgreSQL: per chunk one statement that moves the dates and logs each on its case, with the
    summary written by format() from the same SUMMARY template."""
    table, audit = Application._meta.db_table, AuditEntry._meta.db_table
    actor_id, actor_name = actor_fields(actor)
    at, target_type = timezone.now(), Application._meta.label_lower
    template = SUMMARY.replace("{number}", "%1$s").replace("{before}", "%2$s")
    template = template.replace("{after}", "%3$s").replace("{reason}", "%4$s")
    with connection.cursor() as cursor:
        for first in range(0, len(moved), CHUNK):
            chunk = moved[first : first + CHUNK]
            cursor.execute(
                # The table names are our own; every value is a parameter.
                "WITH v AS (SELECT * FROM unnest(%s::bigint[], %s::date[], %s::date[]) AS v(id, before, after)), "  # noqa: S608
                f"moved AS (UPDATE {table} AS a SET due_on = v.after FROM v WHERE a.id = v.id "
                "RETURNING a.id, a.body_id, a.number) "
                f"INSERT INTO {audit} (at, actor_id, actor_name, action, summary, body_id, target_type, "
                "target_id, before, after, legal_basis) "
                "SELECT %s, %s, %s, %s, left(format(%s, moved.number, "
                "coalesce(to_char(v.before, 'YYYY-MM-DD'), '—'), coalesce(to_char(v.after, 'YYYY-MM-DD'), '—'), "
                "%s), 300), moved.body_id, %s, moved.id::text, "
                "jsonb_build_object('due_on', v.before), jsonb_build_object('due_on', v.after), %s "
                "FROM moved JOIN v ON v.id = moved.id ORDER BY moved.id",
                [
                    _array(row[0] for row in chunk),
                    _array(row[3] for row in chunk),
                    _array(row[4] for row in chunk),
                    at,
                    actor_id,
                    actor_name,
                    ACTION,
                    template,
                    reason,
                    target_type,
                    BASIS,
                ],
            )


def _write(moved: list[tuple]) -> None:
    table = Application._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET due_on = %s WHERE id = %s",  # noqa: S608 - our own table name
            [(row[4], row[0]) for row in moved],
        )


def _audit(moved: list[tuple], actor: User | None, reason: str) -> None:
    target_type = Application._meta.label_lower
    rows = [
        AuditRow(
            action=ACTION,
            summary=_summary(number, before, after, reason),
            body_id=body_id,
            target_type=target_type,
            target_id=str(case_id),
            before={"due_on": before},
            after={"due_on": after},
            legal_basis=BASIS,
        )
        for case_id, number, body_id, before, after in moved
    ]
    audit_record_many(actor=actor, rows=rows)


def _pending_cases():
    return Application.objects.filter(status__in=OPEN_STATUSES, due_on__isnull=False)


DEADLINES = DeadlineArea(
    key="applications", recompute=recompute_open_cases, pending=_pending_cases, counted="件申请"
)
