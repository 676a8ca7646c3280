"""Calendar-wide deadline work: every stored deadline re-derived after a calendar change, and the
years whose deadlines are still counted without their holidays.

Each app that stores a deadline (applications' 答复期限, publishing's 条例第二十六条 date) owns its
own recompute and registers it here when its app is ready, as a DeadlineArea; the calendar import,
the daily job and the command call `deadlines_refresh`, which runs every registered area in one
transaction. So no app reaches into another's models to re-date them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.common.todo import TodoItem
from gongkai.core.workcalendar import WorkCalendar, provisional_label
from gongkai.registry.calendar_store import current_calendar

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class DeadlineArea:
    """One app's stored deadlines.

    `recompute(actor=, reason=, calendar=)` re-dates them and returns how many moved (each logged
    on its record); `pending()` is the queryset of records whose stored `due_on` still counts, and
    `counted` how the home page counts them ("件申请").
    """

    key: str
    recompute: Callable[..., int]
    pending: Callable[[], QuerySet]
    counted: str


DEADLINE_AREAS: list[DeadlineArea] = []


def register_deadline_area(area: DeadlineArea) -> None:
    """Called from an AppConfig.ready; a second ready() (tests reload apps) registers nothing twice."""
    if all(known.key != area.key for known in DEADLINE_AREAS):
        DEADLINE_AREAS.append(area)


@transaction.atomic
def deadlines_refresh(
    *, actor: User | None, reason: str, calendar: WorkCalendar | None = None
) -> dict[str, int]:
    """Every stored deadline re-derived (open cases, then items' 条例第二十六条 dates, in the order
    the apps registered). Called after a calendar change and by the daily job; returns how many
    moved, by area key."""
    calendar = calendar or current_calendar()
    return {
        area.key: area.recompute(actor=actor, reason=reason, calendar=calendar) for area in DEADLINE_AREAS
    }


def calendar_year_missing(user, today: date) -> list[TodoItem]:
    """For the administrator of the shared calendar: deadlines counted without their year's holidays.

    Such dates are provisional (weekends only) until the year's arrangement is imported; the
    import re-dates them. Each missing year is one item.
    """
    if not user.is_superuser:
        return []
    known = list(current_calendar().years)
    pending = [(area, area.pending().exclude(due_on__year__in=known)) for area in DEADLINE_AREAS]
    years = sorted({day.year for _, rows in pending for day in rows.dates("due_on", "year")})
    return [
        TodoItem(
            title=f"请导入{year}年节假日安排",
            detail=f"{provisional_label(year)}："
            + "、".join(f"{rows.filter(due_on__year=year).count()}{area.counted}" for area, rows in pending)
            + "的期限暂按周末计算，导入后自动重算。",
            url=reverse("calendar-years"),
            urgent=True,
        )
        for year in years
    ]
