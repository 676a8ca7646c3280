"""Exports of audit results: JSON (schema in docs/audit-report.schema.json), and rows of cells and
findings for CSV and XLSX, one row per cell and one per finding across a whole batch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gongkai.core.reports.audit import AuditResult
from gongkai.core.reports.layouts import TABLE_NAMES
from gongkai.core.reports.registry import CHECKS

UNREADABLE = CHECKS["UNREADABLE-FILE"]

CELL_HEADER = ("文件", "年度", "格式", "表格", "行", "列", "状态", "数值", "原文", "位置")
FINDING_HEADER = ("文件", "代码", "级别", "问题", "说明")
STATUS_NAMES = {
    "read": "已读取",
    "blank": "空白",
    "nothing": "填写“无”或“-”",
    "unreadable": "无法识别",
    "missing": "缺失",
}


def result_json(result: AuditResult) -> dict[str, Any]:
    report = result.report
    return {
        "file": result.name,
        "error": result.error or None,
        "year": report.year if report else None,
        "template": report.template if report else None,
        "table2_template": report.table2_template if report else None,
        "signed_on": report.signed_on.isoformat() if report and report.signed_on else None,
        "sections": [number for number, _, _ in report.sections] if report else [],
        "cells": [
            {
                "table": cell.table,
                "row": cell.row,
                "column": cell.column,
                "status": cell.status.value,
                "value": str(cell.value) if cell.value is not None else None,
                "raw": cell.raw,
                "location": cell.describe_location(),
            }
            for cell in (report.cells.values() if report else [])
        ],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "title": CHECKS[f.code].title,
                "message": f.message,
                "cells": [list(c) for c in f.cells],
                "places": [report.cell_name(c) for c in f.cells] if report else [],
            }
            for f in result.findings
        ],
    }


def cell_rows(results: list[AuditResult]) -> Iterator[tuple[object, ...]]:
    yield CELL_HEADER
    for result in results:
        report = result.report
        if report is None:
            continue
        for cell in report.cells.values():
            table = report.layout.table(cell.table)
            yield (
                result.name,
                report.year or "",
                report.template,
                TABLE_NAMES[cell.table],
                table.row(cell.row).label,
                table.column(cell.column).label,
                STATUS_NAMES[cell.status.value],
                str(cell.value) if cell.value is not None else "",
                cell.raw,
                cell.describe_location(),
            )


def finding_rows(results: list[AuditResult]) -> Iterator[tuple[object, ...]]:
    yield FINDING_HEADER
    for result in results:
        if result.error:
            yield (result.name, UNREADABLE.code, UNREADABLE.severity.value, UNREADABLE.title, result.error)
        for finding in result.findings:
            yield (
                result.name,
                finding.code,
                finding.severity.value,
                CHECKS[finding.code].title,
                finding.message,
            )
