"""Every number of tables 2 and 3 opens the list of the records counted in it.

The lists use the same filters as the counts (gongkai.applications.statistics), so a cell's list
has exactly as many records as the cell's number.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from gongkai.applications.statistics import t2_cell, t3_cell
from gongkai.core.reports.layouts import LAYOUTS, T2_COLUMNS, T3_COLUMNS, template_for_year

HEADER_ROWS = 3  # both grids start with three rows of merged headings


def cell_records(*, body, year: int, table: str, row: str, column: str) -> QuerySet | None:
    """The applications or appeals behind one cell, or None when the year's layout has no such cell."""
    layout = LAYOUTS[template_for_year(year)]
    if table == "t2" and row in {r.key for r in layout.table("t2").rows}:
        return t2_cell(body=body, year=year, row=row, column=column)
    if table == "t3" and row == "appeals":
        return t3_cell(body=body, year=year, column=column)
    return None


def _url(body, year: int, table: str, row: str, column: str) -> str:
    return reverse("annual-cell", args=[body.code, year, table, row, column])


def cell_urls(*, body, year: int, table: str) -> dict[tuple[int, int], str]:
    """{(grid row, grid column): url} for the number cells of the printed grid of table 2 or 3."""
    if table == "t3":
        return {(HEADER_ROWS, i): _url(body, year, "t3", "appeals", c.key) for i, c in enumerate(T3_COLUMNS)}
    rows = LAYOUTS[template_for_year(year)].table("t2").rows
    # Each row of the grid ends with its seven numbers, in the order of the layout's rows.
    return {
        (HEADER_ROWS + r, -len(T2_COLUMNS) + c): _url(body, year, "t2", row.key, column)
        for r, row in enumerate(rows)
        for c, column in enumerate(T2_COLUMNS)
    }


def linked_grid_html(grid, urls: dict[tuple[int, int], str]) -> str:
    """The grid as rendered by documents.report_tables.grid_html, with each number a link."""

    def cell(r: int, c: int, spot) -> str:
        url = urls.get((r, c)) or urls.get((r, c - len(grid[r])))
        span = format_html(
            "{}{}",
            format_html(" rowspan={}", spot.rowspan) if spot.rowspan > 1 else "",
            format_html(" colspan={}", spot.colspan) if spot.colspan > 1 else "",
        )
        if url and spot.text:
            return format_html('<td{}><a href="{}">{}</a></td>', span, url, spot.text)
        return format_html("<td{}>{}</td>", span, spot.text)

    rows = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (format_html_join("", "{}", ((cell(r, c, s),) for c, s in enumerate(row))),)
            for r, row in enumerate(grid)
        ),
    )
    return format_html('<table class="report-table">{}</table>', rows)


def cell_label(year: int, table: str, row: str, column: str) -> str:
    """「三、…… / 自然人」: the row and column headings of a cell, as printed."""
    layout = LAYOUTS[template_for_year(year)].table(table)
    return f"{layout.row(row).label} / {layout.column(column).label}"
