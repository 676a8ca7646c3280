"""Whether a body's records of a year are locked, and the refusal of a change to them.

The annual report owns the rule (a published year's records stay as published until a correction
is drafted) and registers it here when its app is ready; every app that changes records of a year
asks here, so applications needs no import of annual (which reads applications) to honour it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError

YEAR_LOCK_RULES: list[Callable[[Body, int], bool]] = []


def year_locked(body: Body, year: int) -> bool:
    return any(rule(body, year) for rule in YEAR_LOCK_RULES)


def refuse_in_locked_year(*, body: Body, day: date) -> None:
    """The records of a year whose annual report is published stay as published (until a correction draft)."""
    if year_locked(body, day.year):
        raise ServiceError(f"{day.year}年度年报已发布，该年度数据已锁定；如需更正，请先起草更正版本")
