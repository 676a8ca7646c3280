"""The annual report of a body and year rendered as a file: DOCX, PDF, XLSX, HTML or JSON.

Used by the download view and by `gongkai report`; it knows nothing of HTTP (the view answers 404
for a format not in CONTENT_TYPES, the command line offers only those)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from gongkai.annual.models import AnnualReportVersion
from gongkai.annual.selectors import report_values
from gongkai.core.reports.layouts import LAYOUTS, parse_stored_key, template_for_year
from gongkai.core.written_dates import chinese_date
from gongkai.documents import report_tables as rt

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


class UnsupportedFormat(ValueError):
    """A format the report is not rendered in."""


def render_report(body, year: int, fmt: str) -> bytes:
    """The report of the body and year in one format; also used by `gongkai report`.

    The text is the newest version's six parts (the tables alone until one is drafted); a published
    version is signed with the body's name and its publication date.
    """
    template, values = report_values(body=body, year=year)
    if fmt == "json":
        payload = {
            "body": body.code,
            "year": year,
            "template": template,
            "cells": [
                {"table": t, "row": r, "column": c, "value": None if v is None else str(v)}
                for (t, r, c), v in values.items()
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    name = name_in_year(body, year)
    version = AnnualReportVersion.objects.filter(body=body, year=year).order_by("-version").first()
    parts = rt.report_parts(LAYOUTS[template], values, version.sections if version else None)
    signature = None
    if version is not None and version.published_on is not None:
        signature = (name, chinese_date(version.published_on))
    return _render_parts(parts, _title(name, year), signature, fmt)


def name_in_year(body, year: int) -> str:
    """The body's name at the end of the report's year (a renamed body keeps its old reports' name)."""
    return (body.version_on(date(year, 12, 31)) or body.versions.first()).name


def _title(name: str, year: int) -> str:
    return f"{name}{year}年政府信息公开工作年度报告"


def _render_parts(parts, title: str, signature, fmt: str) -> bytes:
    if fmt == "docx":
        return rt.render_docx(parts, title, signature)
    if fmt == "pdf":
        return rt.render_pdf(parts, title, signature)
    if fmt == "xlsx":
        return rt.render_xlsx(parts)
    if fmt == "html":
        return rt.render_html(parts, title, signature).encode("utf-8")
    raise UnsupportedFormat(f"不支持的格式：{fmt}")


def report_title(version: AnnualReportVersion) -> str:
    return _title(name_in_year(version.body, version.year), version.year)


def render_version(version: AnnualReportVersion, fmt: str) -> bytes:
    """One version as it was signed: its own text and the tables frozen when it was published
    (not the records as they are today), signed with its publication date."""
    template = template_for_year(version.year)
    values = {parse_stored_key(key): (None if v is None else Decimal(v)) for key, v in version.tables.items()}
    parts = rt.report_parts(LAYOUTS[template], values, version.sections)
    name = name_in_year(version.body, version.year)
    signature = None if version.published_on is None else (name, chinese_date(version.published_on))
    return _render_parts(parts, _title(name, version.year), signature, fmt)
