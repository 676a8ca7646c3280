"""Importing table-1 figures from other systems' CSV/XLSX exports: all lines understood, or none."""

import io

import openpyxl
import pytest

from gongkai.core.figures_import import FiguresImportError, parse_figures
from gongkai.core.reports.layouts import LAYOUTS

T1_2021 = LAYOUTS["2021"].table("t1")
T1_2019 = LAYOUTS["2019"].table("t1")


def test_a_utf8_csv_with_units_and_full_width_labels_is_read():
    data = "项目,栏目,数值\n行政许可,本年处理决定数量,1320\n（一）行政处罚,,45\n行政強制,,3\n行政事业性收费,,21.5万元\n".encode()
    assert parse_figures(data, "export.csv", T1_2021) == {
        "licensing": {"decisions": "1320"},
        "penalty": {"decisions": "45"},
        "coercion": {"decisions": "3"},
        "fees": {"fee_amount": "21.5"},
    }


def test_a_gbk_csv_from_excel_with_amounts_in_yuan_is_converted_to_wan_yuan():
    data = "项目,数值\r\n行政事业性收费,215000元\r\n".encode("gbk")
    assert parse_figures(data, "收费.csv", T1_2021) == {"fees": {"fee_amount": "21.5"}}


def test_an_xlsx_in_the_2019_format_with_signed_changes():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某系统导出", None, None])
    sheet.append(["项目", "栏目", "数值"])
    sheet.append(["行政许可", "上一年项目数量", 120])
    sheet.append(["行政许可", "本年增/减", -5])
    sheet.append(["政府集中采购", "采购总金额", "8040"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert parse_figures(buffer.getvalue(), "导出.xlsx", T1_2019) == {
        "licensing": {"previous_items": "120", "change": "-5"},
        "procurement": {"procurement_amount": "8040"},
    }


@pytest.mark.parametrize(
    ("content", "complaints"),
    [
        ("项目,栏目,数值\n行政许可,,12\n行政审批,,3\n", ["第3行：项目“行政审批”不在主动公开情况表中。"]),
        ("项目,栏目,数值\n行政许可,,十二\n", ["第2行“行政许可 / 本年处理决定数量”：数值“十二”不是数字。"]),
        (
            "项目,栏目,数值\n行政处罚,,-4\n行政强制,,2.5\n",
            [
                "第2行“行政处罚 / 本年处理决定数量”：不能为负数。",
                "第3行“行政强制 / 本年处理决定数量”：应为整数。",
            ],
        ),
        # A blank value is named by its row and column, not by the bare line number alone.
        ("项目,栏目,数值\n行政许可,,\n行政处罚,,1\n", ["第2行“行政许可 / 本年处理决定数量”：数值为空"]),
        (
            "项目,栏目,数值\n行政许可,,1\n行政许可,本年处理决定数量,2\n",
            ["第3行：“行政许可 / 本年处理决定数量”重复出现。"],
        ),
        ("名称,金额\n行政许可,1\n", ["找不到表头"]),
        ("项目,数值\n", ["表头下没有数据"]),
    ],
)
def test_every_bad_line_is_named_and_nothing_is_returned(content, complaints):
    with pytest.raises(FiguresImportError) as caught:
        parse_figures(content.encode(), "x.csv", T1_2021)
    for complaint in complaints:
        assert any(complaint in problem for problem in caught.value.problems), caught.value.problems
    assert (
        len(caught.value.problems) == len([c for c in complaints if c.startswith("第")])
        or len(complaints) == 1
    )


def test_a_row_with_several_columns_needs_its_column_named():
    with pytest.raises(FiguresImportError, match="哪一栏"):
        parse_figures("项目,数值\n行政许可,120\n".encode(), "x.csv", T1_2019)


@pytest.mark.parametrize(
    ("data", "complaint"),
    [(b"%PDF-1.4 junk", "CSV 或 XLSX"), (b"PK\x03\x04broken", "CSV 或 XLSX"), (b"", "CSV 或 XLSX")],
)
def test_files_that_are_not_sheets_are_refused(data, complaint):
    with pytest.raises(FiguresImportError, match=complaint):
        parse_figures(data, "x.xlsx", T1_2021)


def test_too_many_lines_are_refused():
    data = ("项目,数值\n" + "行政许可,1\n" * 201).encode()
    with pytest.raises(FiguresImportError, match="行数过多"):
        parse_figures(data, "x.csv", T1_2021)
