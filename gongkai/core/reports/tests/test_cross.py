"""Two years of one body: carry-over must match, and copied text is flagged."""

from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.cross import cross_checks
from gongkai.core.reports.tests import builders


def report(year, seed, carried_in_first=None):
    blocks = builders.report_blocks(seed=seed, year=year, org="某街道办事处")
    if carried_in_first is not None:
        table2 = [b for b in blocks if isinstance(b, list)][1]
        table2[4][-7] = builders.C(str(carried_in_first))
    return audit_bytes(builders.build_html(blocks), f"{year}.html").report


def test_carry_over_and_copied_text():
    last = report(2022, seed=5)
    carried_out = last.value("t2", "carried_out", "natural_person")
    this = report(2023, seed=6, carried_in_first=int(carried_out) + 3)
    findings = cross_checks([("2022.html", last), ("2023.html", this)])["2023.html"]
    codes = [f.code for f in findings]
    assert "CARRY-OVER" in codes
    carry = next(f for f in findings if f.code == "CARRY-OVER" and "自然人" in f.message)
    assert f"本年上年结转为{int(carried_out) + 3}" in carry.message
    assert "SIMILAR-TEXT" in codes  # the builders write the same running text every year
    assert cross_checks([("2023.html", this)]) == {}
