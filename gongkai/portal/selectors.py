"""Reads of the public portal: only what has been published, in as few queries as possible."""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.bodies.models import Body, BodyVersion
from gongkai.bodies.selectors import current_versions
from gongkai.portal.kept import kept
from gongkai.publishing.models import Attachment, CatalogueNode, Publication

LATEST_ITEMS = 10


def current_body(code: str) -> tuple[Body, BodyVersion]:
    """The body and its current details; 404 for an unknown, dissolved or not yet founded body.

    Every portal page starts here, and bodies change seldom: the answer is kept in this process
    (kept.py) until the page cache's generation or the day moves on.
    """
    body, version = kept(("body", code), lambda: _current_body(code))
    # Copies: a page may annotate what it is given (named_bodies does), and must not change the kept ones.
    return copy.copy(body), copy.copy(version)


def _current_body(code: str) -> tuple[Body, BodyVersion]:
    body = get_object_or_404(Body, code=code)
    version = body.version_on(timezone.localdate())
    if version is None:
        raise Http404("该机关已撤销或尚未设立。")
    return body, version


def named_bodies(bodies: QuerySet[Body] | None = None) -> list[Body]:
    """Current bodies (of the given ones) with their current name as .current_name, from one query;
    all of them (the public search's choices) are kept in this process."""
    if bodies is None:
        return kept(("named-bodies",), _named_bodies)
    return _named_bodies(bodies)


def _named_bodies(bodies: QuerySet[Body] | None = None) -> list[Body]:
    versions = current_versions(on=timezone.localdate()).select_related("body").order_by("body__code")
    if bodies is not None:
        versions = versions.filter(body__in=bodies)
    found = []
    for version in versions:
        version.body.current_name = version.name
        found.append(version.body)
    return found


def published_items() -> QuerySet[Publication]:
    """Items the public may see: those with a published version, newest first.

    Publication.published_version only ever points at a signed version (see the models), so the
    listing needs no join to check its status; the item page checks it anyway.
    """
    return (
        Publication.objects.filter(published_version__isnull=False)
        .select_related("published_version", "column")
        .order_by("-first_published_on", "-id")
    )


@dataclass
class TreeNode:
    node: CatalogueNode
    children: list[TreeNode] = field(default_factory=list)

    @property
    def is_column(self) -> bool:
        return not self.children


def _catalogue(body_id: int) -> dict[int, CatalogueNode]:
    """The body's 目录 nodes by id, in their order, each with its parent attached: from one query,
    kept in this process."""

    def load() -> dict[int, CatalogueNode]:
        nodes = {
            node.id: node for node in CatalogueNode.objects.filter(body_id=body_id).order_by("position", "id")
        }
        for node in nodes.values():
            node.parent = nodes.get(node.parent_id) if node.parent_id else None
        return nodes

    return kept(("catalogue", body_id), load)


def catalogue_tree(body: Body) -> list[TreeNode]:
    """The body's 目录 as a tree."""
    nodes = _catalogue(body.id).values()
    wrapped = {node.id: TreeNode(node) for node in nodes}
    roots: list[TreeNode] = []
    for node in nodes:
        parent = wrapped.get(node.parent_id)
        (parent.children if parent else roots).append(wrapped[node.id])
    return roots


def column_or_none(body: Body, code: str) -> CatalogueNode | None:
    return next((node for node in _catalogue(body.id).values() if node.code == code), None)


def column_of(body: Body, code: str) -> CatalogueNode:
    node = column_or_none(body, code)
    if node is None:
        raise Http404("没有这个栏目。")
    return node


def column_ids(column: CatalogueNode) -> list[int]:
    """A column and, for a category, all the columns below it."""
    nodes = _catalogue(column.body_id).values()
    found = [column.id]
    for node_id in found:
        found.extend(node.id for node in nodes if node.parent_id == node_id)
    return found


def latest_items(body: Body) -> list[Publication]:
    return kept(("latest", body.id), lambda: list(_listing().filter(body=body)[:LATEST_ITEMS]))


# What a listing row shows (column page, latest items, interpretations): never the texts.
LISTING_FIELDS = (
    "body_id",
    "column_id",
    "index_number",
    "kind",
    "first_published_on",
    "repealed_on",
    "published_version",
    "published_version__title",
    "published_version__published_on",
)


def _listing() -> QuerySet[Publication]:
    return published_items().select_related(None).select_related("published_version").only(*LISTING_FIELDS)


class ColumnListing:
    """A column's (or a category's) published items newest first, as the Paginator pages them.

    The count is kept per process (kept.py), since only a publication changes it. A page's rows
    are one query of the fields a row shows. For a category on PostgreSQL that query is a UNION
    ALL of each column's newest rows, each read backwards from publication_column_newest: one
    ORDER BY over all the columns' items would read and sort every one of them.
    """

    def __init__(self, ids: list[int], *, narrow: Callable[[QuerySet], QuerySet], key: Hashable = ()):
        self.ids, self.narrow, self.key = ids, narrow, key

    def _rows(self, ids) -> QuerySet[Publication]:
        return self.narrow(_listing().filter(column_id__in=ids))

    def count(self) -> int:
        return kept(("column-count", tuple(self.ids), self.key), lambda: self._rows(self.ids).count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[Publication]:
        start, stop = part.start or 0, part.stop
        if stop is not None and stop <= start:  # an empty column's page: Django empties [:0] slices
            return []
        if len(self.ids) == 1 or not connection.features.supports_slicing_ordering_in_compound:
            return list(self._rows(self.ids)[start:stop])
        return list(_listing().filter(pk__in=self._newest_ids(start, stop)))

    def _newest_ids(self, start: int, stop: int) -> RawSQL:
        """The ids of the rows start:stop of the merged columns: each column's newest `stop` rows
        (UNION ALL), sorted and cut. One branch is built by the ORM and its SQL repeated for the
        other columns - building each branch anew cost more than running the query."""
        branch = self._rows([self.ids[0]]).values_list("first_published_on", "id")[:stop]
        sql, params = branch.query.get_compiler(connection=connection).as_sql()
        if not params or params[0] != self.ids[0] or self.ids[0] in params[1:]:
            raise AssertionError("the column id must be the branch's first and only column parameter")
        union = " UNION ALL ".join(f"({sql})" for _ in self.ids)
        merged = (
            f"SELECT id FROM ({union}) AS newest ORDER BY first_published_on DESC, id DESC LIMIT %s OFFSET %s"  # noqa: S608 - SQL built by the ORM; values are parameters
        )
        values = [value for column_id in self.ids for value in (column_id, *params[1:])]
        return RawSQL(merged, [*values, stop - start, start])  # noqa: S611 - see above


def published_item(body: Body, pk: int) -> Publication:
    """One published item of the body with what its page shows; 404 for drafts and unknown ids.

    One query brings the item, its version and whether it has published interpretations or
    public attachments; only what it has is then read (most items have neither), and so is the
    item it interprets. Its column is the body's kept one. Of all the texts only its own
    published one is read.
    """
    item = get_object_or_404(_item_pages(), body=body, pk=pk)
    column = _catalogue(body.id).get(item.column_id)
    if column is not None:  # else (a column made since it was kept) Django reads it when shown
        item.column = column
    # An unpublished interpreted item is not linked (_listing keeps only published ones).
    item.interprets = _listing().filter(pk=item.interprets_id).first() if item.interprets_id else None
    item.public_interpretations = list(_listing().filter(interprets=item)) if item.has_readings else []
    item.public_attachments = (
        list(
            Attachment.objects.filter(version_id=item.published_version_id)
            .exclude(published="")
            .defer("text")
        )
        if item.has_files
        else []
    )
    return item


@cache
def _item_pages() -> QuerySet[Publication]:
    """What an item page reads, built once in this process: building its two subqueries, joins
    and deferred texts anew took about 1 ms of published_item's 3.5-5. Each page filters a copy
    (a queryset is never changed in place), so the kept one holds no rows and no connection.
    It joins only the version: the column comes from the kept catalogue and the interpreted item,
    which few items have, from a second query (two joins fewer to plan and turn into objects)."""
    readings = Publication.objects.filter(interprets=OuterRef("pk"), published_version__isnull=False)
    files = Attachment.objects.filter(version=OuterRef("published_version")).exclude(published="")
    return (
        published_items()
        .select_related(None)
        .select_related("published_version")
        .filter(published_version__status="published")
        .defer("published_version__text")
        .annotate(has_readings=Exists(readings), has_files=Exists(files))
    )


def published_attachment(body: Body, pk: int, attachment_pk: int) -> Attachment:
    item = get_object_or_404(published_items(), body=body, pk=pk)
    return get_object_or_404(
        Attachment.objects.exclude(published=""), pk=attachment_pk, version_id=item.published_version_id
    )


def published_report_years(body: Body) -> list[int]:
    years = AnnualReportVersion.objects.filter(body=body, status=ReportStatus.PUBLISHED).values_list(
        "year", flat=True
    )
    return kept(("report-years", body.id), lambda: sorted(set(years), reverse=True))
