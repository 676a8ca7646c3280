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


def describe(due: DueCase) -> str:
    application = due.application
    if due.overdue:
        return f"{application.number}（{application.body}）已逾期{-due.days_left}个工作日，答复期限{application.due_on}"
    return (
        f"{application.number}（{application.body}）还剩{due.days_left}个工作日，答复期限{application.due_on}"
    )


def reminder_digest(*, today: date):
    """(user, lines) for each assigned clerk with cases due within 5 working days or overdue."""
    from gongkai.bodies.models import Body

    per_user: dict = {}
    for due in due_cases(bodies=Body.objects.all(), today=today):
        clerk = due.application.assigned_to
        if clerk is not None:
            per_user.setdefault(clerk, []).append(describe(due))
    return sorted(per_user.items(), key=lambda pair: pair[0].username)


def overdue_under(*, supervisor_ids, today: date) -> list[DueCase]:
    """督办: overdue cases of every body supervised (down the chain) by the given bodies."""
    from gongkai.bodies.selectors import supervised_body_ids

    bodies = supervised_body_ids(supervisor_ids=supervisor_ids, on=today) | set(supervisor_ids)
    return [due for due in due_cases(bodies=bodies, today=today, within=-1) if due.overdue]


def reminders_send(*, today: date, dry_run: bool = False) -> list:
    """The daily reminder: each clerk's digest, e-mailed unless dry_run (the cron command and the
    queue's daily job both call this)."""
    from django.conf import settings
    from django.core.mail import send_mail

    digests = reminder_digest(today=today)
    if not dry_run:
        for user, lines in digests:
            if user.email:
                send_mail(
                    "政府信息公开申请到期提醒", "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email]
                )
    return digests
