"""Reads of the public portal: only what has been published, in as few queries as possible."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.bodies.models import Body, BodyVersion
from gongkai.bodies.selectors import current_versions
from gongkai.portal import page_cache
from gongkai.publishing.models import Attachment, CatalogueNode, Publication

LATEST_ITEMS = 10


# current_body's answers in this process: {code: (body, version)} for one (generation, day).
_bodies: dict = {"key": None, "found": {}}


def current_body(code: str) -> tuple[Body, BodyVersion]:
    """The body and its current details; 404 for an unknown, dissolved or not yet founded body.

    Every portal page starts here, and bodies change seldom, so with a cache shared by all the
    app servers (settings.SHARED_CACHE) the answer is kept in this process under the portal page
    cache's generation and the day - any change of a body or its versions bumps the generation
    (page_cache), and a new version may start at midnight. Without a shared cache a bump would
    reach this process only, so every call asks the database.
    """
    if not settings.SHARED_CACHE:
        return _current_body(code)
    key = (page_cache.generation(), timezone.localdate())
    if _bodies["key"] != key:
        _bodies.update(key=key, found={})
    found = _bodies["found"].get(code)
    if found is None:
        found = _bodies["found"][code] = _current_body(code)
    body, version = found
    # Copies: a page may annotate what it is given (named_bodies does), and must not change the kept ones.
    return copy.copy(body), copy.copy(version)


def _current_body(code: str) -> tuple[Body, BodyVersion]:
    body = get_object_or_404(Body, code=code)
    version = body.version_on(timezone.localdate())
    if version is None:
        raise Http404("该机关已撤销或尚未设立。")
    return body, version


def named_bodies(bodies: QuerySet[Body] | None = None) -> list[Body]:
    """Current bodies (of the given ones) with their current name as .current_name, from one query."""
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


# Listings show titles and dates, never the text: its two full-text columns stay in the database.
LISTING_DEFERRED = ("published_version__text", "published_version__published_text")


def listed_items() -> QuerySet[Publication]:
    """published_items() for a listing (column page, latest items, interpretations)."""
    return published_items().defer(*LISTING_DEFERRED)


@dataclass
class TreeNode:
    node: CatalogueNode
    children: list[TreeNode] = field(default_factory=list)

    @property
    def is_column(self) -> bool:
        return not self.children


def catalogue_tree(body: Body) -> list[TreeNode]:
    """The body's 目录 as a tree, from one query."""
    nodes = list(CatalogueNode.objects.filter(body=body).order_by("position", "id"))
    wrapped = {node.id: TreeNode(node) for node in nodes}
    roots: list[TreeNode] = []
    for node in nodes:
        parent = wrapped.get(node.parent_id)
        (parent.children if parent else roots).append(wrapped[node.id])
    return roots


def column_of(body: Body, code: str) -> CatalogueNode:
    return get_object_or_404(CatalogueNode.objects.select_related("parent"), body=body, code=code)


def column_ids(column: CatalogueNode) -> list[int]:
    """A column and, for a category, all the columns below it."""
    nodes = list(CatalogueNode.objects.filter(body_id=column.body_id).values_list("id", "parent_id"))
    found = [column.id]
    for node_id in found:
        found.extend(child for child, parent in nodes if parent == node_id)
    return found


def latest_items(body: Body) -> list[Publication]:
    return list(listed_items().filter(body=body)[:LATEST_ITEMS])


def published_item(body: Body, pk: int) -> Publication:
    """One published item of the body with what its page shows; 404 for drafts and unknown ids.

    The item, the item it interprets, its published interpretations and its public attachments
    come with it (prefetched); of all the texts only its own published one is read.
    """
    queryset = (
        published_items()
        .filter(published_version__status="published")
        .select_related("interprets__published_version")
        .defer(
            "published_version__text",
            "interprets__published_version__text",
            "interprets__published_version__published_text",
        )
        .prefetch_related(
            Prefetch("interpretations", listed_items(), to_attr="public_interpretations"),
            Prefetch(
                "published_version__attachments",
                Attachment.objects.exclude(published=""),
                to_attr="public_attachments",
            ),
        )
    )
    item = get_object_or_404(queryset, body=body, pk=pk)
    item.public_attachments = item.published_version.public_attachments
    if item.interprets and item.interprets.published_version_id is None:
        item.interprets = None
    return item


def published_attachment(body: Body, pk: int, attachment_pk: int) -> Attachment:
    item = get_object_or_404(published_items(), body=body, pk=pk)
    return get_object_or_404(
        Attachment.objects.exclude(published=""), pk=attachment_pk, version_id=item.published_version_id
    )


def published_report_years(body: Body) -> list[int]:
    years = AnnualReportVersion.objects.filter(body=body, status=ReportStatus.PUBLISHED).values_list(
        "year", flat=True
    )
    return sorted(set(years), reverse=True)
