"""PDF reader: ruled tables with merged cells, tables over page breaks, scans, encryption, hostile files.

Most PDFs come from the pure-Python writer in builders (always available). The LibreOffice tests
convert a python-docx report the way a clerk's office suite would; they skip when LibreOffice is
not installed, except under CI=true where they fail.
"""

from __future__ import annotations

import os

import pytest

from gongkai.core.reports.readers import ReadError, pdf, read_bytes
from gongkai.core.reports.readers.pdf_tables import Cell, PdfTable
from gongkai.core.reports.source import Location, SourceLine
from gongkai.core.reports.tests import builders as b


def table_specs(blocks):
    return [x for x in blocks if not isinstance(x, str)]


def test_report_tables_read_back_exactly_with_table2_joined_over_the_page_break():
    blocks = b.report_blocks(seed=0)
    doc = read_bytes(b.build_pdf(blocks), "年报.pdf")
    assert doc.kind == "pdf" and doc.pages == 2 and doc.has_text_layer
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(s) for s in table_specs(blocks)]
    assert doc.warnings == ["表2跨页（第1、2页），已合并为一个表格，2个跨页的纵向合并单元格已接续。"]
    table2 = doc.tables()[1]
    assert table2.loc == Location(page=1, table=2)
    # Row 17 is the first row on page 2; its label columns continue merges begun on page 1.
    first_on_page2 = table2.rows[16]
    assert first_on_page2[0].loc == Location(page=2, table=2, row=17, col=1)
    assert first_on_page2[0].origin == Location(page=1, table=2, row=6, col=1)
    assert first_on_page2[1].text == "（四）无法提供"
    assert first_on_page2[1].origin == Location(page=1, table=2, row=16, col=2)
    assert first_on_page2[2].text == "2.没有现成信息需要另行制作" and first_on_page2[2].origin is None
    assert table2.rows[15][2].loc.page == 1


def test_lines_outside_tables_carry_page_and_line_numbers_in_reading_order():
    blocks = [
        "某局2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        [[b.C("甲"), b.C("乙")]],
        "说明文字",
    ]
    doc = pdf.read(b.build_pdf(blocks), "o.pdf")
    assert [type(x).__name__ for x in doc.blocks] == ["SourceLine", "SourceLine", "SourceTable", "SourceLine"]
    assert doc.lines() == [
        SourceLine("某局2023年政府信息公开工作年度报告", Location(page=1, line=1)),
        SourceLine("二、主动公开政府信息情况", Location(page=1, line=2)),
        SourceLine("说明文字", Location(page=1, line=3)),
    ]
    assert b.grid_of(doc.tables()[0]) == [[("甲", None), ("乙", None)]]


def test_repeated_header_on_the_continuation_is_dropped():
    blocks = b.report_blocks(seed=9)
    doc = pdf.read(b.build_pdf(blocks, repeat_header=True), "h.pdf")
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(s) for s in table_specs(blocks)]
    assert doc.warnings == [
        "表2跨页（第1、2页），已合并为一个表格，续表重复的3行表头已去除，2个跨页的纵向合并单元格已接续。"
    ]


def test_running_header_and_page_numbers_do_not_prevent_the_join():
    blocks = b.report_blocks(seed=11)
    doc = pdf.read(b.build_pdf(blocks, running_header="某某区人民政府办公室 政府信息公开年度报告"), "rh.pdf")
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(s) for s in table_specs(blocks)]
    assert [line.text for line in doc.lines() if line.loc.page == 2][:2] == [
        "某某区人民政府办公室 政府信息公开年度报告",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert "- 1 -" in [line.text for line in doc.lines()]


def test_tables_separated_by_text_are_not_joined():
    spec = [[b.C("信息内容"), b.C("数量")], [b.C("行政许可"), b.C("3")]]
    doc = pdf.read(b.build_pdf([spec, "中间的说明文字", spec], break_before_table=1), "two.pdf")
    assert len(doc.tables()) == 2 and doc.warnings == []
    assert doc.tables()[1].loc == Location(page=2, table=2)


def test_wrapped_cell_text_is_joined_without_spaces_between_chinese_characters():
    spec = [[b.C("本年收费金额（单位：万元）"), b.C("21552.9")]]
    doc = pdf.read(b.build_pdf([spec], widths={0: [40.0, 60.0]}), "w.pdf")
    assert b.grid_of(doc.tables()[0]) == [[("本年收费金额（单位：万元）", None), ("21552.9", None)]]


def test_text_without_ruled_tables_warns():
    doc = pdf.read(b.build_pdf(["只有文字的报告"]), "t.pdf")
    assert [line.text for line in doc.lines()] == ["只有文字的报告"]
    assert doc.warnings == ["t.pdf：未发现带框线的表格。"]


def test_scanned_pdf_has_no_text_layer():
    doc = read_bytes(b.build_scanned_pdf(pages=2), "扫描.pdf")
    assert doc.has_text_layer is False
    assert doc.pages == 2 and doc.blocks == []
    assert doc.warnings == ["扫描.pdf：扫描件，无文字层，无法读取表格。"]


def test_one_scanned_page_among_text_pages_is_reported():
    doc = pdf.read(b.build_mixed_pdf(), "mixed.pdf")
    assert doc.has_text_layer is True
    assert "mixed.pdf：第2页无文字层（可能是扫描页），该页内容未读取。" in doc.warnings


def test_encrypted_pdf_needing_a_password_is_a_read_error():
    with pytest.raises(ReadError, match="^密.pdf：PDF已加密，需要密码才能打开，无法读取。$"):
        read_bytes(b.build_encrypted_pdf(["机密"]), "密.pdf")


def test_pdf_encrypted_with_an_empty_user_password_is_read():
    assert [line.text for line in pdf.read(b.build_empty_password_pdf(), "p.pdf").lines()] == ["仅限制打印"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"%PDF-1.7\n" + os.urandom(3000), "不是有效的PDF文件或文件已损坏"),
        (b.build_pdf(["截断"])[:300], "不是有效的PDF文件或文件已损坏"),
    ],
    ids=["empty", "random-after-header", "truncated"],
)
def test_hostile_pdfs_give_a_chinese_read_error(data, message):
    with pytest.raises(ReadError, match=message) as info:
        pdf.read(data, "坏.pdf")
    assert str(info.value).startswith("坏.pdf：")


def _needs_soffice():
    if b.soffice_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "LibreOffice (soffice) is required under CI=true: apt-get install libreoffice-writer-nogui"
            )
        pytest.skip("LibreOffice (soffice) not installed; apt-get install libreoffice-writer-nogui")


def test_libreoffice_pdf_of_a_word_report_with_rows_broken_across_pages():
    _needs_soffice()
    blocks = b.report_blocks(seed=0)
    doc = pdf.read(b.convert_to_pdf(b.build_docx(blocks)), "lo.pdf")
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(s) for s in table_specs(blocks)]
    joined = [w for w in doc.warnings if w.startswith("表2跨页")]
    assert len(joined) == 1 and "被分页断开的行已接续" in joined[0]
    assert [line.text for line in doc.lines()][:3] == [
        "某某区人民政府办公室2023年政府信息公开工作年度报告",
        "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
    ]


def test_libreoffice_pdf_of_a_word_exported_html_page():
    _needs_soffice()
    blocks = ["三、收到和处理政府信息公开申请情况", b.table2_spec()]
    doc = pdf.read(b.convert_to_pdf(b.build_html(blocks), suffix=".html"), "lo-html.pdf")
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(blocks[1])]


def test_damaged_files_give_a_document_or_a_read_error_never_another_exception():
    for damaged in b.mutations(b.build_pdf(b.report_blocks(seed=1)), count=45, seed=3):
        try:
            pdf.read(damaged, "损坏.pdf")
        except ReadError as error:
            assert str(error).startswith("损坏.pdf：")


def test_a_number_under_a_number_at_a_page_break_starts_a_new_row():
    # The last row on page 1 and the first on page 2 of a real report's table 2: the label
    # column's merge is cut (empty cell), the long label filled its cell, and 3 sat above 0.
    # Rejoining them as one broken row printed 30 where the report prints 3.
    def table(cells, page):
        return PdfTable(cells=cells, n_rows=1, row_pages=[page], top=0.0, parts=[page])

    upper = table(
        [
            Cell(0, 50, 0, 1, "三、本年度办理结果"),
            Cell(50, 150, 0, 1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", full=True),
            Cell(150, 180, 0, 1, "3", full=True),
        ],
        1,
    )
    lower = table(
        [Cell(0, 50, 0, 1, ""), Cell(50, 150, 0, 1, "（三）不予公开"), Cell(150, 180, 0, 1, "0", full=True)],
        2,
    )
    assert upper.join(lower, 2)
    assert upper.rows_rejoined == 0 and upper.n_rows == 2
    assert [c.text for c in upper.cells if c.x0 == 150] == ["3", "0"]


def test_a_label_broken_by_a_page_break_is_still_rejoined():
    def table(cells, page):
        return PdfTable(cells=cells, n_rows=1, row_pages=[page], top=0.0, parts=[page])

    upper = table(
        [
            Cell(0, 50, 0, 1, "（二）部分公开（区分处理的，只计", full=True),
            Cell(50, 80, 0, 1, "3", full=True),
        ],
        1,
    )
    lower = table([Cell(0, 50, 0, 1, "这一情形，不计其他情形）"), Cell(50, 80, 0, 1, "")], 2)
    assert upper.join(lower, 2)
    assert upper.rows_rejoined == 1 and upper.n_rows == 1
    assert upper.cells[0].text == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
