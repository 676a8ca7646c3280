"""The roll-up as an XLSX workbook: the bodies with the area's total, the years, who has not published."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.annual.rollup import LINE_COLUMNS, YEAR_COLUMNS, Rollup


def _sheet(workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 30
    sheet.freeze_panes = "B2"


def rollup_xlsx(r: Rollup) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    total = ["合计", "", "", "", "", sum(line.errors for line in r.lines), *r.totals.cells]
    _sheet(
        workbook,
        f"{r.year}年度各机关",
        ["机关", *(header for header, _ in LINE_COLUMNS)],
        [[line.name, *line.cells] for line in r.lines] + [total],
    )
    _sheet(
        workbook, "历年合计", ["年度", *(h for h, _ in YEAR_COLUMNS)], [[t.year, *t.cells] for t in r.years]
    )
    _sheet(
        workbook,
        "未发布",
        ["机关", "法定期限", "逾期天数（自然日）"],
        [[line.name, line.deadline, line.days_late] for line in r.not_published],
    )
    numbers = ("new", "carried_in", "total", "carried_out")
    _sheet(
        workbook,
        "上传年报",
        ["机关（年报所载）", "检查错误", "本年新收", "上年结转", "办理结果总计", "结转下年度"],
        [[u.audited.body_name, u.audited.errors, *(u.numbers[k] for k in numbers)] for u in r.uploaded],
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
