"""What the drafted report text says beyond the tables: items by column and kind, fees, problems.

Each fact is read with a grouped query for the body and year; drafting.py turns them into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q

from gongkai.applications.models import Application, ClockEvent, ClockEventKind
from gongkai.core.catalogue import ITEM_KIND_LABELS
from gongkai.publishing.models import Publication
from gongkai.supervision.models import Urging


@dataclass(frozen=True)
class DraftFacts:
    items_by_column: list[tuple[str, int]] = field(default_factory=list)
    items_by_kind: list[tuple[str, int]] = field(default_factory=list)
    normative_with_interpretation: tuple[int, int] = (0, 0)  # (interpreted, normative published in the year)
    fees_paid: tuple[int, Decimal] = (0, Decimal(0))  # (cases, 元)
    answered_late: list[str] = field(default_factory=list)  # case numbers
    overdue_at_year_end: list[str] = field(default_factory=list)
    overdue_count: int = 0  # all of them; overdue_at_year_end lists 20 at most
    items_late: int = 0  # published in the year after their 条例第二十六条 date
    updates_missed: list[str] = field(default_factory=list)  # periodic columns behind at year end
    secrecy_reviewed: int = 0  # versions published in the year, each signed by a 保密审查员
    hits: list[tuple[str, int, int]] = field(default_factory=list)  # (kind label, masked, allowed)
    repealed: int = 0  # normative documents and rules 废止 in the year (规范性文件清理)
    answered: int = 0  # decided in the year
    answered_on_time: int = 0  # the rest were answered late (answered_late lists 20 at most)
    average_working_days: Decimal | None = None  # receipt to answer, decided in the year
    supplements: int = 0  # 补正告知 sent in the year
    consultations: int = 0  # 征求第三方意见 sent in the year
    last_year_overdue: list[str] = field(default_factory=list)  # listed at the end of last year
    last_year_overdue_still_open: list[str] = field(default_factory=list)
    urgings: tuple[int, int] = (0, 0)  # (督办 received from supervising bodies in the year, replied to)
    turned_proactive: int = 0  # cases turned to 主动公开 in the year (条例第四十四条)


def _published_in(body, year: int):
    return Publication.objects.filter(body=body, first_published_on__year=year)


def _fees_paid(body, year: int) -> tuple[int, Decimal]:
    """Cases whose fee was paid in the year, and the amount of their (latest) fee notices."""
    paid = set(
        ClockEvent.objects.filter(
            application__body=body, kind=ClockEventKind.FEE_PAID, on__year=year
        ).values_list("application_id", flat=True)
    )
    notices = ClockEvent.objects.filter(application_id__in=paid, kind=ClockEventKind.FEE_NOTICE_SENT)
    latest = dict(notices.order_by("on", "id").values_list("application_id", "amount"))
    return len(paid), sum((amount for amount in latest.values() if amount is not None), Decimal(0))


def _late_and_overdue(body, year: int) -> tuple[list[str], list[str], int]:
    """Case numbers (20 at most) answered late in the year and open past their date at its end,
    and how many were open past their date."""
    end = date(year, 12, 31)
    cases = Application.objects.filter(body=body)
    late = cases.filter(decided_on__year=year, due_on__lt=F("decided_on")).order_by("number")
    overdue = cases.filter(received_on__lte=end, due_on__lt=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    )
    return (
        list(late.values_list("number", flat=True)[:20]),
        list(overdue.order_by("number").values_list("number", flat=True)[:20]),
        overdue.count(),
    )


def _publishing_facts(body, year: int) -> dict:
    from gongkai.core.sensitive import HIT_LABELS
    from gongkai.publishing.models import PublicationVersion, SensitiveHit
    from gongkai.publishing.selectors import PUBLISHED_STATUSES, missing_updates

    signed = PublicationVersion.objects.filter(
        publication__body=body, published_on__year=year, status__in=PUBLISHED_STATUSES
    )
    hits = (
        SensitiveHit.objects.filter(version__in=signed)
        .values("kind")
        .annotate(
            masked=Count("id", filter=Q(resolution="masked")),
            allowed=Count("id", filter=Q(resolution="allowed")),
        )
        .order_by("kind")
    )
    return {
        "items_late": signed.filter(number=1, due_on__lt=F("published_on")).count(),
        "updates_missed": [m.column.name for m in missing_updates(body=body, today=date(year, 12, 31))],
        "secrecy_reviewed": signed.count(),
        "hits": [
            (HIT_LABELS.get(row["kind"], row["kind"]), row["masked"], row["allowed"])
            for row in hits
            if row["masked"] or row["allowed"]
        ],
        "repealed": Publication.objects.filter(
            body=body, repealed_on__year=year, kind__in=("normative", "rule")
        ).count(),
    }


def _handling_facts(body, year: int) -> dict:
    from gongkai.registry.calendar_store import current_calendar

    decided = list(
        Application.objects.filter(body=body, decided_on__year=year).values_list(
            "received_on", "decided_on", "due_on"
        )
    )
    calendar = current_calendar()
    days = [calendar.working_days_between(received, answered) for received, answered, _ in decided]
    events = ClockEvent.objects.filter(application__body=body, on__year=year)
    _, last_overdue, _ = _late_and_overdue(body, year - 1)
    return {
        "answered": len(decided),
        "answered_on_time": sum(1 for _, answered, due in decided if due is None or answered <= due),
        "average_working_days": ((Decimal(sum(days)) / len(days)).quantize(Decimal("0.1")) if days else None),
        "supplements": events.filter(kind=ClockEventKind.SUPPLEMENT_REQUESTED).count(),
        "consultations": events.filter(kind=ClockEventKind.CONSULTATION_SENT).count(),
        "turned_proactive": Application.objects.filter(body=body, proactive_on__year=year).count(),
        "last_year_overdue": last_overdue,
        "last_year_overdue_still_open": list(
            Application.objects.filter(body=body, number__in=last_overdue, decided_on__isnull=True)
            .order_by("number")
            .values_list("number", flat=True)
        ),
    }


def draft_facts(*, body, year: int) -> DraftFacts:
    published = _published_in(body, year)
    by_column = published.values("column__name").annotate(n=Count("id")).order_by("-n", "column__name")
    by_kind = published.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    normative = published.filter(kind="normative").aggregate(
        total=Count("id", distinct=True),
        interpreted=Count("id", distinct=True, filter=Q(interpretations__first_published_on__isnull=False)),
    )
    late, overdue, overdue_count = _late_and_overdue(body, year)
    return DraftFacts(
        items_by_column=[(row["column__name"], row["n"]) for row in by_column],
        items_by_kind=[(ITEM_KIND_LABELS.get(row["kind"], row["kind"]), row["n"]) for row in by_kind],
        normative_with_interpretation=(normative["interpreted"], normative["total"]),
        fees_paid=_fees_paid(body, year),
        answered_late=late,
        overdue_at_year_end=overdue,
        overdue_count=overdue_count,
        **_publishing_facts(body, year),
        **_handling_facts(body, year),
        urgings=_urgings(body, year),
    )


def _urgings(body, year: int) -> tuple[int, int]:
    """督办 of the body's overdue cases issued in the year, and how many the body has replied to."""
    urged = Urging.objects.filter(application__body=body, issued_on__year=year)
    return urged.count(), urged.filter(replied_on__isnull=False).count()
