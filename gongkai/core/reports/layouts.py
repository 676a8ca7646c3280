"""The two official layouts of the annual report's three tables, as data (statute.md §1, §2).

Rows and columns have stable keys that the checks and the exports use; labels are the official
wording, aliases the variants seen in published reports. Table 2's outcome rows are the coded
outcomes of gongkai.core.outcomes, so a report computed from cases and a report read from a file
share one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.outcomes import OUTCOMES, OutcomeGroup

CellKey = tuple[str, str, str]  # (table, row, column), e.g. ("t2", "new", "total")
TABLE_NAMES = {"t1": "主动公开情况表", "t2": "依申请公开情况表", "t3": "复议诉讼情况表"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    columns: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    # The coded outcomes (gongkai.core.outcomes) a table-2 result row counts: one, or for the 2019
    # trial format's single （六）其他处理 row the three 其他处理 outcomes of the 2021 format.
    outcomes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableLayout:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


@dataclass(frozen=True)
class Layout:
    template: str  # "2019" (trial, 国办公开办函〔2019〕60号) or "2021" (国办公开办函〔2021〕30号)
    tables: tuple[TableLayout, ...]

    def table(self, key: str) -> TableLayout:
        return next(t for t in self.tables if t.key == key)

    def outcome_row(self, outcome_code: str) -> str:
        """The key of the table-2 row an outcome is counted in under this layout."""
        return next(r.key for r in self.table("t2").rows if outcome_code in r.outcomes)


APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_organisation", "其他"),
    Column("total", "总计"),
)
T2_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS)


# The 2019 trial format folds these three 2021 outcomes into its one row （六）其他处理.
OTHER_OUTCOMES = tuple(o.code for o in OUTCOMES if o.group is OutcomeGroup.OTHER)


def _table2(template: str) -> TableLayout:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", T2_COLUMNS),
        Row("carried_in", "二、上年结转政府信息公开申请数量", T2_COLUMNS),
    ]
    for outcome in OUTCOMES:
        if template == "2019" and outcome.group is OutcomeGroup.OTHER:
            if outcome.code == OTHER_OUTCOMES[0]:
                rows.append(Row("other", "（六）其他处理", T2_COLUMNS, outcomes=OTHER_OUTCOMES))
            continue
        label = outcome.row_2021.split(" ", 1)[-1] if outcome.number else outcome.row_2021
        if outcome.code == "partial":
            label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        rows.append(Row(outcome.code, label, T2_COLUMNS, (outcome.label,), (outcome.code,)))
    rows += [
        Row("total", "（七）总计", T2_COLUMNS),
        Row("carried_out", "四、结转下年度继续办理", T2_COLUMNS),
    ]
    return TableLayout("t2", "三、收到和处理政府信息公开申请情况", APPLICANT_COLUMNS, tuple(rows))


APPEAL_RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
APPEAL_BLOCKS = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
T3_COLUMNS = tuple(
    Column(f"{block}.{result}", f"{block_label}{result_label}")
    for block, block_label in APPEAL_BLOCKS
    for result, result_label in APPEAL_RESULTS
)
TABLE3 = TableLayout(
    "t3",
    "四、政府信息公开行政复议、行政诉讼情况",
    T3_COLUMNS,
    (Row("appeals", "行政复议、行政诉讼", tuple(c.key for c in T3_COLUMNS)),),
)

TABLE1_2021 = TableLayout(
    "t1",
    "二、主动公开政府信息情况",
    (
        Column("made", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
        Column("decisions", "本年处理决定数量"),
        Column("fee_amount", "本年收费金额（单位：万元）"),
    ),
    (
        Row("regulations", "规章", ("made", "repealed", "in_force")),
        Row("normative", "行政规范性文件", ("made", "repealed", "in_force"), ("规范性文件",)),
        Row("licensing", "行政许可", ("decisions",)),
        Row("penalty", "行政处罚", ("decisions",)),
        Row("coercion", "行政强制", ("decisions",)),
        Row("fees", "行政事业性收费", ("fee_amount",)),
    ),
)
TABLE1_2019 = TableLayout(
    "t1",
    "二、主动公开政府信息情况",
    (
        Column("made", "本年新制作数量"),
        Column("published", "本年新公开数量"),
        Column("total_published", "对外公开总数量"),
        Column("previous_items", "上一年项目数量"),
        Column("change", "本年增/减"),
        Column("decisions", "处理决定数量"),
        Column("procurement_items", "采购项目数量"),
        Column("procurement_amount", "采购总金额"),
    ),
    (
        Row("regulations", "规章", ("made", "published", "total_published")),
        Row("normative", "规范性文件", ("made", "published", "total_published"), ("行政规范性文件",)),
        Row("licensing", "行政许可", ("previous_items", "change", "decisions")),
        Row("other_services", "其他对外管理服务事项", ("previous_items", "change", "decisions")),
        Row("penalty", "行政处罚", ("previous_items", "change", "decisions")),
        Row("coercion", "行政强制", ("previous_items", "change", "decisions")),
        Row("fees", "行政事业性收费", ("previous_items", "change")),
        Row("procurement", "政府集中采购", ("procurement_items", "procurement_amount")),
    ),
)

# Table 1's stock rows (规章, 规范性文件) per template: (added this year, repealed this year or None,
# standing at the year's end). What the year added is still standing at its end or was repealed
# within it, so added ≤ standing + repealed (2021: 本年制发 ≤ 现行有效 + 本年废止; 2019: 本年新公开 ≤
# 对外公开总数量, which counts every document published to date).
T1_STOCK_COLUMNS: dict[str, tuple[str, str | None, str]] = {
    "2021": ("made", "repealed", "in_force"),
    "2019": ("published", None, "total_published"),
}

LAYOUTS = {
    "2019": Layout("2019", (TABLE1_2019, _table2("2019"), TABLE3)),
    "2021": Layout("2021", (TABLE1_2021, _table2("2021"), TABLE3)),
}


def layout_for(template: str, table2_template: str | None = None) -> Layout:
    """The layout of a report whose table 2 may follow the other template (a common hybrid)."""
    if table2_template in (None, template):
        return LAYOUTS[template]
    tables = LAYOUTS[template].tables
    return Layout(template, (tables[0], LAYOUTS[table2_template].table("t2"), tables[2]))


# Every table-2 row that counts coded outcomes, in either format: {row key: outcome codes}.
ROW_OUTCOMES = {
    row.key: row.outcomes for layout in LAYOUTS.values() for row in layout.table("t2").rows if row.outcomes
}

# Columns whose values may be negative (the 2019 「本年增/减」) or decimal (amounts); every other
# cell is a count, a whole number not below 0.
SIGNED_COLUMNS = {"change"}
DECIMAL_COLUMNS = {"fee_amount", "procurement_amount"}


def value_fault(column: str, value: Decimal) -> str | None:
    """Why the value cannot stand in the column ('不能为负数', '应为整数'), or None when it can."""
    if value < 0 and column not in SIGNED_COLUMNS:
        return "不能为负数"
    if value != value.to_integral() and column not in DECIMAL_COLUMNS:
        return "应为整数"
    return None


# A signed report's values are stored as {"t2|new|total": "3", ...} (AnnualReportVersion.tables).
def stored_key(key: CellKey) -> str:
    return "|".join(key)


def parse_stored_key(text: str) -> CellKey:
    table, row, column = text.split("|")
    return table, row, column


def cell_name(layout: Layout, key: CellKey) -> str:
    """A cell in words, by its table, row label and column label: 依申请公开情况表“一、…”行“自然人”列."""
    table = layout.table(key[0])
    if key[0] == "t3":
        return f"{TABLE_NAMES['t3']}“{table.column(key[2]).label}”"
    return f"{TABLE_NAMES[key[0]]}“{table.row(key[1]).label}”行“{table.column(key[2]).label}”列"


SECTION_HEADINGS = (
    ("一", ("总体情况",)),
    ("二", ("主动公开政府信息情况", "主动公开")),
    ("三", ("收到和处理政府信息公开申请情况", "收到和处理")),
    ("四", ("政府信息公开行政复议、行政诉讼情况", "行政复议")),
    ("五", ("存在的主要问题及改进情况", "存在的问题", "主要问题", "存在问题", "改进情况")),
    ("六", ("其他需要报告的事项", "其他需要报告")),
)


def template_for_year(year: int) -> str:
    """Report years 2019-2020 use the 2019 trial format; 2021 onwards the 2021 format (statute.md §2.7)."""
    return "2019" if year <= 2020 else "2021"
