"""Atom and RSS feeds of a column's newest published items (django.contrib.syndication)."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from gongkai.portal import selectors

FEED_ITEMS = 20


class ColumnRssFeed(Feed):
    def get_object(self, request, code: str, column: str):
        body, version = selectors.current_body(code)
        node = selectors.column_of(body, column)
        node.body_name = version.name
        return node

    def title(self, node) -> str:
        return f"{node.body_name} - {node.name}"

    def link(self, node) -> str:
        return reverse("portal-column", args=[node.body.code, node.code])

    def description(self, node) -> str:
        return f"{node.body_name}政府信息公开目录“{node.name}”栏目的最新信息"

    def items(self, node):
        ids = selectors.column_ids(node)
        return selectors.published_items().filter(column_id__in=ids).select_related("body")[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return item.published_version.title

    def item_description(self, item) -> str:
        return item.published_version.published_text[:300]

    def item_link(self, item) -> str:
        return reverse("portal-item", args=[item.body.code, item.pk])

    def item_guid(self, item) -> str:
        return item.index_number

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        day = item.published_version.published_on
        return timezone.make_aware(datetime.combine(day, time(9, 0))) if day else None


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, node) -> str:
        return self.description(node)
