"""Reads of proactive disclosure: the item list with its deadline flags, missing periodic updates,
the share of normative documents with an interpretation, and the 目录 as a tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from gongkai.bodies.models import Body
from gongkai.core.catalogue import UpdateEvery, may_make_rules, next_update_due
from gongkai.publishing.models import CatalogueNode, Publication, PublicationVersion, VersionStatus

PUBLISHED_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


def latest_version(publication: Publication) -> PublicationVersion:
    return publication.versions.order_by("-number").first()


def is_late(version: PublicationVersion, today: date) -> bool:
    """条例第二十六条: published after its due date, or still unpublished past it."""
    if version.due_on is None:
        return False
    if version.published_on is not None:
        return version.published_on > version.due_on
    return today > version.due_on


@dataclass(frozen=True)
class ItemRow:
    publication: Publication
    version: PublicationVersion  # the newest version (what staff work on)
    late: bool


def item_rows(
    *, body: Body, today: date, column: str = "", status: str = "", kind: str = "", late: bool = False
) -> list[ItemRow]:
    publications = (
        Publication.objects.filter(body=body)
        .select_related("column", "published_version")
        .prefetch_related(Prefetch("versions", queryset=PublicationVersion.objects.order_by("-number")))
        .order_by("-created_at", "-id")
    )
    if column:
        publications = publications.filter(Q(column__code=column) | Q(column__parent__code=column))
    if kind:
        publications = publications.filter(kind=kind)
    rows = []
    for publication in publications[:2000]:
        version = publication.versions.all()[0]
        row = ItemRow(publication, version, is_late(version, today))
        if status == "repealed" and publication.repealed_on is None:
            continue
        if status and status != "repealed" and version.status != status:
            continue
        if late and not row.late:
            continue
        rows.append(row)
    return rows


def versions_waiting(*, body_ids, status: str) -> QuerySet[PublicationVersion]:
    return PublicationVersion.objects.filter(publication__body_id__in=body_ids, status=status).select_related(
        "publication__body"
    )


def overdue_versions(*, body_ids, today: date) -> QuerySet[PublicationVersion]:
    """Unpublished versions past their 条例第二十六条 date."""
    return PublicationVersion.objects.filter(
        publication__body_id__in=body_ids,
        published_on=None,
        due_on__lt=today,
    ).exclude(status__in=PUBLISHED_STATUSES)


@dataclass(frozen=True)
class MissingUpdate:
    column: CatalogueNode
    last_update: date | None
    due_on: date | None


def missing_updates(*, body: Body, today: date) -> list[MissingUpdate]:
    """Scheduled columns (低保 monthly, 预决算 yearly ...) whose next update is overdue or never came."""
    columns = CatalogueNode.objects.filter(body=body).exclude(update_every="")
    last = dict(
        # Only what was out by `today`: the annual report asks which columns were behind at year end.
        PublicationVersion.objects.filter(
            publication__column__in=columns, status__in=PUBLISHED_STATUSES, published_on__lte=today
        )
        .values("publication__column")
        .annotate(last=Max("published_on"))
        .values_list("publication__column", "last")
    )
    missing = []
    for column in columns:
        last_update = last.get(column.pk)
        due = next_update_due(UpdateEvery(column.update_every), last_update) if last_update else None
        if last_update is None or today > due:
            missing.append(MissingUpdate(column, last_update, due))
    return missing


@dataclass(frozen=True)
class InterpretationShare:
    documents: int
    interpreted: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.interpreted / self.documents) if self.documents else None


def interpretation_share(*, body: Body) -> InterpretationShare:
    """Of the body's valid published normative documents, how many have a published 政策解读."""
    documents = Publication.objects.filter(
        body=body, kind="normative", repealed_on=None, published_version__isnull=False
    )
    interpreted = documents.filter(
        interpretations__kind="interpretation", interpretations__published_version__isnull=False
    ).distinct()
    return InterpretationShare(documents.count(), interpreted.count())


def catalogue_rows(*, body: Body) -> list[tuple[int, CatalogueNode, int]]:
    """(depth, node, number of items) in tree order."""
    nodes = list(CatalogueNode.objects.filter(body=body).order_by("position", "id"))
    counts = dict(
        Publication.objects.filter(body=body)
        .values("column")
        .annotate(n=Count("id"))
        .values_list("column", "n")
    )
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    rows: list[tuple[int, CatalogueNode, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for node in children.get(parent_id, []):
            rows.append((depth, node, counts.get(node.pk, 0)))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return rows


def body_may_make_rules(body: Body, day: date) -> bool:
    """Whether the body, as it is on `day`, is one of those that make 规章 (core.catalogue)."""
    version = body.version_on(day)
    return may_make_rules(version.level if version else None)


def usual_kinds(body: Body) -> dict[int, str]:
    """Each column's most frequent 信息类别 among its items so far (a tie goes to the smaller code,
    so the suggestion is stable), to suggest on the new-item form; a column without items has none."""
    counts = (
        Publication.objects.filter(body=body)
        .values("column_id", "kind")
        .annotate(n=Count("id"))
        .order_by("column_id", "-n", "kind")
    )
    usual: dict[int, str] = {}
    for row in counts:
        usual.setdefault(row["column_id"], row["kind"])
    return usual


def columns_of(body: Body) -> QuerySet[CatalogueNode]:
    """Nodes that hold items: those without children."""
    return CatalogueNode.objects.filter(body=body, children__isnull=True).order_by(
        "parent__position", "position"
    )
