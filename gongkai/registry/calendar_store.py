"""The one owner of the working calendar in a running process.

The calendar is the shipped arrangements (parsed once per process) plus the years an
administrator entered (CalendarYear). It is built once and kept until a CalendarYear changes.

How a change is noticed: every call reads one cheap stamp from the database, the number of
CalendarYear rows and the latest `entered_at` (a table of a few rows; one aggregate, no JSON
parsed). A generation number in the shared cache would save that query, but the cache is not
always shared (local memory in development and tests, one per process), and a database stamp is
also transactional: inside the import's transaction the new year is seen at once, other processes
see it when it commits, and a rolled-back import is never seen at all.
"""

from __future__ import annotations

from functools import cache

from django.db.models import Count, Max

from gongkai.core.workcalendar import WorkCalendar, parse_arrangement, shipped_arrangements
from gongkai.registry.models import CalendarYear

_built: dict[str, object] = {"stamp": None, "calendar": None}


@cache
def _shipped():
    return tuple(shipped_arrangements())


def _stamp() -> tuple:
    row = CalendarYear.objects.aggregate(rows=Count("id"), latest=Max("entered_at"))
    return (row["rows"], row["latest"])


def current_calendar() -> WorkCalendar:
    stamp = _stamp()
    if _built["stamp"] != stamp or _built["calendar"] is None:
        entered = [parse_arrangement(row.data) for row in CalendarYear.objects.all()]
        _built["calendar"] = WorkCalendar([*_shipped(), *entered])
        _built["stamp"] = stamp
    return _built["calendar"]
