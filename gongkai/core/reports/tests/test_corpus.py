"""The corpus of real published reports (tests/corpus), each read and scored against its cells
typed in by hand: no cell read as a number that is not the report's, no cell left missing
without a finding, every inconsistency the report itself contains flagged, and exactness floors
per table (issue 15)."""

from collections import Counter

import pytest

from gongkai.core.reports.fidelity import load_cases, score

CASES = load_cases()


def test_the_corpus_holds_real_reports_of_both_templates_and_several_kinds():
    assert len(CASES) >= 25
    assert {case.meta["template"] for case in CASES} == {"2019", "2021"}
    assert len({case.meta["province"] for case in CASES}) >= 8
    assert {"街道", "乡镇", "部门", "区县"} <= {case.meta["level"] for case in CASES}


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
