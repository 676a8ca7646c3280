"""Numbers quoted in a report's text are tied to their cells (issue 15, design item 3): lines as
real reports word them, against the consistent report of test_read_damaged."""

from __future__ import annotations

from pathlib import Path

from gongkai.core.reports.audit import audit_path
from gongkai.core.reports.tests.test_read_damaged import HEAD, TAIL, audit, codes, table2_lines

INTRO = "本机关认真落实《中华人民共和国政府信息公开条例》。"


def with_text(*sentences: str, tail: str = TAIL):
    return audit(table2_lines(), head=HEAD.replace(INTRO, "".join(sentences)), tail=tail)


def messages(result, code="TEXT-NUMBER"):
    return [f.message for f in result.findings if f.code == code]


def test_numbers_that_agree_with_the_tables_raise_nothing():
    result = with_text(
        "2023年共收到政府信息公开申请13件，上年结转1件，其中予以公开7件，部分公开2件，",
        "结转下年度继续办理1件。全年发生政府信息公开行政复议2件，行政诉讼0件。",
    )
    assert codes(result) == []


def test_a_request_count_that_contradicts_the_table_is_a_finding():
    # The text said 17 requests where the table counts 13.
    result = with_text("2023年共收到政府信息公开申请17件。")
    assert messages(result) == [
        "正文“收到政府信息公开申请17件”与依申请公开情况表本年新收申请总计（13）不一致。"
    ]


def test_granted_partial_and_appeal_counts_are_tied_to_their_cells():
    result = with_text("其中予以公开8件，部分公开2件。被申请行政复议3件，行政诉讼1件。")
    assert messages(result) == [
        "正文“予以公开8件”与依申请公开情况表（一）予以公开总计（7）不一致。",
        "正文“行政复议3件”与复议诉讼情况表行政复议总计（2）不一致。",
        "正文“行政诉讼1件”与复议诉讼情况表行政诉讼总计（直接起诉与复议后起诉之和）（0）不一致。",
    ]


def test_all_upheld_while_the_table_has_a_pending_case_is_a_finding():
    # Table 3 of the report: 行政复议 1 upheld, 1 尚未审结.
    result = with_text("本年度发生行政复议案件2件，均获维持。")
    assert messages(result, "TEXT-UPHELD") == ["正文称“均获维持”，复议诉讼情况表却有行政复议尚未审结1件。"]
    assert result.findings[0].cells == [("t3", "appeals", "review.pending")]


def test_all_upheld_when_the_table_agrees_raises_nothing():
    tail = TAIL.replace("1	0	0	1	2	0", "2	0	0	0	2	0")
    result = with_text("本年度发生行政复议案件2件，均获维持。", tail=tail)
    assert codes(result) == []


def test_more_wordings_that_agree_raise_nothing():
    # As real reports word them: 本年新收, 上年度结转, 结转下年度办理, the outcome groups, the fee.
    result = with_text(
        "本年度新收政府信息公开申请13件，上年度结转1件，无法提供4件，不予公开0件，",
        "结转下年度办理1件。本年度行政事业性收费0万元。",
    )
    assert codes(result) == []


def test_new_requests_outcome_groups_and_the_fee_are_tied_to_their_cells():
    result = with_text(
        "本年新收政府信息公开申请数量为17件，无法提供3件，不予公开1件。",
        "结转下年度办理2件。行政事业性收费金额1.5万元。",
    )
    assert messages(result) == [
        "正文“新收政府信息公开申请数量为17件”与依申请公开情况表本年新收申请总计（13）不一致。",
        "正文“结转下年度办理2件”与依申请公开情况表结转下年度总计（1）不一致。",
        "正文“不予公开1件”与依申请公开情况表（三）不予公开各项总计之和（0）不一致。",
        "正文“无法提供3件”与依申请公开情况表（四）无法提供各项总计之和（4）不一致。",
        "正文“行政事业性收费金额1.5万元”与主动公开情况表行政事业性收费本年收费金额（万元）（0）不一致。",
    ]
    unavailable = next(f for f in result.findings if "无法提供3件" in f.message)
    # Tied to the total of each of the group's three rows, so the screens can mark them.
    assert [key[1] for key in unavailable.cells] == [
        "unavailable_not_held",
        "unavailable_needs_creation",
        "unavailable_still_unclear",
    ]
    fee = next(f for f in result.findings if "万元" in f.message)
    assert fee.cells == [("t1", "fees", "fee_amount")]


def test_other_handling_in_the_text_follows_the_layout_the_table_is_printed_in():
    # The hybrid single （六） row (2019 shape) holds 0; the text says 其他处理2件.
    result = audit(
        table2_lines(other=[("\t（六）其他处理", [0] * 7)]),
        head=HEAD.replace(INTRO, "其他处理2件。"),
    )
    [finding] = [f for f in result.findings if f.code == "TEXT-NUMBER"]
    assert finding.cells == [("t2", "other", "total")] and "（0）" in finding.message


def test_granted_and_partial_quoted_together_are_tied_to_both_rows():
    # 「予以公开及部分公开258件」 (上海市人民政府办公厅 2019): one number for rows （一） and （二）.
    assert codes(with_text("其中予以公开及部分公开9件，占69.2%。")) == []
    result = with_text("其中予以公开及部分公开7件，占53.8%。")
    assert messages(result) == [
        "正文“予以公开及部分公开7件”与依申请公开情况表（一）予以公开与（二）部分公开总计之和（9）不一致。"
    ]
    assert result.findings[0].cells == [("t2", "granted", "total"), ("t2", "partial", "total")]


CORPUS = Path(__file__).resolve().parents[4] / "tests" / "corpus"


def test_a_blank_total_column_does_not_hide_a_text_number_the_columns_contradict():
    # The published 2019 report of 上海市人民政府办公厅 leaves the 总计 column of every outcome row
    # blank; its text quotes 258 and 265 where the applicant columns add up to 275 and 337, and
    # 不予公开35件 / 不予处理158件 / 其他处理0件, which the columns bear out.
    result = audit_path(str(CORPUS / "sh-office-2019" / "source.html"))
    assert messages(result) == [
        "正文“予以公开及部分公开258件”与依申请公开情况表（一）予以公开与（二）部分公开总计之和"
        "（总计栏为0，各类申请人之和为275）不一致。",
        "正文“无法提供265件”与依申请公开情况表（四）无法提供各项总计之和（总计栏为0，各类申请人之和为337）不一致。",
    ]


def test_a_text_number_matching_the_printed_total_or_the_columns_is_not_a_text_finding():
    # A row whose 总计 disagrees with its columns is T2-ROW-TOTAL's finding, not the text's:
    # 予以公开 printed 8 in 总计 while its columns add up to 7.
    lines = table2_lines()
    lines[2] = lines[2].rsplit("\t", 1)[0] + "\t8"
    for quoted in ("予以公开8件", "予以公开7件"):
        result = audit(lines, head=HEAD.replace(INTRO, f"其中{quoted}。"))
        assert messages(result) == [], quoted
        assert "T2-ROW-TOTAL" in codes(result)
