"""API endpoints for annual reports: a body's report computed from the records with its checks,
and the supervisor's roll-up. The same permissions and selectors as the pages."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from ninja import Router, Schema

from gongkai.annual.http import check_report_year
from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.annual.rollup import rollup_for_inspector
from gongkai.annual.selectors import computed_report
from gongkai.applications.statistics import SUMMARY_ROWS
from gongkai.bodies.api import ErrorOut, body_or_404
from gongkai.bodies.permissions import can_view_body

router = Router(tags=["年度报告"])


class CellOut(Schema):
    table: str
    row: str
    column: str
    value: float | None  # None: not entered yet (table 1 figures), never 0


class FindingOut(Schema):
    code: str
    severity: str
    title: str  # the check's Chinese title (gongkai.core.reports.registry)
    message: str


class PublishedOut(Schema):
    version: int
    published_on: date | None


class AnnualOut(Schema):
    body: str
    name: str
    year: int
    template: str
    cells: list[CellOut]
    findings: list[FindingOut]
    published: list[PublishedOut]


class RollupLineOut(Schema):
    body: str
    name: str
    level: str
    deadline: date
    published_on: date | None
    publication: str
    days_late: int
    errors: int
    table2: dict[str, int]  # the summary rows' 总计: new, carried_in, total, carried_out
    appeals: int


@router.get(
    "bodies/{code}/annual/{year}",
    response={200: AnnualOut, 403: ErrorOut, 404: ErrorOut},
    summary="年度报告（由办理记录计算）及检查结果",
)
def annual_report(request, code: str, year: int):
    body = body_or_404(code, request.user, can_view_body)
    check_report_year(year)
    report, findings = computed_report(body=body, year=year)
    published = AnnualReportVersion.objects.filter(body=body, year=year, status=ReportStatus.PUBLISHED)
    return {
        "body": body.code,
        "name": report.body_name,
        "year": year,
        "template": report.template,
        "cells": [
            {"table": t, "row": r, "column": c, "value": None if cell.value is None else float(cell.value)}
            for (t, r, c), cell in report.cells.items()
        ],
        "findings": [
            {"code": f.code, "severity": f.severity.value, "title": f.check.title, "message": f.message}
            for f in findings
        ],
        "published": list(published.order_by("version").values("version", "published_on")),
    }


@router.get(
    "rollup/{year}",
    response={200: list[RollupLineOut], 403: ErrorOut, 404: ErrorOut},
    summary="督查：所监督机关的年度报告汇总",
)
def annual_rollup(request, year: int):
    check_report_year(year)
    r = rollup_for_inspector(user=request.user, year=year, today=timezone.localdate())
    return [
        {
            "body": line.body.code,
            "name": line.name,
            "level": line.level,
            "deadline": line.deadline,
            "published_on": line.published_on,
            "publication": line.publication,
            "days_late": line.days_late,
            "errors": line.errors,
            "table2": {row: line.table2[row]["total"] for row in SUMMARY_ROWS},
            "appeals": line.appeals,
        }
        for line in r.lines
    ]
