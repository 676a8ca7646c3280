"""Checks across several reports of one body: carry-over between years and text copied year to year.

Sources: statute.md §5 items 5 (二 this year = 四 last year, a derived rule, so a warning) and 13
(「内容雷同」 is a liability under the 2021 format; 2017 法治蓝皮书 found ~90% repetition).
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from gongkai.core.reports.checks import Finding
from gongkai.core.reports.layouts import T2_COLUMNS
from gongkai.core.reports.model import AnnualReport
from gongkai.core.reports.numbers import CellStatus

SIMILARITY_LIMIT = 90


def _text(report: AnnualReport) -> str:
    return "".join(line.strip() for line in report.text if len(line.strip()) > 20)


def cross_checks(reports: list[tuple[str, AnnualReport]]) -> dict[str, list[Finding]]:
    """Findings per file name, comparing each report with the same body's report of the year before."""
    by_body: dict[str, dict[int, tuple[str, AnnualReport]]] = defaultdict(dict)
    for name, report in reports:
        if report.body_name and report.year:
            by_body[report.body_name][report.year] = (name, report)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for years in by_body.values():
        for year, (name, report) in years.items():
            if year - 1 not in years:
                continue
            _, previous = years[year - 1]
            findings[name] += _carry_over(report, previous)
            similarity = fuzz.ratio(_text(report), _text(previous))
            if similarity >= SIMILARITY_LIMIT:
                findings[name].append(
                    Finding("SIMILAR-TEXT", f"正文与{year - 1}年度年报的相似度为{similarity:.0f}%。")
                )
    return findings


def _carry_over(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    out = []
    for column in T2_COLUMNS:
        now = report.cells.get(("t2", "carried_in", column))
        before = previous.cells.get(("t2", "carried_out", column))
        if not now or not before or CellStatus.READ not in (now.status, before.status):
            continue
        if (now.value or 0) != (before.value or 0):
            label = report.layout.table("t2").column(column).label
            out.append(
                Finding(
                    "CARRY-OVER",
                    f"“{label}”列：本年上年结转为{now.value or 0}，{previous.year}年度年报结转下年度为{before.value or 0}。",
                    [("t2", "carried_in", column)],
                )
            )
    return out
