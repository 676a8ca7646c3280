"""Entering a year's holiday arrangement (or correcting one), then re-dating every open case and
every proactive-disclosure item's 条例第二十六条 date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from gongkai.auditlog.services import audit_record
from gongkai.common.services import ServiceError
from gongkai.core.workcalendar import ArrangementError, parse_arrangement
from gongkai.jobs.models import Job
from gongkai.jobs.services import job_enqueue
from gongkai.registry.deadlines import deadlines_refresh
from gongkai.registry.models import CalendarYear

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _store(*, actor: User, data, reason: str) -> tuple[CalendarYear, str]:
    """Store the arrangement; return it and the reason the deadlines are re-derived."""
    try:
        arrangement = parse_arrangement(data)
    except ArrangementError as error:
        raise ServiceError(str(error)) from error
    if not reason.strip():
        raise ServiceError("请说明依据（如通知文号）或更正原因。")
    existing = CalendarYear.objects.filter(year=arrangement.year).first()
    before = existing.data if existing else None
    row, _ = CalendarYear.objects.update_or_create(
        year=arrangement.year,
        defaults={"data": arrangement.to_dict(), "reason": reason.strip(), "entered_by": actor},
    )
    audit_record(
        actor=actor,
        action="calendar.import",
        summary=f"{'更正' if existing else '录入'}{arrangement.year}年节假日安排：{reason.strip()}",
        before=before,
        after=arrangement.to_dict(),
    )
    return row, f"{arrangement.year}年节假日安排{'更正' if existing else '录入'}"


@transaction.atomic
def calendar_year_import(*, actor: User, data, reason: str) -> tuple[CalendarYear, int]:
    """Store the arrangement and re-date everything now; return it and how many open cases got a
    new due date (the command line and tests; the web page queues the re-dating instead)."""
    row, why = _store(actor=actor, data=data, reason=reason)
    moved = deadlines_refresh(actor=actor, reason=why)  # 条例第二十六条's dates move too
    return row, moved["applications"]


@transaction.atomic
def calendar_year_import_queued(*, actor: User, data, reason: str) -> tuple[CalendarYear, Job]:
    """Store the arrangement and queue the re-dating of every open case and item (a province's
    hundreds of thousands of cases take longer than a request should)."""
    row, why = _store(actor=actor, data=data, reason=reason)
    job = job_enqueue(kind="deadlines.refresh", actor=actor, result_url=reverse("calendar-years"), reason=why)
    return row, job
