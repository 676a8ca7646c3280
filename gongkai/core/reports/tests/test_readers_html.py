"""HTML reader: government pages, Word-exported HTML, encodings, spans, noise and hostile input."""

from __future__ import annotations

import pytest

from gongkai.core.reports.readers import ReadError, html, read_bytes
from gongkai.core.reports.source import Location, SourceLine, SourceTable
from gongkai.core.reports.tests import builders as b


def specs(blocks):
    return [block for block in blocks if not isinstance(block, str)]


def test_word_exported_report_gives_the_three_official_grids():
    blocks = b.report_blocks(seed=5)
    doc = read_bytes(b.build_word_html(blocks, encoding="gb2312"), "年报.htm")
    assert doc.kind == "html"
    assert doc.warnings == []
    assert [b.grid_of(t) for t in doc.tables()] == [b.expected_grid(s) for s in specs(blocks)]
    assert [line.text for line in doc.lines()] == [block for block in blocks if isinstance(block, str)]
    # No Word artefacts leak into the text.
    everything = " ".join(line.text for line in doc.lines()) + " ".join(
        cell.text for t in doc.tables() for row in t.rows for cell in row
    )
    assert "o:p" not in everything and "&nbsp" not in everything and "\xa0" not in everything


def test_table2_header_merges_and_locations():
    doc = read_bytes(b.build_word_html(b.report_blocks(seed=1)), "a.htm")
    table = doc.tables()[1]
    assert table.loc == Location(table=2)
    assert len(table.rows) == 28 and all(len(row) == 10 for row in table.rows)
    note = table.rows[2][2]
    assert note.text == b.GOUJI_NOTE
    assert note.loc == Location(table=2, row=3, col=3)
    assert note.origin == Location(table=2, row=1, col=1)
    assert table.rows[0][0].origin is None
    assert [c.text for c in table.rows[0][3:]] == ["申请人情况"] * 7
    assert [c.text for c in table.rows[1][3:]] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert table.rows[1][5].origin == Location(table=2, row=2, col=5)
    assert [c.text for c in table.rows[2][3:]] == b.APPLICANT_COLUMNS
    assert table.rows[2][3].origin == Location(table=2, row=2, col=4)  # 自然人 spans two header rows
    assert table.rows[5][0].text == "三、本年度办理结果" and table.rows[26][0].origin == Location(
        table=2, row=6, col=1
    )


WORD_SNIPPET = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>办公室</o:Author></o:DocumentProperties></xml><![endif]-->
</head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;
font-family:方正小标宋简体'>四、政府信息公开行政复议、行政诉讼情况<span lang=EN-US><o:p></o:p></span></span></b></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes;height:20.0pt'>
  <td width=190 colspan=5 style='width:142.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal align=center style='text-align:center'><span style='font-family:黑体'>行政复议</span><span
  lang=EN-US style='font-family:黑体'><o:p></o:p></span></p></td>
  <td width=380 colspan=10 style='width:285.0pt;border:solid windowtext 1.0pt;border-left:none'>
  <p class=MsoNormal align=center><span style='font-family:黑体'>行政诉讼<span lang=EN-US><o:p></o:p></span></span></p></td>
 </tr>
 <tr style='mso-yfti-irow:1;height:20.0pt'>
  <td rowspan=2><p class=MsoNormal><span>结果<br>维持</span></p></td>
  <td rowspan=2><p class=MsoNormal><span>结果纠</span><span>正</span></p></td>
  <td rowspan=2><p class=MsoNormal><span>其他<span lang=EN-US>&nbsp;</span>结果</span></p></td>
  <td rowspan=2><p class=MsoNormal><span>尚未审结</span></p></td>
  <td rowspan=2><p class=MsoNormal><span>总计</span></p></td>
  <td colspan=5><p class=MsoNormal><span>未经复议直接起诉</span></p></td>
  <td colspan=5><p class=MsoNormal><span>复议后起诉</span></p></td>
 </tr>
 <tr>
  <td><p>结果维持</p></td><td><p>结果纠正</p></td><td><p>其他结果</p></td><td><p>尚未审结</p></td><td><p>总计</p></td>
  <td><p>结果维持</p></td><td><p>结果纠正</p></td><td><p>其他结果</p></td><td><p>尚未审结</p></td><td><p>总计</p></td>
 </tr>
 <tr style='mso-yfti-irow:3;mso-yfti-lastrow:yes'>
  <td><p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td>
  <td><p class=MsoNormal><span lang=EN-US>0<o:p></o:p></span></p></td>
  <td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>
  <td><p>0</p></td><td><p>1</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td>
  <td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td>
 </tr>
 <![if !supportMisalignedColumns]>
 <tr height=0><td width=38 style='border:none'></td><td width=38 style='border:none'></td></tr>
 <![endif]>
</table>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
</div></body></html>"""


def test_handwritten_msonormaltable_snippet():
    doc = html.read(WORD_SNIPPET.encode("utf-8"), "snippet.htm")
    assert doc.lines() == [SourceLine("四、政府信息公开行政复议、行政诉讼情况", Location(line=1))]
    (table,) = doc.tables()
    texts = [[cell.text for cell in row] for row in table.rows]
    assert texts == [
        ["行政复议"] * 5 + ["行政诉讼"] * 10,
        ["结果\n维持", "结果纠正", "其他 结果", "尚未审结", "总计"]
        + ["未经复议直接起诉"] * 5
        + ["复议后起诉"] * 5,
        ["结果\n维持", "结果纠正", "其他 结果", "尚未审结", "总计"]
        + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
        ["1", "0", "", "0", "1"] + ["0"] * 10,
    ]
    assert table.rows[2][0].origin == Location(table=1, row=2, col=1)
    assert table.rows[0][14].origin == Location(table=1, row=1, col=6)
    assert table.rows[3][2].loc == Location(table=1, row=4, col=3)


def test_gbk_government_page_skips_navigation_scripts_and_footer():
    blocks = [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        [[b.C("甲"), b.C("乙")], [b.C("1"), b.C("2")]],
    ]
    data = b.build_html(blocks, encoding="gbk")
    assert b"charset=gbk" in data and "年度报告".encode("gbk") in data
    doc = read_bytes(data, "page.html")
    assert [line.text for line in doc.lines()] == blocks[:2]
    assert b.grid_of(doc.tables()[0]) == [[("甲", None), ("乙", None)], [("1", None), ("2", None)]]
    assert doc.warnings == []


def test_gb2312_label_with_gbk_only_character():
    # 镕 is in GBK but not in GB2312; pages labelled gb2312 contain such characters.
    page = '<html><head><meta charset="gb2312"></head><body><p>朱镕基</p></body></html>'.encode("gbk")
    doc = html.read(page, "p.html")
    assert doc.lines()[0].text == "朱镕基"


def test_declared_charset_contradicted_by_bytes():
    page = '<html><head><meta charset="utf-8"></head><body><p>政府信息公开</p></body></html>'.encode("gbk")
    doc = html.read(page, "wrong.html")
    assert doc.lines()[0].text == "政府信息公开"
    assert any("实际按gb18030解码" in w for w in doc.warnings)


def test_layout_table_is_read_through_to_the_data_table():
    page = """<html><body><table width=1000><tr><td>网站导航</td></tr><tr><td>
    <p>标题：某县2022年年报</p>
    <table border=1><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>12</td></tr></table>
    <p>结束语</p></td></tr></table></body></html>"""
    doc = html.read(page.encode(), "layout.html")
    kinds = [type(block).__name__ for block in doc.blocks]
    assert kinds == ["SourceLine", "SourceLine", "SourceTable", "SourceLine"]
    assert [line.text for line in doc.lines()] == ["网站导航", "标题：某县2022年年报", "结束语"]
    assert doc.tables()[0].loc == Location(table=1)
    assert [[c.text for c in row] for row in doc.tables()[0].rows] == [
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "12"],
    ]


def test_odd_spans_give_a_rectangular_grid():
    page = """<table>
    <tr><td rowspan="0">全</td><td colspan="x">a</td><td>b</td></tr>
    <tr><td>c</td></tr>
    <tr><td>d</td><td colspan=3>e</td></tr>
    </table>"""
    (table,) = html.read(page.encode(), "odd.html").tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["全", "a", "b", "", ""],
        ["全", "c", "", "", ""],
        ["全", "d", "e", "e", "e"],
    ]
    assert table.rows[2][0].origin == Location(table=1, row=1, col=1)
    assert table.rows[1][2].origin is None and table.rows[1][2].text == ""


def test_hidden_text_comments_and_line_breaks():
    page = """<body><p>第一<span style="display:none">隐藏</span>段<!-- 注释 -->落</p>
    <p>政府信息
    公开工作 2023
    年度</p><div hidden>不显示</div><p>&nbsp;&nbsp;</p><p>　　全角缩进</p></body>"""
    doc = html.read(page.encode(), "h.html")
    assert [(line.text, line.loc.line) for line in doc.lines()] == [
        ("第一段落", 1),
        ("政府信息公开工作 2023 年度", 2),
        ("全角缩进", 3),
    ]


def test_page_without_tables_warns_and_mentions_images():
    doc = html.read(
        '<html><body><p>年报见附件</p><img src="t1.png"><img src="t2.png"></body></html>'.encode(), "n.html"
    )
    assert [line.text for line in doc.lines()] == ["年报见附件"]
    assert doc.tables() == []
    assert doc.warnings == ["n.html：未发现表格，页面含2张图片，表格可能以图片形式发布。"]


def test_deep_nesting_is_read_to_2048_levels_and_beyond_that_warned_about():
    doc = html.read(("<div>" * 1500 + "深层文字" + "</div>" * 1500).encode(), "deep.html")
    assert [line.text for line in doc.lines()] == ["深层文字"]
    doc = html.read(("<p>开头</p>" + "<div>" * 20000 + "深层文字" + "</div>" * 20000).encode(), "deeper.html")
    assert [line.text for line in doc.lines()] == ["开头"]
    assert "deeper.html：网页结构异常（如嵌套过深），部分内容可能未读取。" in doc.warnings


@pytest.mark.parametrize("data", [b"", b"   \n", "\ufeff".encode()])
def test_empty_page_is_a_read_error(data):
    with pytest.raises(ReadError, match="文件为空"):
        html.read(data, "empty.html")


def test_xml_declaration_and_utf16_are_accepted():
    page = '<?xml version="1.0" encoding="utf-16"?><html><body><p>年报</p></body></html>'
    doc = html.read(page.encode("utf-16"), "x.html")
    assert doc.lines()[0].text == "年报"
    assert isinstance(doc.blocks[0], SourceLine) and not any(isinstance(x, SourceTable) for x in doc.blocks)


def test_word_list_numbers_and_table_captions_are_kept():
    page = """<body><p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>一、<span
    style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>总体情况</p>
    <table><caption>表1 主动公开</caption><tr><td>规章</td><td>0</td></tr></table></body>"""
    doc = html.read(page.encode(), "list.htm")
    assert [line.text for line in doc.lines()] == ["一、 总体情况", "表1 主动公开"]
    assert [[c.text for c in row] for row in doc.tables()[0].rows] == [["规章", "0"]]


def test_damaged_files_give_a_document_or_a_read_error_never_another_exception():
    for damaged in b.mutations(b.build_word_html(b.report_blocks(seed=1)), count=45, seed=3):
        try:
            html.read(damaged, "损坏.html")
        except ReadError as error:
            assert str(error).startswith("损坏.html：")


def test_page_cut_mid_character_is_decoded_with_the_best_fitting_codec():
    page = "<html><body><p>政府信息公开</p><p>年度报告".encode("gbk")[:-1] + b"</p></body></html>"
    doc = read_bytes(page, "cut.html")
    assert [line.text for line in doc.lines()] == ["政府信息公开", "年度报\ufffd"]
    assert doc.warnings[0] == "cut.html：网页含有无法解码的字节，部分字符显示为“\ufffd”。"


def test_two_column_layout_table_with_running_text_is_read_as_lines():
    paragraphs = "".join(f"<p>第{i}段正文。</p>" for i in range(1, 6))
    page = f"<table><tr><td><a href='/'>首页</a></td><td>{paragraphs}</td></tr></table>"
    doc = html.read(page.encode(), "two-col.html")
    assert doc.tables() == []
    assert [line.text for line in doc.lines()] == ["首页"] + [f"第{i}段正文。" for i in range(1, 6)]
