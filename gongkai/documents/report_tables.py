"""The three tables of the annual report in the official layout, with the merged header cells
the format prints, rendered as HTML (portal, PDF), DOCX and XLSX.

Input is the layout (gongkai.core.reports.layouts) and a mapping (table, row, column) -> value;
a missing value is printed as an empty cell, never as 0. The auditor's readers read every
rendered file back to the same numbers (gongkai/documents/tests/test_report_tables.py).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from decimal import Decimal

from gongkai.common.text import xml_safe
from gongkai.core.outcomes import GROUP_LABELS, OUTCOMES
from gongkai.core.reports.layouts import APPEAL_BLOCKS, APPEAL_RESULTS, T2_COLUMNS, Layout
from gongkai.core.reports.numbers import plain_number
from gongkai.documents import fonts

GOUJI_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T1_BLOCKS = {
    "2021": (
        ("第二十条第（一）项", ("regulations", "normative")),
        ("第二十条第（五）项", ("licensing",)),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fees",)),
    ),
    "2019": (
        ("第二十条第（一）项", ("regulations", "normative")),
        ("第二十条第（五）项", ("licensing", "other_services")),
        ("第二十条第（六）项", ("penalty", "coercion")),
        ("第二十条第（八）项", ("fees",)),
        ("第二十条第（九）项", ("procurement",)),
    ),
}

Values = dict[tuple[str, str, str], Decimal | int | None]


@dataclass(frozen=True)
class Spot:
    """One printed cell: text, and how many rows and columns it spans (HTML rules)."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Grid = list[list[Spot]]


def _fmt(value) -> str:
    if value is None:
        return ""
    return plain_number(Decimal(value))


def table1(layout: Layout, values: Values) -> Grid:
    table = layout.table("t1")
    width = 4
    grid: Grid = []
    for title, row_keys in T1_BLOCKS[layout.template]:
        rows = [table.row(key) for key in row_keys]
        columns = rows[0].columns
        span = width - 1 - (len(columns) - 1)  # the last column takes what is left of the 3 value columns
        grid.append([Spot(title, colspan=width)])
        grid.append(
            [
                Spot("信息内容"),
                *[
                    Spot(table.column(c).label, colspan=span if i == len(columns) - 1 else 1)
                    for i, c in enumerate(columns)
                ],
            ]
        )
        for row in rows:
            grid.append(
                [
                    Spot(row.label),
                    *[
                        Spot(
                            _fmt(values.get(("t1", row.key, c))), colspan=span if i == len(columns) - 1 else 1
                        )
                        for i, c in enumerate(columns)
                    ],
                ]
            )
    return grid


def table2(layout: Layout, values: Values) -> Grid:
    table = layout.table("t2")

    def numbers(row_key: str) -> list[Spot]:
        return [Spot(_fmt(values.get(("t2", row_key, c)))) for c in T2_COLUMNS]

    grid: Grid = [
        [Spot(GOUJI_NOTE, rowspan=3, colspan=3), Spot("申请人情况", colspan=7)],
        [Spot("自然人", rowspan=2), Spot("法人或其他组织", colspan=5), Spot("总计", rowspan=2)],
        [Spot(table.column(c).label) for c in T2_COLUMNS[1:6]],
        [Spot(table.row("new").label, colspan=3), *numbers("new")],
        [Spot(table.row("carried_in").label, colspan=3), *numbers("carried_in")],
    ]
    groups: list[tuple[str, list[str]]] = []
    for outcome in OUTCOMES:
        key = layout.outcome_row(outcome.code)
        label = GROUP_LABELS[outcome.group]
        if groups and groups[-1][0] == label:
            if key not in groups[-1][1]:
                groups[-1][1].append(key)
        else:
            groups.append((label, [key]))
    result_rows = sum(len(keys) for _, keys in groups) + 1
    first = True
    for label, keys in groups:
        lead = [Spot("三、本年度办理结果", rowspan=result_rows)] if first else []
        first = False
        single = len(keys) == 1 and table.row(keys[0]).label.startswith("（")
        if single:
            grid.append([*lead, Spot(table.row(keys[0]).label, colspan=2), *numbers(keys[0])])
            continue
        for index, key in enumerate(keys):
            group = [Spot(label, rowspan=len(keys))] if index == 0 else []
            grid.append([*(lead if index == 0 else []), *group, Spot(table.row(key).label), *numbers(key)])
    grid.append([Spot("（七）总计", colspan=2), *numbers("total")])
    grid.append([Spot(table.row("carried_out").label, colspan=3), *numbers("carried_out")])
    return grid


def table3(layout: Layout, values: Values) -> Grid:
    heads = [label for _, label in APPEAL_RESULTS]
    return [
        [Spot("行政复议", colspan=5), Spot("行政诉讼", colspan=10)],
        [
            *(Spot(h, rowspan=2) for h in heads),
            Spot("未经复议直接起诉", colspan=5),
            Spot("复议后起诉", colspan=5),
        ],
        [Spot(h) for h in heads * 2],
        [
            Spot(_fmt(values.get(("t3", "appeals", f"{block}.{result}"))))
            for block, _ in APPEAL_BLOCKS
            for result, _ in APPEAL_RESULTS
        ],
    ]


def tables(layout: Layout, values: Values) -> list[tuple[str, Grid]]:
    return [
        ("二、主动公开政府信息情况", table1(layout, values)),
        ("三、收到和处理政府信息公开申请情况", table2(layout, values)),
        ("四、政府信息公开行政复议、行政诉讼情况", table3(layout, values)),
    ]


@dataclass(frozen=True)
class Part:
    """One of the report's six parts: its heading, its text, and the table of parts 二 to 四."""

    heading: str
    text: str = ""
    grid: Grid | None = None


def report_parts(layout: Layout, values: Values, sections: list[list[str]] | None = None) -> list[Part]:
    """The whole report in order. Without sections (no version drafted yet) only the tables' parts."""
    grids = dict(tables(layout, values))
    if not sections:
        return [Part(heading, "", grid) for heading, grid in grids.items()]
    return [Part(heading, text, grids.get(heading)) for heading, text in sections]


def _paragraphs(text: str) -> list[str]:
    # Text stored before control characters were refused must not make the document fail.
    return [line.strip() for line in xml_safe(text).splitlines() if line.strip()]


def grid_html(grid: Grid) -> str:
    rows = []
    for row in grid:
        cells = "".join(
            f"<td{f' rowspan={s.rowspan}' if s.rowspan > 1 else ''}{f' colspan={s.colspan}' if s.colspan > 1 else ''}>"
            f"{html.escape(s.text)}</td>"
            for s in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="report-table">{"".join(rows)}</table>'


def render_docx(parts: list[Part], title: str, signature: tuple[str, str] | None = None) -> bytes:
    """An editable Word document; `signature` is (body name, date text) printed at the end."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    fonts.style_docx(document)
    document.add_paragraph(xml_safe(title), style="Title")
    for part in parts:
        document.add_heading(xml_safe(part.heading), level=1)
        for paragraph in _paragraphs(part.text):
            document.add_paragraph(paragraph)
        if part.grid is not None:
            _docx_table(document, part.grid)
    for line in signature or ():
        document.add_paragraph(xml_safe(line)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _placed(grid: Grid):
    """(row, col, spot) with HTML placement: positions covered by earlier spans are skipped."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(grid):
        c = 0
        for spot in row:
            while (r, c) in taken:
                c += 1
            yield r, c, spot
            for dr in range(spot.rowspan):
                for dc in range(spot.colspan):
                    taken.add((r + dr, c + dc))
            c += spot.colspan


TABLE_TEXT_SIZE = 10.5  # 5号: the official tables' ten columns do not fit at the text's 3号


def _docx_table(document, grid: Grid) -> None:
    from docx.shared import Pt

    placed = list(_placed(grid))
    width = max(c + s.colspan for _, c, s in placed)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    for r, c, spot in placed:
        cell = table.cell(r, c)
        if spot.rowspan > 1 or spot.colspan > 1:
            cell = cell.merge(table.cell(r + spot.rowspan - 1, c + spot.colspan - 1))
        cell.text = spot.text  # set after merging: merge() concatenates the texts
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(TABLE_TEXT_SIZE)


def render_xlsx(parts: list[Part]) -> bytes:
    """The three tables, one sheet each (the text parts have no place in a workbook)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for heading, grid in [(p.heading, p.grid) for p in parts if p.grid is not None]:
        sheet = book.create_sheet(heading.split("、", 1)[-1][:31])
        for r, c, spot in _placed(grid):
            value = spot.text
            try:
                value = int(spot.text) if spot.text.isdigit() else value
            except ValueError:
                pass
            sheet.cell(row=r + 1, column=c + 1, value=value)
            if spot.rowspan > 1 or spot.colspan > 1:
                sheet.merge_cells(
                    start_row=r + 1, start_column=c + 1, end_row=r + spot.rowspan, end_column=c + spot.colspan
                )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PDF_CSS = f"""
@page {{ size: A4; margin: 20mm 15mm; }}
body {{ font-family: {fonts.TEXT.css}; font-size: 10.5pt; }}
table.report-table {{ border-collapse: collapse; width: 100%; margin-bottom: 12pt; }}
table.report-table td {{ border: 0.6pt solid #000; padding: 2pt 3pt; text-align: center; }}
table.report-table tr {{ page-break-inside: avoid; }}
h1 {{ font-family: {fonts.TITLE.css}; font-size: 16pt; font-weight: normal; text-align: center; }}
h2 {{ font-family: {fonts.HEADING.css}; font-size: 12pt; font-weight: normal; }}
p {{ text-indent: 2em; line-height: 1.6; margin: 0 0 4pt; }}
div.signature {{ break-inside: avoid; break-before: avoid; margin-top: 16pt; }}
div.signature p {{ text-align: right; text-indent: 0; }}
"""


def parts_html(parts: list[Part]) -> str:
    """The parts as HTML, for the standalone document and for a page of the portal."""
    pieces = []
    for part in parts:
        pieces.append(f"<h2>{html.escape(part.heading)}</h2>")
        pieces += [f"<p>{html.escape(p)}</p>" for p in _paragraphs(part.text)]
        if part.grid is not None:
            pieces.append(grid_html(part.grid))
    return "".join(pieces)


def render_html(parts: list[Part], title: str, signature: tuple[str, str] | None = None) -> str:
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in signature or ())
    closing = f'<div class="signature">{lines}</div>' if lines else ""
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{PDF_CSS}</style></head><body><h1>{html.escape(title)}</h1>{parts_html(parts)}{closing}"
        "</body></html>"
    )


def render_pdf(parts: list[Part], title: str, signature: tuple[str, str] | None = None) -> bytes:
    return fonts.html_to_pdf(xml_safe(render_html(parts, title, signature)))
