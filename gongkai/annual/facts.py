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


@dataclass(frozen=True)
class DraftFacts:
    items_by_column: list[tuple[str, int]] = field(default_factory=list)
    items_by_kind: list[tuple[str, int]] = field(default_factory=list)
    normative_with_interpretation: tuple[int, int] = (0, 0)  # (interpreted, normative published in the year)
    fees_paid: tuple[int, Decimal] = (0, Decimal(0))  # (cases, 元)
    answered_late: list[str] = field(default_factory=list)  # case numbers
    overdue_at_year_end: list[str] = field(default_factory=list)


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


def draft_facts(*, body, year: int) -> DraftFacts:
    published = _published_in(body, year)
    by_column = published.values("column__name").annotate(n=Count("id")).order_by("-n", "column__name")
    by_kind = published.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    normative = published.filter(kind="normative").aggregate(
        total=Count("id", distinct=True),
        interpreted=Count("id", distinct=True, filter=Q(interpretations__first_published_on__isnull=False)),
    )
    end = date(year, 12, 31)
    cases = Application.objects.filter(body=body)
    late = cases.filter(decided_on__year=year, due_on__lt=F("decided_on")).order_by("number")
    overdue = cases.filter(received_on__lte=end, due_on__lt=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    )
    return DraftFacts(
        items_by_column=[(row["column__name"], row["n"]) for row in by_column],
        items_by_kind=[(ITEM_KIND_LABELS.get(row["kind"], row["kind"]), row["n"]) for row in by_kind],
        normative_with_interpretation=(normative["interpreted"], normative["total"]),
        fees_paid=_fees_paid(body, year),
        answered_late=list(late.values_list("number", flat=True)[:20]),
        overdue_at_year_end=list(overdue.order_by("number").values_list("number", flat=True)[:20]),
    )
