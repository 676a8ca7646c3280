"""Each class of failure seen on real published reports (issue 15), as a test built from the
lines those reports print: rows glued at a page break, damaged and split labels, numbering
variants, labels alone on their line, unlabelled rows, the hybrid （六） row, heading variants.

The report around the damaged lines is the tab-separated shape of text extracted from a real
PDF (seed 000): one table row per line, label cells first, then the seven applicant columns.
Its numbers are consistent, so any finding comes from the damage under test.
"""

from __future__ import annotations

from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.numbers import CellStatus

NEW = [10, 2, 0, 0, 0, 1, 13]
CARRIED_IN = [1, 0, 0, 0, 0, 0, 1]
GRANTED = [5, 1, 0, 0, 0, 1, 7]
PARTIAL = [2, 0, 0, 0, 0, 0, 2]
NOT_HELD = [3, 1, 0, 0, 0, 0, 4]
TOTAL = [10, 2, 0, 0, 0, 1, 13]
CARRIED_OUT = [1, 0, 0, 0, 0, 0, 1]
ZERO = [0] * 7

OTHER_2021 = [
    ("\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ZERO),
    ("\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ZERO),
    ("\t\t3.其他", ZERO),
]


def line(label: str, values: list) -> str:
    return label + "\t" + "\t".join(str(v) for v in values)


def table2_lines(other=None) -> list[str]:
    rows = [
        ("一、本年新收政府信息公开申请数量", NEW),
        ("二、上年结转政府信息公开申请数量", CARRIED_IN),
        ("三、本年度办理结果\t（一）予以公开", GRANTED),
        ("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", PARTIAL),
        ("\t（三）不予公开\t1.属于国家秘密", ZERO),
        ("\t\t2.其他法律行政法规禁止公开", ZERO),
        ("\t\t3.危及“三安全一稳定”", ZERO),
        ("\t\t4.保护第三方合法权益", ZERO),
        ("\t\t5.属于三类内部事务信息", ZERO),
        ("\t\t6.属于四类过程性信息", ZERO),
        ("\t\t7.属于行政执法案卷", ZERO),
        ("\t\t8.属于行政查询事项", ZERO),
        ("\t（四）无法提供\t1.本机关不掌握相关政府信息", NOT_HELD),
        ("\t\t2.没有现成信息需要另行制作", ZERO),
        ("\t\t3.补正后申请内容仍不明确", ZERO),
        ("\t（五）不予处理\t1.信访举报投诉类申请", ZERO),
        ("\t\t2.重复申请", ZERO),
        ("\t\t3.要求提供公开出版物", ZERO),
        ("\t\t4.无正当理由大量反复申请", ZERO),
        ("\t\t5.要求行政机关确认或重新出具已获取信息", ZERO),
        *(OTHER_2021 if other is None else other),
        ("\t（七）总计", TOTAL),
        ("四、结转下年度继续办理", CARRIED_OUT),
    ]
    return [line(label, values) for label, values in rows]


HEAD = """某区人民政府办公室2023年政府信息公开工作年度报告

一、总体情况

本机关认真落实《中华人民共和国政府信息公开条例》。

二、主动公开政府信息情况

信息内容	本年制发件数	本年废止件数	现行有效件数
规章	0	0	0
行政规范性文件	2	1	15
信息内容	本年处理决定数量
行政许可	97
行政处罚	12
行政强制	0
信息内容	本年收费金额（单位：万元）
行政事业性收费	0

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）	申请人情况
	自然人	法人或其他组织					总计
		商业企业	科研机构	社会公益组织	法律服务机构	其他
"""
TAIL = """
四、政府信息公开行政复议、行政诉讼情况

行政复议					行政诉讼
结果维持	结果纠正	其他结果	尚未审结	总计	未经复议直接起诉					复议后起诉
					结果维持	结果纠正	其他结果	尚未审结	总计	结果维持	结果纠正	其他结果	尚未审结	总计
1	0	0	1	2	0	0	0	0	0	0	0	0	0	0

五、存在的主要问题及改进情况

无。

六、其他需要报告的事项

无。

某区人民政府办公室
2024年1月20日
"""


def audit(lines: list[str], head: str = HEAD, tail: str = TAIL):
    return audit_bytes((head + "\n".join(lines) + "\n" + tail).encode(), "年报.txt")


def row_values(report, row, table="t2"):
    out = []
    for column in report.layout.table(table).row(row).columns:
        cell = report.cell(table, row, column)
        out.append(int(cell.value) if cell.status is CellStatus.READ else cell.status.value)
    return out


def codes(result):
    return [f.code for f in result.findings]


def replace(lines: list[str], start: str, new: list[str]) -> list[str]:
    """The lines with the one beginning with `start` (after its tabs) replaced by `new`."""
    index = next(i for i, text in enumerate(lines) if text.lstrip("\t").startswith(start))
    return lines[:index] + new + lines[index + 1 :]


def test_the_consistent_report_reads_exactly_with_no_finding():
    result = audit(table2_lines())
    assert row_values(result.report, "granted") == GRANTED
    assert row_values(result.report, "other_other") == ZERO
    assert row_values(result.report, "total") == TOTAL
    assert row_values(result.report, "licensing", "t1") == [97]
    assert codes(result) == []


# --- a row split across a page break, or two rows merged at one --------------------------------


def test_two_rows_glued_at_a_page_break_are_split_by_the_row_totals():
    # What a ruled PDF gave when the row below a page break was appended to the row above: both
    # labels in one cell and "upper lower" in every number cell (the reader printed 30 for 3).
    glued = "\t（一）予以公开（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t5 2\t1 0\t0 0\t0 0\t0 0\t1 0\t7 2"
    lines = replace(table2_lines(), "（二）部分公开", [])
    lines = replace(lines, "三、本年度办理结果", ["三、本年度办理结果" + glued])
    result = audit(lines)
    assert row_values(result.report, "granted") == GRANTED
    assert row_values(result.report, "partial") == PARTIAL
    assert codes(result) == ["READING-SETTLED"]
    assert "两行粘连" in result.findings[0].message


def test_glued_rows_the_sums_cannot_split_are_missing_with_a_finding():
    # The same glue, but the printed numbers do not add up under any split: never a guess.
    glued = "\t（一）予以公开（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t5 2\t1 0\t0 0\t0 0\t0 0\t1 0\t9 2"
    lines = replace(table2_lines(), "（二）部分公开", [])
    lines = replace(lines, "三、本年度办理结果", ["三、本年度办理结果" + glued])
    result = audit(lines)
    assert row_values(result.report, "granted") == ["missing"] * 7
    assert row_values(result.report, "partial") == ["missing"] * 7
    assert codes(result) == ["READING-UNSETTLED", "CELLS-UNREADABLE"]
    assert "任何读法下表内合计都不成立" in result.findings[0].message


def test_31_with_a_glued_digit_is_read_31_not_311():
    # 「31 1」: the 1 of the row below ran into 31 in the natural-person cell.
    new = [31, 2, 0, 0, 0, 1, 34]
    lines = [line("一、本年新收政府信息公开申请数量", ["31 1", 2, 0, 0, 0, 1, 34])] + table2_lines()[1:]
    lines = replace(lines, "（七）总计", [line("\t（七）总计", [31, 2, 0, 0, 0, 1, 34])])
    lines = replace(
        lines, "三、本年度办理结果", [line("三、本年度办理结果\t（一）予以公开", [26, 1, 0, 0, 0, 1, 28])]
    )
    result = audit(lines)
    assert row_values(result.report, "new") == new
    assert codes(result) == ["READING-SETTLED"]
    assert result.report.cell("t2", "new", "natural_person").raw == "31 1"


def test_two_cells_run_together_are_split_only_when_the_sums_agree():
    # 「5 1」: the 自然人 and 商业企业 cells of （一）予以公开 lost the tab between them.
    lines = replace(
        table2_lines(), "三、本年度办理结果", ["三、本年度办理结果\t（一）予以公开\t5 1\t0\t0\t0\t1\t7"]
    )
    result = audit(lines)
    assert row_values(result.report, "granted") == GRANTED
    assert codes(result) == ["READING-SETTLED"]


def test_a_wrapped_number_is_read_whole_when_the_sums_say_so():
    # A narrow cell wrapped 13 as 「1 3」 in the total column of row 一.
    lines = [line("一、本年新收政府信息公开申请数量", [10, 2, 0, 0, 0, 1, "1 3"])] + table2_lines()[1:]
    result = audit(lines)
    assert row_values(result.report, "new") == NEW
    assert codes(result) == ["READING-SETTLED"]


def test_an_ambiguous_cell_whose_sums_cannot_be_checked_is_missing():
    # 「1 3」 with the rest of the row unreadable: nothing can tell 13 from 1, so it is not read.
    lines = [line("一、本年新收政府信息公开申请数量", ["？", 2, 0, 0, 0, 1, "1 3"])] + table2_lines()[1:]
    result = audit(lines)
    assert result.report.cell("t2", "new", "total").status is CellStatus.MISSING
    assert "READING-UNSETTLED" in codes(result)


# --- damaged labels ---------------------------------------------------------------------------


def test_labels_with_typing_and_ocr_damage_are_recognised():
    lines = replace(
        table2_lines(),
        "一、本年新收",
        [line("一、本年\tF新收政府·\t信息公开申请数量", [4, 0, 0, 0, 0, 0, 4])],
    )
    lines = replace(
        lines, "2.其他法律行政法规禁止公开", [line("\t\t2.其他法律行政止公开", [1, 0, 0, 0, 0, 0, 1])]
    )
    # As printed by 长春市二道区房屋征收工作管理办公室's 2022 report (zwgk.changchun.gov.cn):
    # 「内容」 for 「内部」, 「情况」 for 「情形」.
    lines = replace(
        lines, "5.属于三类内部事务信息", [line("\t\t5.属于三类内容事务信息", [1, 0, 0, 0, 0, 0, 1])]
    )
    lines = replace(
        lines, "（二）部分公开", [line("\t(二)部分公开(区分处理的,只计这一情况,不计其他情形)", PARTIAL)]
    )
    result = audit(lines)
    assert row_values(result.report, "new") == [4, 0, 0, 0, 0, 0, 4]
    assert row_values(result.report, "withheld_prohibited_by_law") == [1, 0, 0, 0, 0, 0, 1]
    assert row_values(result.report, "withheld_internal_affairs") == [1, 0, 0, 0, 0, 0, 1]
    assert row_values(result.report, "partial") == PARTIAL
    # The sums now fail, as they should: the damaged rows carry new numbers; nothing is missing.
    assert set(codes(result)) == {"T2-BALANCE", "T2-OUTCOME-SUM"}


def test_a_damaged_label_closer_to_another_row_is_not_taken_for_this_one():
    # 「1.申请人逾期不补正缴纳费用」 is as close to （六）1 as to （六）2: neither takes it.
    lines = replace(
        table2_lines(), "（六）其他处理", [line("\t（六）其他处理\t1.申请人逾期不补正缴纳费用", [9] * 7)]
    )
    result = audit(lines)
    assert row_values(result.report, "other_no_supplement") == ["missing"] * 7
    assert row_values(result.report, "other_fee_unpaid") == ZERO
    assert codes(result) == ["ROW-NOT-FOUND", "CELLS-UNREADABLE"]
    # The finding says which row is missing, between which rows, and the label that did not fit.
    assert (
        "“1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”行未能定位"
        in result.findings[0].message
    )
    assert "其间印有的标签“（六）其他处理1.申请人逾期不补正缴纳费用”与行序不符" in result.findings[0].message


def test_numbering_variants_are_read():
    lines = table2_lines()
    lines = replace(
        lines, "（三）不予公开", [line("\t（三）不予公开\t1、属于国家秘密", [1, 0, 0, 0, 0, 0, 1])]
    )
    lines = replace(lines, "2.其他法律", [line("\t\t（2）其他法律行政法规禁止公开", [2, 0, 0, 0, 0, 0, 2])])
    lines = replace(lines, "3.危及", [line("\t\t3.危及“三安全一稳定”", [3, 0, 0, 0, 0, 0, 3])])
    lines = replace(lines, "4.保护第三方", [line("\t\t④保护第三方合法权益", [4, 0, 0, 0, 0, 0, 4])])
    result = audit(lines)
    report = result.report
    assert [row_values(report, r)[0] for r in ("withheld_state_secret", "withheld_prohibited_by_law")] == [
        1,
        2,
    ]
    assert [row_values(report, r)[0] for r in ("withheld_security_stability", "withheld_third_party")] == [
        3,
        4,
    ]


def test_a_label_split_across_cells_or_lines_is_joined():
    lines = replace(table2_lines(), "一、本年新收", [line("一、本年新收政府信息公开申请数\t量", NEW)])
    split = [
        "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公",
        line("开申请", [1, 0, 0, 0, 0, 0, 1]),
    ]
    lines = replace(lines, "（六）其他处理", split)
    result = audit(lines)
    assert row_values(result.report, "new") == NEW
    assert row_values(result.report, "other_no_supplement") == [1, 0, 0, 0, 0, 0, 1]
    assert row_values(result.report, "other_fee_unpaid") == ZERO


def test_a_label_alone_on_its_line_takes_the_values_on_the_next():
    lines = replace(
        table2_lines(),
        "（四）无法提供",
        ["\t（四）无法提供\t1.本机关不掌握相关政府信息", "\t".join(map(str, NOT_HELD))],
    )
    result = audit(lines)
    assert row_values(result.report, "unavailable_not_held") == NOT_HELD
    assert codes(result) == []


def test_a_row_with_no_label_takes_its_place_from_its_neighbours():
    lines = replace(table2_lines(), "2.没有现成信息", ["\t".join(["2"] + ["0"] * 5 + ["2"])])
    result = audit(lines)
    assert row_values(result.report, "unavailable_needs_creation") == [2, 0, 0, 0, 0, 0, 2]
    assert row_values(result.report, "unavailable_still_unclear") == ZERO


# --- the hybrid （六） row and heading variants -----------------------------------------------


def test_a_2021_report_with_the_single_2019_other_row_is_read_as_printed_and_flagged():
    result = audit(table2_lines(other=[("\t（六）其他处理", [1, 0, 0, 0, 0, 0, 1])]))
    report = result.report
    assert (report.template, report.table2_template) == ("2021", "2019")
    assert row_values(report, "other") == [1, 0, 0, 0, 0, 0, 1]
    assert ("t2", "other_other", "total") not in report.cells
    # The extra 1 in （六） makes the outcome sum differ from （七）, as the report prints it.
    assert codes(result)[0] == "T2-OUTCOME-SUM"
    assert "T2-TEMPLATE-MIX" in codes(result)
    mix = next(f for f in result.findings if f.code == "T2-TEMPLATE-MIX")
    assert "2023年度应使用2021年格式（〔2021〕30号），依申请公开情况表不符" in mix.message


def test_the_hybrid_row_with_consistent_numbers_gives_only_the_template_finding():
    lines = table2_lines(other=[("\t（六）其他处理", ZERO)])
    result = audit(lines)
    assert codes(result) == ["T2-TEMPLATE-MIX"]


def test_differently_worded_headings_count_as_the_parts_they_are():
    tail = TAIL.replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况")
    result = audit(table2_lines(), tail=tail)
    assert [number for number, _, _ in result.report.sections] == ["一", "二", "三", "四", "五", "六"]
    assert "SECTIONS" not in codes(result)


def test_one_cell_per_line_with_trailing_pipes_as_a_real_report_prints_it():
    # The start of tables 1 and 2 of 长春市二道区房屋征收工作管理办公室's 2022 report
    # (zwgk.changchun.gov.cn), as its web page gives them: one cell per line, each ending in
    # 「 |」, empty cells as 「|」 and leftovers of merged cells as 「||」.
    cells = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0"]
    cells += ["行政规范性文件", "0", "0", "0", "第二十条 第(五)项", "|", "信息内容", "本年处理决定数量", "|"]
    cells += ["行政许可", "0", "|", "第二十条 第(六)项", "|", "信息内容", "本年处理决定数量", "|"]
    cells += ["行政处罚", "0", "|", "行政强制", "0", "|", "信息内容", "本年收费金额(单位:万元)", "|"]
    cells += ["行政事业性收费", "0"]
    table1 = "\n".join(c if c == "|" else c + " |" for c in cells)
    table2 = "\n".join(
        [
            "一、本年新收政府信息公开申请数量 |",
            "56 |",
            *["|"] * 5,
            "56 |",
            "||",
            "二、上年结转政府信息公开申请数量 |",
            "0 |",
            *["|"] * 5,
            "0 |",
            "||",
            "三、本年度办理结果 |",
            "(一)予以公开 |",
            "18 |",
            *["|"] * 7,
        ]
    )
    text = f"某办2022年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n{table1}\n三、收到和处理政府信息公开申请情况\n{table2}\n"
    report = audit_bytes(text.encode(), "二道区.txt").report
    assert [row_values(report, row, "t1") for row in ("regulations", "normative")] == [[0, 0, 0]] * 2
    assert [row_values(report, row, "t1") for row in ("licensing", "penalty", "coercion", "fees")] == [
        [0]
    ] * 4
    assert row_values(report, "new") == [56] + ["blank"] * 5 + [56]
    assert row_values(report, "carried_in") == [0] + ["blank"] * 5 + [0]
    # As printed: 18 in the 自然人 column and the 总计 cell left empty (the report's own slip).
    assert row_values(report, "granted") == [18] + ["blank"] * 6


def test_a_row_left_out_is_missing_not_filled_from_the_row_above():
    # 「3.要求提供公开出版物」 is not printed at all; the row above ends in a tab.
    lines = replace(table2_lines(), "2.重复申请", [line("\t\t2.重复申请", [2, 0, 0, 0, 0, 0, 2]) + "\t"])
    lines = replace(lines, "3.要求提供公开出版物", [])
    result = audit(lines)
    assert row_values(result.report, "not_processed_repeat") == [2, 0, 0, 0, 0, 0, 2]
    assert row_values(result.report, "not_processed_publication") == ["missing"] * 7
    assert row_values(result.report, "not_processed_excessive") == ZERO


def test_the_year_decides_which_table_of_a_hybrid_deviates():
    other = [("\t（六）其他处理", ZERO)]
    # A 2020 report was due in the 2019 format: its table 2 is right, its 2021-style table 1 is not.
    result = audit(table2_lines(other=other), head=HEAD.replace("2023年", "2020年"))
    mix = next(f for f in result.findings if f.code == "T2-TEMPLATE-MIX")
    assert "2020年度应使用2019年试行格式（〔2019〕60号），主动公开情况表不符" in mix.message
    assert mix.cells == [("t2", "other", "total")]
    assert "TEMPLATE-YEAR" in codes(result)
    # Without a year nothing decides, and the finding says so rather than guessing.
    result = audit(table2_lines(other=other), head=HEAD.replace("2023年", ""))
    mix = next(f for f in result.findings if f.code == "T2-TEMPLATE-MIX")
    assert result.report.year is None and "年度不明，无法确定应使用哪一格式" in mix.message


# --- rows aligned to the template's fixed order (design point 1) ------------------------------


def by_place(result):
    return [f.message for f in result.findings if f.code == "ROW-BY-PLACE"]


def test_a_label_too_damaged_to_match_takes_its_place_between_its_neighbours():
    # OCR confusions seen in scanned reports: 中 for 申, 客 for 容, 朋 for 明 (similarity 0.73).
    lines = replace(
        table2_lines(),
        "3.补正后申请内容仍不明确",
        [line("\t\t3.补正后中请内客仍不朋确", [1, 0, 0, 0, 0, 0, 1])],
    )
    result = audit(lines)
    assert row_values(result.report, "unavailable_still_unclear") == [1, 0, 0, 0, 0, 0, 1]
    assert by_place(result) == [
        "依申请公开情况表“3.补正后申请内容仍不明确”行标签印作“3.补正后中请内客仍不朋确”，位于"
        "“2.没有现成信息需要另行制作”行与“1.信访举报投诉类申请”行之间，按表格固定的行序读作该行。"
    ]
    # The row carries a 1 the consistent table did not have, read as printed: the outcome sum
    # says so (the balance 一+二 = （七）+四 does not involve the row).
    assert set(codes(result)) == {"ROW-BY-PLACE", "T2-OUTCOME-SUM"}


def test_two_rows_with_no_label_take_their_places_from_the_rows_around_them():
    # Both label cells of （四）2 and 3 lost (a scan whose label column was cut off).
    lines = replace(table2_lines(), "2.没有现成信息", ["\t".join(["2"] + ["0"] * 5 + ["2"])])
    lines = replace(lines, "3.补正后申请内容仍不明确", ["\t".join(["1"] + ["0"] * 5 + ["1"])])
    result = audit(lines)
    assert row_values(result.report, "unavailable_needs_creation") == [2, 0, 0, 0, 0, 0, 2]
    assert row_values(result.report, "unavailable_still_unclear") == [1, 0, 0, 0, 0, 0, 1]
    assert len(by_place(result)) == 2 and "没有标签" in by_place(result)[0]


def test_a_gap_holding_fewer_printed_rows_than_the_template_is_left_missing():
    # Three rows of （五） gone, two unlabelled lines printed: which two they are is not known.
    lines = replace(table2_lines(), "2.重复申请", ["\t".join(["0"] * 7)])
    lines = replace(lines, "3.要求提供公开出版物", [])
    lines = replace(lines, "4.无正当理由大量反复申请", ["\t".join(["0"] * 7)])
    result = audit(lines)
    for row in ("not_processed_repeat", "not_processed_publication", "not_processed_excessive"):
        assert row_values(result.report, row) == ["missing"] * 7, row
    assert by_place(result) == []
    assert "CELLS-UNREADABLE" in codes(result)


def test_a_damaged_label_whose_number_is_another_rows_is_not_placed():
    # 「4.」 where （四）3 stands: the label's own number contradicts the place, so nothing is read.
    lines = replace(
        table2_lines(),
        "3.补正后申请内容仍不明确",
        [line("\t\t4.补正后中请内客仍不朋确", [1, 0, 0, 0, 0, 0, 1])],
    )
    result = audit(lines)
    assert row_values(result.report, "unavailable_still_unclear") == ["missing"] * 7
    assert by_place(result) == []


def test_a_clear_label_of_another_row_is_not_placed_in_a_gap():
    # The gap where （四）3 stands holds 「1.信访举报投诉类申请」 - plainly （五）1, printed early.
    lines = replace(
        table2_lines(), "3.补正后申请内容仍不明确", [line("\t\t3.信访举报投诉类申请", [1, 0, 0, 0, 0, 0, 1])]
    )
    result = audit(lines)
    assert row_values(result.report, "unavailable_still_unclear") == ["missing"] * 7
    assert by_place(result) == []
