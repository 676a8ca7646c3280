"""The checks: a consistent report raises no error; changing any one cell raises the right finding."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reports.checks import run_checks
from gongkai.core.reports.layouts import APPEAL_BLOCKS, APPEAL_RESULTS, LAYOUTS, T2_COLUMNS
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.registry import Input

SECTIONS = [(n, f"{n}、", None) for n in "一二三四五六"]


def consistent_report(draw_counts, year=2023) -> AnnualReport:
    """A 2021-format report whose table 2 and 3 numbers agree, built from per-column counts."""
    report = AnnualReport(
        path="t", template="2021", year=year, sections=SECTIONS, signed_on=date(year + 1, 1, 20)
    )
    layout = LAYOUTS["2021"]
    for row in layout.table("t1").rows:
        for column in row.columns:
            report.cells[("t1", row.key, column)] = Cell("t1", row.key, column, CellStatus.READ, Decimal(1))
    outcome_rows = [
        r.key for r in layout.table("t2").rows if r.key not in ("new", "carried_in", "total", "carried_out")
    ]
    table: dict[str, list[int]] = {
        key: [0] * 6 for key in ("new", "carried_in", "total", "carried_out", *outcome_rows)
    }
    for column, (new, carried, outcomes, carried_out) in enumerate(draw_counts):
        table["new"][column], table["carried_in"][column] = new, carried
        table["carried_out"][column] = carried_out
        for index, count in enumerate(outcomes):
            table[outcome_rows[index % len(outcome_rows)]][column] += count
        table["total"][column] = sum(table[r][column] for r in outcome_rows)
        table["new"][column] = table["total"][column] + carried_out - carried
    for row, numbers in table.items():
        for column, value in zip(T2_COLUMNS, [*numbers, sum(numbers)], strict=True):
            report.cells[("t2", row, column)] = Cell("t2", row, column, CellStatus.READ, Decimal(value))
    for block, _ in APPEAL_BLOCKS:
        for result, _ in APPEAL_RESULTS:
            value = 4 if result == "total" else 1
            report.cells[("t3", "appeals", f"{block}.{result}")] = Cell(
                "t3", "appeals", f"{block}.{result}", CellStatus.READ, Decimal(value)
            )
    return report


column_counts = st.tuples(
    st.integers(0, 3),
    st.integers(0, 5),
    st.lists(st.integers(0, 4), min_size=1, max_size=5),
    st.integers(0, 3),
)
six_columns = st.lists(column_counts, min_size=6, max_size=6).filter(
    lambda cols: all(sum(o) + out - carried >= 0 for _, carried, o, out in cols)
)


@settings(max_examples=60, deadline=None)
@given(six_columns)
def test_a_consistent_report_raises_no_error(columns):
    assert [f.code for f in run_checks(consistent_report(columns)) if f.severity == "error"] == []


@settings(max_examples=60, deadline=None)
@given(six_columns, st.data())
def test_changing_any_table_2_or_3_cell_is_caught_with_that_cell(columns, data):
    report = consistent_report(columns)
    key = data.draw(st.sampled_from([k for k in report.cells if k[0] in ("t2", "t3")]))
    report.cells[key].value += data.draw(st.sampled_from([Decimal(1), Decimal(-1), Decimal(7)]))
    errors = [f for f in run_checks(report) if f.severity == "error"]
    assert errors, key
    assert any(key in f.cells for f in errors), (key, [f.code for f in errors])
    expected = {"t2": {"T2-BALANCE", "T2-ROW-TOTAL", "T2-OUTCOME-SUM"}, "t3": {"T3-BLOCK-TOTAL"}}[key[0]]
    assert {f.code for f in errors} <= expected | {"VALUE-DOMAIN"}


def test_wrong_template_for_the_year_and_a_late_date():
    report = consistent_report([(1, 0, [1], 0)] * 6, year=2022)
    report.template = "2019"
    report.signed_on = date(2023, 3, 1)
    codes = {f.code for f in run_checks(report)}
    assert {"TEMPLATE-YEAR", "SIGNED-LATE"} <= codes


@pytest.mark.parametrize(
    ("body_name", "signed_on", "late"),
    [
        ("示范市交通运输局", date(2023, 1, 31), None),
        ("示范市交通运输局", date(2023, 2, 1), "晚于2023年1月31日"),
        ("示范市示范区人民政府", date(2023, 3, 31), None),
        ("示范市示范区人民政府", date(2023, 4, 1), "本级人民政府年报的公布期限"),
        ("示范区黄沙镇人民政府", date(2023, 3, 1), "条例第四十九条"),
    ],
)
def test_a_late_date_is_judged_by_whose_report_it_is(monkeypatch, body_name, signed_on, late):
    monkeypatch.delenv("GONGKAI_GOVERNMENT_REPORT_DUE", raising=False)
    report = consistent_report([(1, 0, [1], 0)] * 6, year=2022)
    report.body_name, report.signed_on = body_name, signed_on
    found = [f.message for f in run_checks(report) if f.code == "SIGNED-LATE"]
    if late is None:
        assert found == []
    else:
        assert len(found) == 1 and late in found[0], found


def test_unreadable_cells_are_never_counted_as_zero():
    report = consistent_report([(1, 0, [2], 0)] * 6)
    report.cells[("t2", "new", "natural_person")] = Cell(
        "t2", "new", "natural_person", CellStatus.UNREADABLE, raw="O"
    )
    findings = run_checks(report)
    assert [f.code for f in findings if f.severity == "error"] == []  # the column sum is not checked ...
    assert any(f.code == "CELLS-UNREADABLE" and ("t2", "new", "natural_person") in f.cells for f in findings)


TEXT_CASES = [
    ("本年度收到政府信息公开申请{new}件，上年结转{carried_in}件。", None),
    ("本年度共受理依申请公开申请{wrong}件。", ("t2", "new", "total")),
    ("上年结转政府信息公开申请{wrong}件。", ("t2", "carried_in", "total")),
    ("结转下年度继续办理{wrong}件。", ("t2", "carried_out", "total")),
    ("结转下一年度{carried_out}件，办结{wrong}件。", None),  # 办结 is not tied to a single cell
]


@pytest.mark.parametrize(("text", "cell"), TEXT_CASES)
def test_numbers_quoted_in_the_text_must_equal_their_cells(text, cell):
    report = consistent_report([(1, 2, [3, 1], 1), (0, 0, [1], 0), (0, 1, [2], 0)] + [(0, 0, [0], 0)] * 3)
    numbers = {
        key: int(report.cells[("t2", key, "total")].value) for key in ("new", "carried_in", "carried_out")
    }
    report.text = [text.format(**numbers, wrong=99)]
    findings = [f for f in run_checks(report) if f.code == "TEXT-NUMBER"]
    if cell is None:
        assert findings == []
    else:
        assert [f.cells for f in findings] == [[cell]]
        assert "99件" in findings[0].message and f"（{numbers[cell[1]]}）" in findings[0].message


def _t1(report: AnnualReport, row: str, **values: int | None) -> None:
    for column, value in values.items():
        status = CellStatus.BLANK if value is None else CellStatus.READ
        dec = None if value is None else Decimal(value)
        report.cells[("t1", row, column)] = Cell("t1", row, column, status, dec)


def _in_force(report: AnnualReport) -> list[str]:
    return [f.message for f in run_checks(report) if f.code == "T1-IN-FORCE"]


def test_more_documents_made_than_in_force_and_repealed_is_a_warning():
    # 城中区城乡建设局 2025 (tests/corpus/xining-chengzhong-construction-2025): 规章 2 | 0 | 0.
    report = consistent_report([(1, 0, [1], 0)] * 6)
    _t1(report, "regulations", made=2, repealed=0, in_force=0)
    _t1(report, "normative", made=5, repealed=3, in_force=2)  # the five: two stand, three repealed
    [finding] = [f for f in run_checks(report) if f.code == "T1-IN-FORCE"]
    assert finding.severity == "warning"
    assert finding.message == (
        "主动公开情况表“规章”行：本年制发件数2件、本年废止件数0件，现行有效件数却为0件；"
        "本年制发的文件到年底或仍现行有效，或已计入本年废止，现行有效件数不应少于2件。"
    )
    # A computed report counts a document made in December and published in January as made
    # in the year but not in force at its end (publishing/statistics.py): not checked there.
    assert "T1-IN-FORCE" not in {f.code for f in run_checks(report, to=Input.COMPUTED)}
    assert finding.cells == [("t1", "regulations", c) for c in ("made", "repealed", "in_force")]


def test_in_force_is_not_checked_over_an_unread_cell_and_blank_counts_zero():
    report = consistent_report([(1, 0, [1], 0)] * 6)
    _t1(report, "regulations", made=2, in_force=0)
    report.cells[("t1", "regulations", "repealed")] = Cell(
        "t1", "regulations", "repealed", CellStatus.UNREADABLE
    )
    assert _in_force(report) == []
    _t1(report, "regulations", made=1, repealed=None, in_force=None)
    assert _in_force(report) == [
        "主动公开情况表“规章”行：本年制发件数1件、本年废止件数0件，现行有效件数却为0件（空白按0计）；"
        "本年制发的文件到年底或仍现行有效，或已计入本年废止，现行有效件数不应少于1件。"
    ]


def test_2019_format_newly_published_cannot_exceed_the_total_published():
    report = consistent_report([(1, 0, [1], 0)] * 6, year=2020)
    report.template = "2019"
    for row in LAYOUTS["2019"].table("t1").rows:
        for column in row.columns:
            report.cells[("t1", row.key, column)] = Cell("t1", row.key, column, CellStatus.READ, Decimal(0))
    _t1(report, "normative", made=14, published=14, total_published=59)  # 呼兰区 2019 as printed
    assert _in_force(report) == []
    _t1(report, "normative", made=14, published=14, total_published=9)
    assert _in_force(report) == [
        "主动公开情况表“规范性文件”行：本年新公开数量14件，对外公开总数量却为9件；"
        "对外公开总数量包括本年新公开的文件，不应少于14件。"
    ]
