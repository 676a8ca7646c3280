"""The numbers of annual-report table 1 that come from the catalogue: 规章 and 行政规范性文件.

Definitions (printed beside the table on the report page, so a reader knows what was counted):
- 2021 format: 本年制发件数 = published items of the kind with a 成文日期 in the year (the first
  publication date when no 成文日期 was entered); 本年废止件数 = items repealed in the year;
  现行有效件数 = items published by 31 December and not repealed by then.
- 2019 trial format: 本年新制作数量 = as 本年制发件数; 本年新公开数量 = items first published in the
  year; 对外公开总数量 = items published by 31 December, repealed ones included.

One grouped query for any number of bodies and items.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from gongkai.core.catalogue import ItemKind
from gongkai.publishing.models import CatalogueNode, Publication

ROW_KINDS = {"regulations": ItemKind.RULE, "normative": ItemKind.NORMATIVE}

DEFINITIONS = {
    "2021": "规章、行政规范性文件的数字由公开目录统计：本年制发件数按成文日期（未填则按首次发布日期）；"
    "本年废止件数按废止日期；现行有效件数为截至12月31日已发布且未废止的件数。",
    "2019": "规章、规范性文件的数字由公开目录统计：本年新制作数量按成文日期（未填则按首次发布日期）；"
    "本年新公开数量按首次发布日期；对外公开总数量为截至12月31日已发布的件数（含已废止）。",
}


def uses_catalogue(body) -> bool:
    """A body that keeps its 目录 in gongkai is counted from it; others enter table 1 by hand."""
    return bool(bodies_using_catalogue([body.id]))


def bodies_using_catalogue(body_ids) -> set[int]:
    return set(CatalogueNode.objects.filter(body_id__in=list(body_ids)).values_list("body_id", flat=True))


def table1_catalogue_counts(*, body, year: int, template: str) -> dict[tuple[str, str], int]:
    """{(row, column): count} for the 规章 and 规范性文件 rows of the year's template."""
    return table1_catalogue_counts_by_body(body_ids=[body.id], year=year, template=template)[body.id]


def table1_catalogue_counts_by_body(
    *, body_ids, year: int, template: str
) -> dict[int, dict[tuple[str, str], int]]:
    """{body_id: {(row, column): count}} for each of the bodies, from one grouped query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    published = Q(first_published_on__isnull=False, first_published_on__lte=end)
    made_on = Coalesce("published_version__written_on", "first_published_on")
    aggregates = {
        # Made in the year and published at any time: a document of 28 December published in
        # January is still one made in December's year.
        "made": Count("id", filter=Q(first_published_on__isnull=False, made_in__range=(start, end))),
        "published": Count("id", filter=Q(first_published_on__range=(start, end))),
        "total_published": Count("id", filter=published),
        "repealed": Count("id", filter=published & Q(repealed_on__range=(start, end))),
        "in_force": Count("id", filter=published & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))),
    }
    body_ids = list(body_ids)
    rows = (
        Publication.objects.filter(body_id__in=body_ids, kind__in=ROW_KINDS.values())
        .annotate(made_in=made_on)
        .values("body_id", "kind")
        .annotate(**aggregates)
        .order_by()
    )
    found = {(row["body_id"], row["kind"]): row for row in rows}
    columns = (
        ("made", "repealed", "in_force") if template == "2021" else ("made", "published", "total_published")
    )
    return {
        body_id: {
            (row_key, column): found.get((body_id, kind), {}).get(column, 0)
            for row_key, kind in ROW_KINDS.items()
            for column in columns
        }
        for body_id in body_ids
    }
