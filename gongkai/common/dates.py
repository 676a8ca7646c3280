"""The plausible range of a date typed into the system, field by field.

Two kinds of date field: one that records something that happened (an application received, a
letter sent, a document written) cannot lie in the future; one that plans or dates an effect (a body
version's or a role's start, a document's 施行日期 or 有效期至, an absence) may. Neither reaches back
before the first 条例 took effect, except the dates of documents themselves, which may be older than
the system that publishes them.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

# 《中华人民共和国政府信息公开条例》（国务院令第492号）施行之日.
REGULATIONS_IN_FORCE = date(2008, 5, 1)
# A document still in force may have been written long before the 条例 (e.g. a 1990s regulation).
OLDEST_DOCUMENT = date(1949, 10, 1)
# Far enough for any plan or validity period, near enough to catch a mistyped year (9999, 20266).
LATEST_PLANNED = date(2099, 12, 31)


class DateKind(Enum):
    HAPPENED = "happened"  # not before the 条例, not after today
    PLANNED = "planned"  # not before the 条例, may be in the future
    DOCUMENT = "document"  # a document's own date (成文日期): may predate the 条例, not after today
    DOCUMENT_EFFECT = "document_effect"  # a document's 施行日期 / 有效期至: may predate or be future


def date_range(kind: DateKind, *, today: date) -> tuple[date, date]:
    earliest = (
        OLDEST_DOCUMENT if kind in (DateKind.DOCUMENT, DateKind.DOCUMENT_EFFECT) else REGULATIONS_IN_FORCE
    )
    latest = today if kind in (DateKind.HAPPENED, DateKind.DOCUMENT) else LATEST_PLANNED
    return earliest, latest


def _chinese(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_problem(value: date, kind: DateKind, *, today: date) -> str | None:
    """A Chinese sentence saying why the date is implausible (the caller names the field), or None."""
    earliest, latest = date_range(kind, today=today)
    if earliest <= value <= latest:
        return None
    end = f"今天（{_chinese(today)}）" if latest == today else _chinese(latest)
    return f"应在{_chinese(earliest)}至{end}之间（填写的是{_chinese(value)}）"
