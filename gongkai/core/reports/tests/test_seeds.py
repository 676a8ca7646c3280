"""The three real reports in shared/seeds, read cell by cell against values typed in by hand from
the seed text (not from the parser's output), and the findings each one deserves."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.core.reports.audit import audit_path
from gongkai.core.reports.numbers import CellStatus

SEEDS = Path(__file__).resolve().parents[4].parent / "shared" / "seeds"


def seed(name: str):
    path = SEEDS / name
    if not path.exists():
        reason = f"种子文件不在 {SEEDS}（CI 中位于仓库旁的 shared/seeds）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return audit_path(str(path))


def values(report, table, row):
    columns = report.layout.table(table).row(row).columns
    out = []
    for column in columns:
        cell = report.cell(table, row, column)
        out.append(cell.value if cell.status is CellStatus.READ else cell.status.value)
    return out


D = Decimal


def test_seed_003_pipe_tables_2019_format():
    result = seed("003_462e7e068fd78f13.txt")
    report = result.report
    assert (report.year, report.template) == (2019, "2019")
    # Typed from lines 16-31 of the seed.
    assert values(report, "t1", "regulations") == [0, 0, 0]
    assert values(report, "t1", "normative") == [14, 14, 59]
    assert values(report, "t1", "licensing") == [153, 2, 13214]
    assert values(report, "t1", "other_services") == [334, -5, 558]
    assert values(report, "t1", "penalty") == [1898, -30, 4259]
    assert values(report, "t1", "coercion") == [84, -3, 8]
    assert values(report, "t1", "fees") == [13, 0]
    assert values(report, "t1", "procurement") == [43, D("21552.9")]
    # Lines 36-58.
    assert values(report, "t2", "new") == [14, 0, 0, 0, 0, 0, 14]
    assert values(report, "t2", "partial") == [5, 0, 0, 0, 0, 0, 5]
    assert values(report, "t2", "withheld_internal_affairs") == [2, 0, 0, 0, 0, 0, 2]
    assert values(report, "t2", "unavailable_not_held") == [6, 0, 0, 0, 0, 0, 6]
    assert values(report, "t2", "unavailable_still_unclear") == [1, 0, 0, 0, 0, 0, 1]
    assert values(report, "t2", "total") == [14, 0, 0, 0, 0, 0, 14]
    assert values(report, "t2", "carried_out") == [0] * 7
    zero_rows = ["carried_in", "granted", "withheld_state_secret", "not_processed_repeat", "other"]
    assert all(values(report, "t2", row) == [0] * 7 for row in zero_rows)
    assert values(report, "t3", "appeals") == [0] * 15
    assert report.cell("t1", "procurement", "procurement_amount").raw == "21552.9万元"
    assert [f.code for f in result.findings] == ["NO-DATE"]


def test_seed_001_one_cell_per_line_with_blanks_and_an_early_date():
    result = seed("001_5ff8cf655acdf111.txt")
    report = result.report
    assert (report.year, report.template, str(report.signed_on)) == (2020, "2019", "2020-01-31")
    # Lines 30-33: 规章 0, (blank: the 本年新公开数量 header was lost), 0.
    assert values(report, "t1", "regulations") == [0, "blank", 0]
    assert values(report, "t1", "procurement") == [0, 0]
    # Lines 119-126 and 145-152: only the natural-person and total columns are filled.
    assert values(report, "t2", "new") == [2, 0, 0, 0, 0, 0, 2]
    assert values(report, "t2", "granted") == [2, "blank", "blank", "blank", "blank", "blank", 2]
    # Lines 356-363: （七）总计 has the six columns blank and 2 in 总计.
    assert values(report, "t2", "total") == ["blank"] * 6 + [2]
    assert values(report, "t2", "carried_out") == ["blank"] * 6 + [0]
    assert values(report, "t3", "appeals") == [0] * 15
    codes = [f.code for f in result.findings]
    assert codes == ["SIGNED-EARLY", "T2-BALANCE", "T2-OUTCOME-SUM", "T2-ROW-TOTAL"]
    assert result.findings[1].message == (
        "依申请公开情况表“自然人”列：一（2）+二（0）=2，不等于（七）总计（0）+四（0）=0（空白按0计）。"
    )


def test_seed_000_lost_rows_are_missing_not_zero():
    result = seed("000_55b232ab5afe87f4.txt")
    report = result.report
    assert (report.year, str(report.signed_on)) == (2020, "2021-01-22")
    assert values(report, "t1", "licensing") == [0, 0, 0]
    # The rows after 行政许可 in table 1 and the first rows of table 2 were lost by the extraction.
    assert values(report, "t1", "penalty") == ["missing"] * 3
    assert values(report, "t2", "new") == ["missing"] * 7
    assert values(report, "t2", "partial") == [0] * 7
    # 「四、结转下年度继续办理\t\t0…」: the merged label's empty cell is not taken as a value.
    assert values(report, "t2", "carried_out") == [0] * 7
    codes = [f.code for f in result.findings]
    assert codes == ["SECTIONS", "ROW-NOT-FOUND", "ROW-NOT-FOUND", "CELLS-UNREADABLE"]
    # Each run of lost rows is named, with where the alignment looked for it.
    lost = [f.message for f in result.findings if f.code == "ROW-NOT-FOUND"]
    assert lost[0].startswith(
        "主动公开情况表“其他对外管理服务事项”至“政府集中采购”共5行未能定位：在“行政许可”行之后"
    )
    assert lost[1].startswith(
        "依申请公开情况表“一、本年新收政府信息公开申请数量”至“（一）予以公开”共3行未能定位"
    )
    assert result.errors == 0
