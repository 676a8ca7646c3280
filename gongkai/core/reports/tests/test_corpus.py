"""The corpus of real published reports (tests/corpus), each read and scored against its cells
typed in by hand: no cell read as a number that is not the report's, no cell left missing
without a finding, every inconsistency the report itself contains flagged, and exactness floors
per table (issue 15)."""

from collections import Counter

import pytest

from gongkai.core.reports.checks import Finding
from gongkai.core.reports.fidelity import flagged, load_cases, score

CASES = load_cases()


def test_the_corpus_holds_real_reports_of_both_templates_and_several_kinds():
    assert len(CASES) >= 25
    assert {case.meta["template"] for case in CASES} == {"2019", "2021"}
    assert len({case.meta["province"] for case in CASES}) >= 8
    assert {"街道", "乡镇", "部门", "区县"} <= {case.meta["level"] for case in CASES}


def test_every_recorded_inconsistency_says_what_its_finding_must_quote():
    for case in CASES:
        for item in case.meta.get("inconsistency", []):
            assert item["codes"] and item.get("says"), (case.key, item["what"])


def test_an_inconsistency_counts_as_flagged_only_by_a_finding_that_says_it():
    item = {"what": "…", "codes": ["T2-ROW-TOTAL"], "says": ["“（七）总计”行", "总计为2"]}
    other_row = Finding(
        "T2-ROW-TOTAL", "依申请公开情况表“（一）予以公开”行：六类申请人之和为0，总计为2。", []
    )
    this_row = Finding("T2-ROW-TOTAL", "依申请公开情况表“（七）总计”行：六类申请人之和为0，总计为2。", [])
    other_code = Finding("T2-BALANCE", this_row.message, [])
    assert not flagged(item, [other_row, other_code])
    assert flagged(item, [other_row, this_row])
    assert not flagged({**item, "says": []}, [this_row])


@pytest.mark.parametrize("case", CASES, ids=[case.key for case in CASES])
def test_no_wrong_cell_and_nothing_missing_in_silence(case):
    result = score(case)
    assert not result.error
    assert result.wrong == []
    assert result.silent_missing == []
    assert result.unflagged == []


def test_exactness_floors_over_the_corpus():
    totals: Counter = Counter()
    for case in CASES:
        totals.update(score(case).counts)
    for table, floor in (("t1", 0.99), ("t2", 0.995), ("t3", 0.99)):
        exact = totals[(table, "exact")]
        scored = exact + totals[(table, "missing")] + totals[(table, "wrong")]
        assert scored and exact / scored >= floor, (table, exact, scored)
