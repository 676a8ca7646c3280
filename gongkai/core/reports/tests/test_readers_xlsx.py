"""XLSX reader: one table per sheet, merged ranges, numbers as displayed, hostile files."""

from __future__ import annotations

import datetime as dt
import io
import os

import openpyxl
import pytest

from gongkai.core.reports.readers import ReadError, read_bytes, xlsx
from gongkai.core.reports.source import Location, SourceLine
from gongkai.core.reports.tests import builders as b


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


def test_three_official_tables_on_three_sheets():
    tables = [x for x in b.report_blocks(seed=4) if not isinstance(x, str)]
    data = b.build_xlsx(
        [("表1主动公开", tables[0]), ("表2依申请公开", tables[1]), ("表3复议诉讼", tables[2])]
    )
    doc = read_bytes(data, "年报.xlsx")
    assert doc.kind == "xlsx" and doc.warnings == []
    assert doc.lines() == [
        SourceLine("表1主动公开", Location(table=1)),
        SourceLine("表2依申请公开", Location(table=2)),
        SourceLine("表3复议诉讼", Location(table=3)),
    ]
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(t) for t in tables]
    table2 = doc.tables()[1]
    assert table2.rows[1][5].text == "法人或其他组织"
    assert table2.rows[1][5].loc == Location(table=2, row=2, col=6)
    assert table2.rows[1][5].origin == Location(table=2, row=2, col=5)


def test_numbers_are_shown_as_excel_displays_them():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "数字"
    values = [
        (21552.900000001, "General"),
        (14.0, "General"),
        (20.3, "0.00"),
        (0.255, "0.0%"),
        (1234567, "#,##0"),
        (-8, "General"),
        (0.1 + 0.2, "General"),
        (dt.datetime(2024, 1, 31), "yyyy-mm-dd"),  # noqa: DTZ001 - Excel dates are naive
        (True, "General"),
        ("  文本  ", "@"),
        (20.3, "0.00_ "),
        (-3.14159, '[Red]0.0"万元";-0.0'),
    ]
    for col, (value, number_format) in enumerate(values, start=1):
        cell = sheet.cell(row=1, column=col, value=value)
        cell.number_format = number_format
    (table,) = xlsx.read(workbook_bytes(workbook), "n.xlsx").tables()
    assert [c.text for c in table.rows[0]] == [
        "21552.9",
        "14",
        "20.30",
        "25.5%",
        "1,234,567",
        "-8",
        "0.3",
        "2024-01-31",
        "TRUE",
        "文本",
        "20.30",
        "-3.1",
    ]


def test_grid_starts_at_a1_and_trailing_empty_cells_are_trimmed():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B2"] = "信息内容"
    sheet["C2"] = "本年处理决定数量"
    sheet["B3"] = "行政许可"
    sheet["C3"] = 5
    sheet["F9"] = None
    sheet.merge_cells("C3:D3")
    (table,) = xlsx.read(workbook_bytes(workbook), "a.xlsx").tables()
    assert b.grid_of(table) == [
        [("", None), ("", None), ("", None), ("", None)],
        [("", None), ("信息内容", None), ("本年处理决定数量", None), ("", None)],
        [("", None), ("行政许可", None), ("5", None), ("5", (3, 3))],
    ]
    assert table.rows[2][1].loc == Location(table=1, row=3, col=2)  # Excel's B3


def test_uncached_formulas_and_hidden_sheets_are_reported_and_empty_sheets_skipped():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    sheet["A1"] = 1
    sheet["A2"] = "=A1+1"
    sheet["B1"] = "合并"
    sheet.merge_cells("B1:C1")
    hidden = workbook.create_sheet("隐藏")
    hidden["A1"] = "x"
    hidden.sheet_state = "hidden"
    workbook.create_sheet("空白")
    doc = xlsx.read(workbook_bytes(workbook), "f.xlsx")
    assert [line.text for line in doc.lines()] == ["汇总", "隐藏"]
    assert [c.text for c in doc.tables()[0].rows[0]] == ["1", "合并", "合并"]
    assert doc.warnings == [
        "工作表“隐藏”为隐藏工作表。",
        "f.xlsx：有1个公式单元格没有保存计算结果，读作空白。",
    ]


def test_empty_workbook_warns():
    doc = xlsx.read(workbook_bytes(openpyxl.Workbook()), "e.xlsx")
    assert doc.tables() == [] and doc.warnings == ["e.xlsx：工作簿中没有数据。"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b.build_xlsx([("表", [[b.C("a")]])])[:2500], "文件已损坏或不完整"),
        (os.urandom(2048), "文件已损坏或不完整"),
        (b.build_zip_bomb("xlsx", 60), "超过50MB上限"),
        (b.build_docx(["不是表格"]), "无法作为Excel工作簿打开"),
    ],
    ids=["empty", "truncated", "random", "bomb", "docx-as-xlsx"],
)
def test_hostile_files_give_a_chinese_read_error(data, message):
    with pytest.raises(ReadError, match=message) as info:
        xlsx.read(data, "坏.xlsx")
    assert str(info.value).startswith("坏.xlsx：")


def test_damaged_files_give_a_document_or_a_read_error_never_another_exception():
    for damaged in b.mutations(b.build_xlsx([("表2", b.table2_spec())]), count=45, seed=3):
        try:
            xlsx.read(damaged, "损坏.xlsx")
        except ReadError as error:
            assert str(error).startswith("损坏.xlsx：")
