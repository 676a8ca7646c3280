"""Reminders and 督办: cases due within 5 and 2 working days, and overdue cases, per body.

Read by the staff home page, by the supervising body's overdue list, and by the daily job
(`manage.py send_reminders`, run by cron or a systemd timer), which also e-mails the clerks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from gongkai.applications.clock import working_days_left
from gongkai.applications.models import Application
from gongkai.applications.selectors import OPEN_STATUSES

WARN_DAYS = (5, 2)


@dataclass(frozen=True)
class DueCase:
    application: Application
    days_left: int  # working days left before the due date; negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def open_with_due_date(bodies) -> QuerySet[Application]:
    return (
        Application.objects.filter(body__in=bodies, status__in=OPEN_STATUSES, due_on__isnull=False)
        .select_related("body", "assigned_to")
        .order_by("due_on")
    )


def due_cases(*, bodies, today: date, within: int = WARN_DAYS[0]) -> list[DueCase]:
    """Open cases due within `within` working days, and overdue ones, soonest first."""
    found = []
    for application in open_with_due_date(bodies):
        left = working_days_left(application, today)
        if left <= within:
            found.append(DueCase(application, left))
    return found
