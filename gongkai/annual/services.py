"""Use cases of the annual report: table 1's figures, drafting, editing, review, 退回 and publication.

One function each, keyword-only arguments, each appending to the audit log in the same transaction.
Who may take a step is asked of gongkai.annual.permissions, here and in the views alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.annual import permissions
from gongkai.annual.audit import annual_audit as _audit
from gongkai.annual.drafting import draft_sections
from gongkai.annual.facts import draft_facts
from gongkai.annual.jobs import report_files_enqueue
from gongkai.annual.ledger import ledger_of
from gongkai.annual.models import AnnualFigures, AnnualReportVersion, ReportStatus
from gongkai.annual.narrative import placeholders_left, quoted_numbers, record_number_findings
from gongkai.annual.rectification import last_year_audit
from gongkai.annual.repetition import repetition_message, repetitions
from gongkai.annual.selectors import computed_report, report_values
from gongkai.common.services import ServiceError
from gongkai.core.figures_import import FiguresImportError, parse_figures
from gongkai.core.reports.checks import run_checks
from gongkai.core.reports.layouts import LAYOUTS, stored_key, template_for_year, value_fault
from gongkai.core.reports.registry import CHECKS, Input, applies

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def figures_save(
    *, actor: User, body, year: int, table1: dict[str, dict[str, str]], source: str = ""
) -> AnnualFigures:
    """Store the table-1 figures a clerk entered; every value is checked against its column's domain."""
    layout = LAYOUTS[template_for_year(year)].table("t1")
    clean: dict[str, dict[str, str]] = {}
    for row in layout.rows:
        for column in row.columns:
            text = str(table1.get(row.key, {}).get(column, "")).strip()
            if not text:
                continue
            try:
                value = Decimal(text)
            except InvalidOperation:
                raise ServiceError(
                    f"“{row.label} / {layout.column(column).label}”应为数字，实际为“{text}”。"
                ) from None
            fault = value_fault(column, value)
            if fault:
                raise ServiceError(f"“{row.label} / {layout.column(column).label}”{fault}。")
            clean.setdefault(row.key, {})[column] = text
    figures, _ = AnnualFigures.objects.get_or_create(body=body, year=year, defaults={"entered_by": actor})
    before = figures.table1
    figures.table1, figures.entered_by = clean, actor
    figures.save()
    _audit(
        actor,
        "figures",
        summary=f"{'导入' if source else '录入'}{year}年度年报主动公开情况数据{f'（{source}）' if source else ''}",
        body=body,
        target=figures,
        before=before,
        after=clean,
        legal_basis="《政府信息公开条例》第五十条",
    )
    return figures


def _versions(body, year):
    return AnnualReportVersion.objects.filter(body=body, year=year)


@transaction.atomic
def report_draft_create(*, actor: User, body, year: int, reason: str = ""):
    """A new version drafted from the data. After publication, a new version needs a reason."""
    versions = _versions(body, year)
    if versions.filter(status__in=[ReportStatus.DRAFT, ReportStatus.REVIEWED]).exists():
        raise ServiceError("已有未发布的版本，请在其上修改。")
    if versions.filter(status=ReportStatus.PUBLISHED).exists() and not reason.strip():
        raise ServiceError("年报已发布，更正须说明原因，并形成新版本。")
    template, values = report_values(body=body, year=year)
    body_version = body.version_on(date(year, 12, 31)) or body.versions.first()
    last_year_published = _versions(body, year - 1).filter(status=ReportStatus.PUBLISHED).exists()
    facts, ledger = draft_facts(body=body, year=year), ledger_of(body=body, year=year)
    version = AnnualReportVersion.objects.create(
        body=body,
        year=year,
        version=(versions.count() + 1),
        sections=draft_sections(
            body_name=body_version.name,
            year=year,
            template=template,
            values=values,
            facts=facts,
            ledger=ledger,
            level=body_version.level,
            last_year_published=last_year_published,
            last_year=last_year_audit(body=body, year=year),
        ),
        correction_reason=reason.strip(),
    )
    _audit(
        actor,
        "draft",
        summary=f"起草{year}年度年报第{version.version}版",
        body=body,
        target=version,
        after={"reason": reason.strip()},
    )
    return version


@transaction.atomic
def report_sections_save(*, actor: User, version, sections: list[list[str]]):
    if version.status != ReportStatus.DRAFT:
        raise ServiceError("只有草稿可以修改；已审核或已发布的版本不能修改。")
    if [heading for heading, _ in sections] != [heading for heading, _ in version.sections]:
        raise ServiceError("六个部分的标题不能修改。")
    before = version.sections
    version.sections = [[heading, text.strip()] for heading, text in sections]
    version.save(update_fields=["sections"])
    _audit(
        actor,
        "edit",
        summary=f"修改{version.year}年度年报正文",
        body=version.body,
        target=version,
        before={"sections": before},
        after={"sections": version.sections},
    )
    return version


def check_version(version) -> list:
    """The auditor's checks on the version: its tables as computed now, and its text as written -
    also the numbers its sentences quote from the records and the 台账 (gongkai.annual.narrative)."""
    report, computed = computed_report(body=version.body, year=version.year)
    report.text = [text for _, text in version.sections]
    records = [f for f in computed if applies(f.code, Input.RECORDS)]
    _, values = report_values(body=version.body, year=version.year)
    quoted = quoted_numbers(
        draft_facts(body=version.body, year=version.year),
        ledger_of(body=version.body, year=version.year),
        values,
        last_year_audit(body=version.body, year=version.year, text=report.text, computed=(report, computed)),
    )
    text_records = record_number_findings(report.text, quoted)
    return run_checks(report, to=Input.COMPUTED) + records + text_records


@dataclass(frozen=True)
class _ReviewStep:
    """审核 and 退回 are one shape: a role, a starting status, then a new status and reviewer."""

    allowed: Callable  # (user, body, on) -> bool, from gongkai.annual.permissions
    refusal: str
    start: str
    wrong_status: str
    to: str


REVIEW = _ReviewStep(
    permissions.can_review_report,
    "年报须由审核人审核。",
    ReportStatus.DRAFT,
    "只有草稿可以审核。",
    ReportStatus.REVIEWED,
)
RETURN = _ReviewStep(
    permissions.can_return_report,
    "只有审核人或负责人可以退回。",
    ReportStatus.REVIEWED,
    "只有已审核、未发布的版本可以退回。",
    ReportStatus.DRAFT,
)


def _refuse_unless(step: _ReviewStep, *, actor: User, version, today) -> None:
    if not step.allowed(actor, version.body, today):
        raise ServiceError(step.refusal)
    if version.status != step.start:
        raise ServiceError(step.wrong_status)


def _take(step: _ReviewStep, *, actor: User, version, today, reviewed_by: User | None) -> None:
    _refuse_unless(step, actor=actor, version=version, today=today)
    version.status, version.reviewed_by = step.to, reviewed_by
    version.save(update_fields=["status", "reviewed_by"])


@transaction.atomic
def report_review(*, actor: User, version, today, repetition_confirmed: bool = False):
    """审核人 approves the draft. A text that repeats an earlier or a peer report (内容雷同) is
    approved only once the reviewer, shown the repeated passages, confirms it."""
    _refuse_unless(REVIEW, actor=actor, version=version, today=today)
    repeated = repetitions(version)
    if repeated and not repetition_confirmed:
        raise ServiceError(repetition_message(repeated))
    _take(REVIEW, actor=actor, version=version, today=today, reviewed_by=actor)
    _audit(
        actor,
        "review",
        f"审核{version.year}年度年报" + ("（已核对雷同内容）" if repeated else ""),
        body=version.body,
        target=version,
        after={"repeats": [[r.against, r.similarity] for r in repeated]} if repeated else None,
    )
    return version


@transaction.atomic
def report_publish(*, actor: User, version, today):
    """负责人 signs and publishes; a report with an error in its tables or text, or a placeholder
    or unconfirmed sentence left in its text, cannot be signed."""
    if not permissions.can_sign_report(actor, version.body, today):
        raise ServiceError("年报须由负责人签发。")
    if version.status != ReportStatus.REVIEWED:
        raise ServiceError("年报须先经审核人审核。")
    errors = [f.message for f in check_version(version) if CHECKS[f.code].stops_signing]
    left = [f"尚待补充或确认：{where}" for where in placeholders_left(version.sections)]
    if errors or left:
        raise ServiceError(["年报有错误或尚待补充、确认的内容，不能签发："] + errors + left)
    _, values = report_values(body=version.body, year=version.year)
    version.tables = {stored_key(key): (None if v is None else str(v)) for key, v in values.items()}
    version.status, version.signed_by, version.published_on = ReportStatus.PUBLISHED, actor, today
    version.save(update_fields=["tables", "status", "signed_by", "published_on"])
    report_files_enqueue(actor=actor, version=version)
    _audit(
        actor,
        "publish",
        summary=f"签发并发布{version.year}年度年报第{version.version}版",
        body=version.body,
        target=version,
        legal_basis="《政府信息公开条例》第四十九条、第五十条",
    )
    return version


@transaction.atomic
def report_return(*, actor: User, version, today, reason: str):
    """退回: a reviewed version goes back to draft for the clerk to fix (reviewer or head)."""
    _take(RETURN, actor=actor, version=version, today=today, reviewed_by=None)
    summary = f"退回{version.year}年度年报：{reason.strip() or '未说明原因'}"
    _audit(actor, "return", summary, body=version.body, target=version)
    return version


def figures_import(*, actor: User, body, year: int, data: bytes, name: str) -> AnnualFigures:
    """Table-1 figures from another system's CSV/XLSX export; imported cells replace entered ones.

    Nothing is saved unless every line of the file was understood (FiguresImportError lists them).
    """

    layout = LAYOUTS[template_for_year(year)].table("t1")
    try:
        imported = parse_figures(data, name, layout)
    except FiguresImportError as error:
        raise ServiceError(error.problems) from error
    existing = getattr(AnnualFigures.objects.filter(body=body, year=year).first(), "table1", {})
    merged = {row: dict(columns) for row, columns in existing.items()}
    for row, columns in imported.items():
        merged.setdefault(row, {}).update(columns)
    return figures_save(actor=actor, body=body, year=year, table1=merged, source=name[:100])
