"""Checks are registered in one place (issue 15 design 6): every code any check emits is in the
registry with its severity, title and explanation, and the inputs it applies to decide what runs."""

from __future__ import annotations

import re
from pathlib import Path

from gongkai.core.reports.checks import run_checks
from gongkai.core.reports.layouts import LAYOUTS
from gongkai.core.reports.registry import CHECKS, Input, Severity, codes_for
from gongkai.core.reports.sums import table2_sums, table3_sums
from gongkai.core.reports.tests.test_checks import consistent_report

ROOT = Path(__file__).resolve().parents[3]  # the gongkai package


def codes_in_source() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or path.name == "registry.py":
            continue
        for match in re.finditer(r"""Finding\(\s*["']([A-Z0-9-]+)["']""", path.read_text()):
            found.add(match.group(1))
        found.update(re.findall(r'"(READING-(?:UN)?SETTLED)"', path.read_text()))
        # A reading note may name its own check (a row placed by its neighbours, rows.py).
        found.update(re.findall(r'ReadingNote\([^)]*code="([A-Z0-9-]+)"', path.read_text()))
    # The form's sums carry their codes (sums.py); a failing one becomes a finding of that code.
    for template in LAYOUTS.values():
        found.update(one.code for one in table2_sums(template) + table3_sums())
    return found


def test_every_emitted_code_is_registered_and_every_registered_code_is_emitted():
    emitted = codes_in_source()
    assert emitted - CHECKS.keys() == set()
    # UNREADABLE-FILE is a file's read error, exported under the registered code (export.py).
    assert CHECKS.keys() - emitted == {"UNREADABLE-FILE"}


def test_every_check_has_a_chinese_title_an_explanation_and_inputs():
    for code, check in CHECKS.items():
        assert check.code == code and isinstance(check.severity, Severity) and check.inputs
        assert re.search(r"[\u4e00-\u9fff]", check.title) and len(check.explanation) > len(check.title)
        assert check.name == f"{check.title}（{code}）"


def test_a_computed_report_is_not_held_to_what_only_a_published_file_has():
    report = consistent_report([(1, 0, [1], 0)] * 6)
    report.signed_on, report.sections = None, []  # a draft: no signature date, no headings to find
    published = {f.code for f in run_checks(report)}
    computed = {f.code for f in run_checks(report, to=Input.COMPUTED)}
    assert {"NO-DATE", "SECTIONS"} <= published and not computed & {"NO-DATE", "SECTIONS"}
    assert set(codes_for(Input.RECORDS)) == {"REC-ONCE", "REC-CARRY"}


def test_errors_and_the_text_contradicting_the_tables_stop_signing():
    stopping = {code for code, check in CHECKS.items() if check.stops_signing}
    errors = {code for code, check in CHECKS.items() if check.severity is Severity.ERROR}
    assert stopping == errors | {"TEXT-NUMBER"}
