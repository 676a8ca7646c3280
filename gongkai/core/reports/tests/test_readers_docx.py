"""DOCX reader: body order, merged cells (gridSpan, vMerge, hMerge, gridBefore), revisions, hostile files."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from gongkai.core.reports.readers import ReadError, docx, read_bytes
from gongkai.core.reports.source import Location, SourceLine, SourceTable
from gongkai.core.reports.tests import builders as b


def test_report_built_with_python_docx_reads_back_exactly():
    blocks = b.report_blocks(seed=7)
    doc = read_bytes(b.build_docx(blocks), "年报.docx")
    assert doc.kind == "docx"
    assert doc.warnings == []
    expected_kinds = [SourceLine if isinstance(x, str) else SourceTable for x in blocks]
    assert [type(x) for x in doc.blocks] == expected_kinds
    assert [line.text for line in doc.lines()] == [x for x in blocks if isinstance(x, str)]
    assert [line.loc for line in doc.lines()][:2] == [Location(line=1), Location(line=2)]
    assert [b.grid_of(t) for t in doc.tables()] == [
        b.expected_grid(x) for x in blocks if not isinstance(x, str)
    ]
    assert [t.loc for t in doc.tables()] == [Location(table=1), Location(table=2), Location(table=3)]


def test_table2_merges_point_at_their_origin():
    doc = docx.read(b.build_docx(b.report_blocks(seed=2)), "t.docx")
    table = doc.tables()[1]
    assert table.rows[0][9].text == "申请人情况" and table.rows[0][9].origin == Location(
        table=2, row=1, col=4
    )
    assert table.rows[1][8].text == "法人或其他组织" and table.rows[1][8].origin == Location(
        table=2, row=2, col=5
    )
    assert table.rows[2][0].text == b.GOUJI_NOTE and table.rows[2][0].origin == Location(
        table=2, row=1, col=1
    )
    assert table.rows[2][9].text == "总计" and table.rows[2][9].origin == Location(table=2, row=2, col=10)
    assert table.rows[8][1].text == "（三）不予公开" and table.rows[8][1].origin == Location(
        table=2, row=8, col=2
    )
    assert (
        table.rows[7][2].loc == Location(table=2, row=8, col=3) and table.rows[7][2].text == "1.属于国家秘密"
    )


def test_nested_table_is_listed_after_its_parent():
    doc = docx.read(b.build_docx(b.report_blocks(seed=3), nested=True), "n.docx")
    assert len(doc.tables()) == 4
    assert b.grid_of(doc.tables()[3]) == [[("内表甲", None), ("内表乙", None)]]
    assert doc.tables()[3].loc == Location(table=4)
    assert doc.warnings == ["表3的单元格内嵌有表格，已作为表4单独列出。"]


def tc(text: str = "", props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_raw_merge_markup_grid_before_and_legacy_hmerge():
    body = (
        "<w:tbl><w:tr>"
        + tc("申请人情况", '<w:gridSpan w:val="3"/>')
        + tc("总计", '<w:vMerge w:val="restart"/>')
        + "</w:tr><w:tr>"
        + tc("自然人")
        + tc("法人", '<w:hMerge w:val="restart"/>')
        + tc("", "<w:hMerge/>")
        + tc("", "<w:vMerge/>")
        + '</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + tc("1")
        + tc("2")
        + tc("3")
        + "</w:tr></w:tbl>"
    )
    (table,) = docx.read(b.build_docx_xml(body), "raw.docx").tables()
    assert b.grid_of(table) == [
        [("申请人情况", None), ("申请人情况", (1, 1)), ("申请人情况", (1, 1)), ("总计", None)],
        [("自然人", None), ("法人", None), ("法人", (2, 2)), ("总计", (1, 4))],
        [("", None), ("1", None), ("2", None), ("3", None)],
    ]


def test_run_text_revisions_tabs_breaks_content_controls_and_numbering():
    body = (
        "<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
        "<w:r><w:t>本年</w:t></w:r><w:del><w:r><w:delText>删除</w:delText><w:tab/></w:r></w:del>"
        "<w:ins><w:r><w:t>新收</w:t></w:r></w:ins><w:r><w:tab/><w:t>14</w:t><w:br/><w:t>件</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>控件内段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:t>框内</w:t></mc:Choice>"
        "<mc:Fallback><w:t>框内</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        "<w:p/><w:p><w:r><w:t xml:space='preserve'>   </w:t></w:r></w:p>"
    )
    doc = docx.read(b.build_docx_xml(body), "runs.docx")
    assert doc.lines() == [
        SourceLine("本年新收\t14\n件", Location(line=1)),
        SourceLine("控件内段落", Location(line=2)),
        SourceLine("总体情况", Location(line=3)),
        SourceLine("框内", Location(line=4)),
    ]
    assert doc.warnings == [
        "runs.docx：有1段使用Word自动编号，编号文字（如“一、”）不在读取结果中。",
        "runs.docx：未发现表格。",
    ]


def test_strict_ooxml_namespace():
    body = "<w:p><w:r><w:t>严格格式</w:t></w:r></w:p>"
    doc = docx.read(
        b.build_docx_xml(body, namespace="http://purl.oclc.org/ooxml/wordprocessingml/main"), "s.docx"
    )
    assert [line.text for line in doc.lines()] == ["严格格式"]


def test_external_entities_are_not_resolved():
    data = b.build_docx_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>")
    evil = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{b.W_NS}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>'
    )
    data = _replace_member(data, "word/document.xml", evil.encode())
    doc = docx.read(data, "xxe.docx")
    assert all("root:" not in line.text for line in doc.lines())


def _replace_member(data: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info.filename))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b.build_docx(["正文"])[:3000], "文件已损坏或不完整"),
        (os.urandom(4096), "文件已损坏或不完整"),
        (b.build_zip_bomb("docx", 60), "超过50MB上限"),
        (_replace_member(b.build_docx(["正文"]), "word/document.xml", b"<w:document><w:body>"), "正文已损坏"),
    ],
    ids=["empty", "truncated", "random", "bomb", "broken-xml"],
)
def test_hostile_files_give_a_chinese_read_error(data, message):
    with pytest.raises(ReadError, match=message) as info:
        docx.read(data, "坏.docx")
    assert str(info.value).startswith("坏.docx：")


def test_zip_without_a_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError, match="不是有效的Word文档"):
        docx.read(buf.getvalue(), "空壳.docx")


def test_damaged_files_give_a_document_or_a_read_error_never_another_exception():
    for damaged in b.mutations(b.build_docx(b.report_blocks(seed=1)), count=45, seed=3):
        try:
            docx.read(damaged, "损坏.docx")
        except ReadError as error:
            assert str(error).startswith("损坏.docx：")


def test_headers_footers_and_text_boxes_are_read_with_the_part_they_are_in():
    data = b.build_margins_docx(
        header="身份证 11010519491231002X", footer="第1页", box="zhang.san@example.com"
    )
    doc = docx.read(data, "margins.docx")
    assert [(line.text, line.loc.describe()) for line in doc.lines()] == [
        ("关于2026年低保资金发放情况的公示", "第1行"),
        ("详见右侧说明。", "第2行"),
        ("咨询方式", "文本框1 第1段"),  # once: the VML fallback copy is not read again
        ("zhang.san@example.com", "文本框1 第2段"),
        ("特此公示。", "第3行"),
        ("东湖街道办事处", "页眉 第1段"),
        ("身份证 11010519491231002X", "页眉 第2段"),
        ("第1页", "页脚 第1段"),
    ]


def test_first_page_and_section_headers_are_named_and_tables_in_them_keep_the_part():
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("正文")
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.first_page_header.paragraphs[0].text = "首页抬头"
    first.header.paragraphs[0].text = "其他页抬头"
    second = document.add_section()
    second.header.is_linked_to_previous = False
    table = second.header.add_table(rows=1, cols=2, width=python_docx.shared.Cm(10))
    table.cell(0, 1).text = "联系电话"
    out = io.BytesIO()
    document.save(out)
    doc = docx.read(out.getvalue(), "sections.docx")
    assert [(line.text, line.loc.describe()) for line in doc.lines()] == [
        ("正文", "第1行"),
        ("首页抬头", "第1节首页页眉 第1段"),  # in the order the section refers to them
        ("其他页抬头", "第1节页眉 第1段"),
    ]
    [table_block] = doc.tables()
    assert table_block.rows[0][1].text == "联系电话"
    assert table_block.rows[0][1].loc.describe() == "第2节页眉 表1 第1行第2列"
