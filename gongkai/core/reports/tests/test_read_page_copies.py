"""Failure classes found by the corpus (tests/corpus) in copies of report pages, each as a test
built from the lines those reports print: cells one per paragraph with an empty line between
them, a 「总计」 column heading read as the row （七）总计, and table 3 read from table 2's numbers
when the copy has no table 3 at all."""

from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.numbers import CellStatus

# 会昌县中村乡 2020 (huichang-zhongcun-2020): every cell its own paragraph, values indented.
ONE_CELL_PER_PARAGRAPH = """中村乡2020年政府信息公开工作年度报告

二、主动公开政府信息情况

第二十条第(一)项

信息内容

本年新

制作数量

本年新

公开数量

对外公开总数量

规章

  0

 0

 0

规范性文件

 5

5

 5

第二十条第(九)项

信息内容

采购项目数量

采购总金额

政府集中采购

1

8040

三、收到
"""


def audit(text: str):
    return audit_bytes(text.encode(), "年报.txt")


def values(report, table, row):
    out = []
    for column in report.layout.table(table).row(row).columns:
        cell = report.cell(table, row, column)
        out.append(int(cell.value) if cell.status is CellStatus.READ else cell.status.value)
    return out


def test_cells_one_per_paragraph_are_read_across_the_empty_lines():
    report = audit(ONE_CELL_PER_PARAGRAPH).report
    assert values(report, "t1", "regulations") == [0, 0, 0]
    assert values(report, "t1", "normative") == [5, 5, 5]
    assert values(report, "t1", "procurement") == [1, 8040]


def test_an_empty_line_still_ends_a_row_of_a_tab_separated_table():
    # Seed 001's shape: values on their own lines but after a tab, rows apart by an empty line;
    # the row below (「规范性文件」) keeps its own values.
    text = "船口街道2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\t规章\n\t0\n\t\n\t0\n\n\t规范性文件\n\t3\n\t\n\t4\n"
    report = audit(text).report
    assert values(report, "t1", "regulations") == [0, "blank", 0]
    assert values(report, "t1", "normative") == [3, "blank", 4]


# 高新区社会发展局 2022 (shizuishan-social-2022): the copy ends inside table 2's headings.
HEADINGS_ONLY = """高新区社会发展局2022年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(六)项 | |||
信息内容 |
本年处理决定数量 | ||
行政处罚 |
3 | ||
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |
申请人情况 | ||||||||
自然人 |
法人或其他组织 |
总计 | |||||||
商业企业 |
科研机构 |
"""


def test_the_total_column_heading_is_not_the_total_row():
    result = audit(HEADINGS_ONLY)
    report = result.report
    assert values(report, "t1", "penalty") == [3]
    assert values(report, "t2", "total") == ["missing"] * 7
    assert "CELLS-UNREADABLE" in [f.code for f in result.findings]


def test_a_copy_without_table_3_leaves_it_missing_instead_of_reading_table_2():
    # 微山县两城镇 2020 (weishan-liangcheng-2020): the copy stops inside table 2, whose header
    # row ends in 「总计」 like table 3's; the 15 zeros after it are table 2's, not table 3's.
    text = (
        "两城镇2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "自然人 | 法人或其他组织 | 总计 | |||||||\n"
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n"
        "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
        "三、本年度办理结果 | (一)予以公开 | "
    )
    result = audit(text)
    assert values(result.report, "t2", "new") == [0] * 7
    assert values(result.report, "t3", "appeals") == ["missing"] * 15
    assert "CELLS-UNREADABLE" in [f.code for f in result.findings]


def test_table_3_without_its_heading_is_found_by_its_own_header_cells():
    text = (
        "某镇2020年政府信息公开工作年度报告\n"
        "行政复议 | 行政诉讼\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
        "1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
    )
    report = audit(text).report
    assert values(report, "t3", "appeals") == [1, 0, 0, 1, 2] + [0] * 10


def test_a_short_pipe_row_is_not_padded_with_a_blank_cell_after_its_total():
    # 徐闻县司法局 (xuwen-justice-nd): the rows below print an empty first cell for the merged
    # （三）不予公开, so the table is one column wider than the （二）部分公开 row; padding that row
    # at its end put a blank into 总计 and its 0 into 其他.
    text = (
        "某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | | | | | | | 0 |\n"
        "| (三)不予公开 | 1.属于国家秘密 | | | | | | | 0 |\n"
        "| | 2.其他法律行政法规禁止公开 | | | | | | | 0 |\n"
    )
    report = audit(text).report
    assert values(report, "t2", "partial") == ["blank"] * 6 + [0]
    assert values(report, "t2", "withheld_state_secret") == ["blank"] * 6 + [0]
    assert values(report, "t2", "withheld_prohibited_by_law") == ["blank"] * 6 + [0]


def test_a_cells_closing_pipe_on_its_own_line_is_not_an_empty_cell():
    # 尼勒克县某镇 2023 (nilka-town-2023): every cell is followed by a line holding only '|'.
    text = "某镇2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章\n|\n0\n|\n0\n|\n6\n|\n行政规范性文件\n|\n0\n|\n0\n|\n0\n|\n"
    report = audit(text).report
    assert values(report, "t1", "regulations") == [0, 0, 6]
    assert values(report, "t1", "normative") == [0, 0, 0]


def test_a_lone_pipe_after_a_cell_ending_in_a_pipe_is_still_an_empty_cell():
    # 某区统计局 2023 (stats-bureau-2023): cells end in ' |', empty cells are a lone '|'.
    text = (
        "区统计局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n"
    )
    assert values(audit(text).report, "t2", "new") == ["blank"] * 6 + [0]


def test_a_row_whose_empty_cells_collapsed_into_a_line_of_pipes_is_missing_not_guessed():
    # 岳阳市南湖新区某局 2019 (yynanhu-dept-2019): 「3」「3」 then the row's empty cells as one line
    # of pipes; reading 3 into 商业企业 would be a number that is not the report's.
    text = (
        "某局2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 |\n3 |\n3 |\n|||||||\n"
        "二、上年结转政府信息公开申请数量 |\n0 |\n0 |\n|||||||\n"
    )
    result = audit(text)
    assert values(result.report, "t2", "new") == ["missing"] * 7
    assert values(result.report, "t2", "carried_in") == ["missing"] * 7
    assert "CELLS-UNREADABLE" in [f.code for f in result.findings]


def test_a_mirror_copy_in_traditional_characters_reads_行政處罰():
    # 抚远市自然资源局 2022 (fuyuan-nr-2022), copied by a mirror site in traditional characters.
    text = (
        "二、主動公開政府信息情況\n第二十條第(六)項 | |||\n信息內容 | 本年處理決定數量 | ||\n"
        "行政處罰 | 2 | ||\n行政強制 | 0 | ||\n"
    )
    report = audit("撫遠市自然資源局2022年政府信息公開工作年度報告\n" + text).report
    assert values(report, "t1", "penalty") == [2]
    assert values(report, "t1", "coercion") == [0]
