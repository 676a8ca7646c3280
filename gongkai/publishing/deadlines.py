"""条例第二十六条's date for every version of an item, and its refresh after a calendar change.

A version's stored `due_on` is a cache of publication_due_on(formed_on): set when the version is
drafted and recomputed here when a year's arrangement is entered or corrected. In a year whose
arrangement is not loaded the date is provisional (weekends only), shown as 「暂定」 and refreshed
when the year is imported - never left empty, so a late item is always flagged. Registered with
registry.deadlines as the "publishing" area, so a calendar change re-dates the items too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.auditlog.services import AuditRow, audit_record_many
from gongkai.core.catalogue import publication_due_on
from gongkai.core.workcalendar import WorkCalendar, with_provisional
from gongkai.publishing.models import Publication, PublicationVersion
from gongkai.publishing.selectors import PUBLISHED_STATUSES
from gongkai.registry.calendar_store import current_calendar
from gongkai.registry.deadlines import DeadlineArea

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def due_on_for(formed_on: date, calendar: WorkCalendar | None = None) -> date:
    due_on, _ = with_provisional(lambda c: publication_due_on(formed_on, c), calendar or current_calendar())
    return due_on


@transaction.atomic
def publication_due_dates_recompute(
    *, actor: User | None, reason: str, calendar: WorkCalendar | None = None
) -> int:
    """Re-date every version whose 条例第二十六条 date moved; log each on its item."""
    calendar = calendar or current_calendar()
    moved, rows = [], []
    versions = PublicationVersion.objects.select_related("publication").only(
        "id", "number", "formed_on", "due_on", "title", "publication__index_number", "publication__body_id"
    )
    for version in versions.iterator(chunk_size=2000):
        before, after = version.due_on, due_on_for(version.formed_on, calendar)
        if after == before:
            continue
        version.due_on = after
        moved.append(version)
        rows.append(
            AuditRow(
                action="publishing.due_recomputed",
                summary=f"“{version.title}”（{version.publication.index_number} 第{version.number}版）"
                f"因节假日安排变化，应公开日期由{before or '—'}改为{after}（{reason}）",
                body_id=version.publication.body_id,
                target_type=Publication._meta.label_lower,
                target_id=str(version.publication_id),
                before={"due_on": before},
                after={"due_on": after},
                legal_basis="《政府信息公开条例》第二十六条",
            )
        )
    PublicationVersion.objects.bulk_update(moved, ["due_on"], batch_size=1000)
    audit_record_many(actor=actor, rows=rows)
    return len(moved)


def _pending_versions():
    return PublicationVersion.objects.filter(due_on__isnull=False).exclude(status__in=PUBLISHED_STATUSES)


DEADLINES = DeadlineArea(
    key="publishing",
    recompute=publication_due_dates_recompute,
    pending=_pending_versions,
    counted="条主动公开信息",
)
