"""Table-1 figures imported from another system's export (CSV or XLSX), never half read.

行政许可、行政处罚、行政强制 decisions, 行政事业性收费 amounts and (2019 format) 政府集中采购 live in
other systems (审批、执法、财务), which export lists, not our layout. The import takes a sheet with
a header row naming 「项目」 and 「数值」 (and 「栏目」 where a row has several columns), one figure
per line, e.g.

    项目,栏目,数值
    行政许可,本年处理决定数量,1320
    行政事业性收费,,21.5万元

Rows and columns are matched to the year's layout by their labels (full/half width, traditional
characters and numbering ignored, as for published reports). Every problem is reported with its
line, and nothing is returned unless every line was understood.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from gongkai.core.reports.labels import core
from gongkai.core.reports.layouts import DECIMAL_COLUMNS, Row, TableLayout, value_fault
from gongkai.core.reports.numbers import CellStatus, parse_value
from gongkai.core.reports.readers import ReadError, read_bytes, sniff
from gongkai.core.reports.readers.sniff import decode_text
from gongkai.core.reports.source import SourceTable

HEADERS = {
    "item": ("项目", "指标", "事项"),
    "column": ("栏目", "列", "统计项"),
    "value": ("数值", "数量", "金额"),
}
MAX_LINES = 200


class FiguresImportError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def _rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the file's first table: a CSV, or the first sheet of an XLSX."""
    kind = sniff(data, name)
    if kind == "xlsx":
        try:
            document = read_bytes(data, name)
        except ReadError as error:
            raise FiguresImportError([str(error)]) from error
        tables = [block for block in document.blocks if isinstance(block, SourceTable)]
        if not tables:
            raise FiguresImportError([f"{name}：表格为空。"])
        return [
            (row[0].loc.row or i + 1, [cell.text for cell in row]) for i, row in enumerate(tables[0].rows)
        ]
    if kind != "text":
        raise FiguresImportError([f"{name}：请上传 CSV 或 XLSX 文件（识别为 {kind}）。"])
    text = decode_text(data)
    if text is None:
        raise FiguresImportError([f"{name}：无法识别文件编码，请另存为 UTF-8 编码的 CSV。"])
    dialect = csv.excel_tab if "\t" in text.splitlines()[0] else csv.excel
    return [(i + 1, row) for i, row in enumerate(csv.reader(io.StringIO(text), dialect))]


def _header(cells: list[str]) -> dict[str, int] | None:
    found = {}
    for index, cell in enumerate(cells):
        for key, names in HEADERS.items():
            if core(cell) in names and key not in found:
                found[key] = index
    return found if {"item", "value"} <= found.keys() else None


def _match(text: str, candidates: dict[str, tuple[str, ...]]) -> str | None:
    wanted = core(text)
    for key, labels in candidates.items():
        if wanted in {core(label) for label in labels}:
            return key
    # 「处理决定数量」 for 「本年处理决定数量」, when only one label contains it.
    partial = [key for key, labels in candidates.items() if wanted and any(wanted in core(x) for x in labels)]
    return partial[0] if len(partial) == 1 else None


def _value(text: str, column: str, where: str) -> str:
    parsed = parse_value(text)
    if not text.strip():
        raise ValueError(f"{where}：数值为空，请填写（没有的填0）。")
    if parsed.status is not CellStatus.READ or parsed.value is None:
        raise ValueError(f"{where}：数值“{text}”不是数字。")
    value = parsed.value
    if parsed.unit == "元" and column in DECIMAL_COLUMNS:
        value = value / Decimal(10000)  # the table's unit is 万元
    fault = value_fault(column, value)
    if fault:
        raise ValueError(f"{where}：{fault}。")
    return format(value.normalize(), "f")


def parse_figures(data: bytes, name: str, layout: TableLayout) -> dict[str, dict[str, str]]:
    """{row key: {column key: value text}} for the layout's table 1, or FiguresImportError."""
    rows = _rows(data, name)
    header_at = next((i for i, (_, cells) in enumerate(rows) if _header(cells)), None)
    if header_at is None:
        raise FiguresImportError(
            [f"{name}：找不到表头，第一行应包含“项目”和“数值”两列（多列的项目另加“栏目”列）。"]
        )
    header = _header(rows[header_at][1]) or {}  # never empty: the line at header_at has one
    body = [(line, cells) for line, cells in rows[header_at + 1 :] if any(c.strip() for c in cells)]
    if len(body) > MAX_LINES:
        raise FiguresImportError([f"{name}：行数过多（超过{MAX_LINES}行），请只保留主动公开情况表的数据。"])
    row_labels = {row.key: (row.label, *row.aliases) for row in layout.rows}
    figures: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    for line, cells in body:
        try:
            row_key, column_key, value = _line(cells, header, layout, row_labels, f"第{line}行")
            if column_key in figures.get(row_key, {}):
                row = layout.row(row_key)
                raise ValueError(f"第{line}行：“{row.label} / {layout.column(column_key).label}”重复出现。")
        except ValueError as error:
            problems.append(str(error))
            continue
        figures.setdefault(row_key, {})[column_key] = value
    if problems:
        raise FiguresImportError(problems)
    if not figures:
        raise FiguresImportError([f"{name}：表头下没有数据。"])
    return figures


def _line(
    cells: list[str],
    header: dict[str, int],
    layout: TableLayout,
    row_labels: dict[str, tuple[str, ...]],
    where: str,
) -> tuple[str, str, str]:
    """(row key, column key, value text) of one line; ValueError with a Chinese message otherwise."""

    def cell(key: str) -> str:
        index = header.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    row_key = _match(cell("item"), row_labels)
    if row_key is None:
        raise ValueError(f"{where}：项目“{cell('item')}”不在主动公开情况表中。")
    row = layout.row(row_key)
    column_key = _column(row, cell("column"), layout)
    if column_key is None:
        choices = "、".join(layout.column(c).label for c in row.columns)
        raise ValueError(f"{where}：请在“栏目”列写明“{row.label}”的哪一栏（{choices}）。")
    # A value's problem names the cell by its row and column, not only by the file's line number.
    return (
        row_key,
        column_key,
        _value(cell("value"), column_key, f"{where}“{row.label} / {layout.column(column_key).label}”"),
    )


def _column(row: Row, text: str, layout: TableLayout) -> str | None:
    if not text.strip():
        return row.columns[0] if len(row.columns) == 1 else None
    return _match(text, {key: (layout.column(key).label,) for key in row.columns})
