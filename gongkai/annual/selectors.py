"""The annual report of a body and year, computed from the records (issue: 年度报告)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.annual.models import AnnualFigures, AnnualReportVersion, ReportStatus
from gongkai.annual.record_checks import record_findings
from gongkai.applications.statistics import table2_counts, table3_counts
from gongkai.core.reports.checks import run_checks
from gongkai.core.reports.layouts import LAYOUTS, template_for_year
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.registry import Input
from gongkai.publishing.statistics import bodies_using_catalogue, table1_catalogue_counts_by_body


def counted_values(layout, t2: dict, t3: dict) -> dict:
    """{(table, row, column): value} of tables 2 and 3 from the counts of statistics.py."""
    values: dict = {}
    zero = dict.fromkeys(t2["new"], 0)
    for row in layout.table("t2").rows:
        keys = row.outcomes or (row.key,)  # the 2019 （六）其他处理 row sums three outcomes
        for column in row.columns:
            values[("t2", row.key, column)] = sum(t2.get(key, zero)[column] for key in keys)
    for block, results in t3.items():
        for result, count in results.items():
            values[("t3", "appeals", f"{block}.{result}")] = count
    return values


def table1_values(*, body_ids, year: int, template: str) -> dict[int, dict]:
    """{body_id: {("t1", row, column): value}}: the figures entered or imported, None where not
    yet entered (printed empty, never 0); the 规章/规范性文件 rows come from the catalogue when the
    body keeps one in gongkai (gongkai.publishing.statistics). Three queries for any number of bodies."""
    rows = LAYOUTS[template].table("t1").rows
    body_ids = list(body_ids)
    entered = dict(
        AnnualFigures.objects.filter(body_id__in=body_ids, year=year).values_list("body_id", "table1")
    )
    with_catalogue = bodies_using_catalogue(body_ids)
    counts = table1_catalogue_counts_by_body(body_ids=with_catalogue, year=year, template=template)
    values = {}
    for body_id in body_ids:
        figures = entered.get(body_id) or {}
        mine = {}
        for row in rows:
            for column in row.columns:
                text = figures.get(row.key, {}).get(column)
                mine[("t1", row.key, column)] = Decimal(text) if text not in (None, "") else None
        for (row, column), count in counts.get(body_id, {}).items():  # the catalogue's replace them
            mine[("t1", row, column)] = count
        values[body_id] = mine
    return values


def report_values(*, body, year: int) -> tuple[str, dict]:
    """(template, {(table, row, column): value}) for the body and year (see table1_values)."""
    template = template_for_year(year)
    values = table1_values(body_ids=[body.id], year=year, template=template)[body.id]
    values.update(
        counted_values(
            LAYOUTS[template], table2_counts(body=body, year=year), table3_counts(body=body, year=year)
        )
    )
    return template, values


def computed_report(*, body, year: int) -> tuple[AnnualReport, list]:
    """The report as the auditor's model, and the checks run on it (the same checks as published reports)."""
    template, values = report_values(body=body, year=year)
    version = body.version_on(date(year, 12, 31)) or body.versions.first()
    report, findings = checked_report(
        code=body.code, name=version.name, year=year, template=template, values=values
    )
    return report, findings + record_findings(body=body, year=year, values=values)


def checked_report(
    *, code: str, name: str, year: int, template: str, values: dict
) -> tuple[AnnualReport, list]:
    """The auditor's model of computed values and the core checks on it (no query)."""
    report = AnnualReport(path=f"{code}-{year}", template=template, year=year, body_name=name)
    report.sections = [(n, f"{n}、", None) for n in "一二三四五六"]
    for key, value in values.items():
        status = CellStatus.READ if value is not None else CellStatus.BLANK
        report.cells[key] = Cell(
            *key, status, Decimal(value) if value is not None else None, str(value or "")
        )
    findings = run_checks(report, to=Input.COMPUTED)
    return report, findings


def report_year_problem(year: int) -> str | None:
    """Why a year has no annual report: before the 2019 条例 took effect, or absurdly far ahead."""
    if not 2019 <= year <= 2100:
        return "年度应为2019年及以后。"
    return None


def year_locked(body, year: int) -> bool:
    """Once a year's report is published its records are locked, until a correction is drafted."""
    latest = AnnualReportVersion.objects.filter(body=body, year=year).order_by("-version").first()
    return latest is not None and latest.status == ReportStatus.PUBLISHED


def published_report_years_by_body() -> dict[int, list[int]]:
    """{body_id: [year, ...] newest first} of the published annual reports, for the front page (one query)."""
    years: dict[int, set[int]] = {}
    published = AnnualReportVersion.objects.filter(status=ReportStatus.PUBLISHED)
    for body_id, year in published.values_list("body_id", "year"):
        years.setdefault(body_id, set()).add(year)
    return {body_id: sorted(found, reverse=True) for body_id, found in years.items()}
