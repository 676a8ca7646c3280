"""The annual report of a body computed from its records: the tables, the checks, the downloads."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.annual import services
from gongkai.annual.cells import cell_label, cell_records, cell_urls, linked_grid_html
from gongkai.annual.forms import FiguresForm
from gongkai.annual.http import check_report_year
from gongkai.annual.jobs import FORMATS
from gongkai.annual.models import AnnualFigures, AnnualReportVersion, PublishedReportFile, ReportStatus
from gongkai.annual.permissions import can_prepare_report
from gongkai.annual.rendering import CONTENT_TYPES, name_in_year, render_report, report_title
from gongkai.annual.rollup import LINE_COLUMNS, YEAR_COLUMNS, charts, outcome_groups, rollup_for_inspector
from gongkai.annual.rollup_xlsx import rollup_xlsx
from gongkai.annual.selectors import computed_report, counted_values
from gongkai.annual.services import figures_save
from gongkai.bodies.models import Body
from gongkai.bodies.permissions import can_view_body
from gongkai.common.forms import add_service_error, posted_text_problems
from gongkai.common.pages import form_page
from gongkai.common.services import ServiceError
from gongkai.core.reports.layouts import LAYOUTS, parse_stored_key, template_for_year
from gongkai.documents import report_tables as rt
from gongkai.publishing.statistics import DEFINITIONS, ROW_KINDS, uses_catalogue


def _body(request, code: str, allowed=can_view_body) -> Body:
    body = get_object_or_404(Body, code=code)
    if not allowed(request.user, body):
        raise PermissionDenied
    return body


@login_required
def annual_report(request, code: str, year: int):
    body = _body(request, code)
    check_report_year(year)
    report, findings = computed_report(body=body, year=year)
    sections = [
        (
            title,
            linked_grid_html(grid, cell_urls(body=body, year=year, table=table))
            if table
            else rt.grid_html(grid),
        )
        for table, (title, grid) in zip(
            (None, "t2", "t3"),
            rt.tables(report.layout, {k: c.value for k, c in report.cells.items()}),
            strict=True,
        )
    ]
    context = {
        "body": body,
        "year": year,
        "report": report,
        "findings": findings,
        "sections": sections,
        "can_edit": can_prepare_report(request.user, body),
        "t1_definition": DEFINITIONS[report.template] if uses_catalogue(body) else "",
    } | _text_context(body, year, findings)
    return render(request, "annual/report.html", context)


def _text_context(body, year: int, findings: list) -> dict:
    """The newest version of the text; what its text adds to the tables' findings (its quoted
    numbers against their cells and the records), what still blocks its signing, the reports it
    repeats, and last year's published report's findings with whether each is corrected."""
    from gongkai.annual.narrative import placeholders_left
    from gongkai.annual.rectification import last_year_audit
    from gongkai.annual.repetition import repetitions

    current = AnnualReportVersion.objects.filter(body=body, year=year).order_by("-version").first()
    if current is None:
        return {"current": None, "text_findings": []}
    text_findings = [f for f in services.check_version(current) if f not in findings]
    if current.status == ReportStatus.PUBLISHED:
        return {"current": current, "text_findings": text_findings}
    return {
        "current": current,
        "text_findings": text_findings,
        "placeholders": placeholders_left(current.sections),
        "repetitions": repetitions(current),
        "last_year": last_year_audit(body=body, year=year, text=[text for _, text in current.sections]),
    }


@login_required
def annual_cell(request, code: str, year: int, table: str, row: str, column: str):
    """The applications or appeals counted in one cell of table 2 or 3."""
    body = _body(request, code)
    check_report_year(year)
    records = cell_records(body=body, year=year, table=table, row=row, column=column)
    if records is None:
        message = f"年报表格中没有这个单元格（{table}/{row}/{column}）。"
        return render(request, "web/error.html", {"title": "单元格不存在", "message": message}, status=404)
    context = {
        "body": body,
        "year": year,
        "table": table,
        "records": records.order_by("received_on" if table == "t2" else "filed_on", "id"),
    }
    context["label"] = cell_label(year, table, row, column)
    return render(request, "annual/cell.html", context)


@login_required
def annual_download(request, code: str, year: int, fmt: str):
    body = _body(request, code)
    check_report_year(year)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    # A year whose newest version is published: the file stored when it was signed, not a new rendering.
    latest = AnnualReportVersion.objects.filter(body=body, year=year).order_by("-version").first()
    if latest is not None and latest.status == ReportStatus.PUBLISHED:
        stored = latest.files.filter(fmt=fmt).first()
        if stored is not None:
            return _stored_file_response(stored)
    response = HttpResponse(render_report(body, year, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{body.code}-{year}.{fmt}"'
    return response


@login_required
def annual_figures(request, code: str, year: int):
    body = _body(request, code, can_prepare_report)
    check_report_year(year)
    layout = LAYOUTS[template_for_year(year)].table("t1")
    existing = getattr(AnnualFigures.objects.filter(body=body, year=year).first(), "table1", {})
    # Rows counted from the catalogue are not typed in (gongkai.publishing.statistics).
    counted = set(ROW_KINDS) if uses_catalogue(body) else set()
    form = FiguresForm(request.POST or None, layout=layout, existing=existing, counted=counted)
    if request.method == "POST" and form.is_valid():
        try:
            figures_save(actor=request.user, body=body, year=year, table1=form.table1())
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已保存。")
            return redirect("annual-report", code=code, year=year)
    intro = "行政许可、处罚、强制、收费等数据来自其他业务系统，在此录入；留空表示未填写，不会按0计算。"
    if counted:
        intro += "规章和规范性文件的数字由公开目录自动统计，无需录入。"
    heading = f"{year}年度年报：主动公开情况数据"
    return form_page(request, form, heading=heading, cancel_url=f"/bodies/{code}/annual/{year}/", intro=intro)


def _rollup_of(request, year: int):
    check_report_year(year)
    return rollup_for_inspector(user=request.user, year=year, today=timezone.localdate())


@login_required
def annual_rollup(request, year: int):
    """For inspectors: the annual numbers of every body their body supervises, and the area's totals."""
    r = _rollup_of(request, year)
    layout = LAYOUTS[template_for_year(year)]
    values = counted_values(layout, r.totals.table2, {})
    context = {
        "year": year,
        "r": r,
        "totals": r.totals.table2,
        "line_headers": [header for header, _ in LINE_COLUMNS],
        "year_headers": [header for header, _ in YEAR_COLUMNS],
        "charts": charts(r),
        "outcome_groups": outcome_groups(layout, values),
    }
    return render(request, "annual/rollup.html", context)


@login_required
def annual_rollup_xlsx(request, year: int):
    response = HttpResponse(rollup_xlsx(_rollup_of(request, year)), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="rollup-{year}.xlsx"'
    return response


REPORT_STEPS = {
    "draft": lambda request, body, year, version: services.report_draft_create(
        actor=request.user, body=body, year=year, reason=request.POST.get("reason", "")[:300]
    ),
    "save": lambda request, body, year, version: services.report_sections_save(
        actor=request.user,
        version=version,
        sections=[
            [heading, request.POST.get(f"section-{i}", "")[:20000]]
            for i, (heading, _) in enumerate(version.sections)
        ],
    ),
    "review": lambda request, body, year, version: services.report_review(
        actor=request.user,
        version=version,
        today=timezone.localdate(),
        repetition_confirmed=request.POST.get("repetition_confirmed") == "1",
    ),
    "publish": lambda request, body, year, version: services.report_publish(
        actor=request.user, version=version, today=timezone.localdate()
    ),
    "return": lambda request, body, year, version: services.report_return(
        actor=request.user,
        version=version,
        today=timezone.localdate(),
        reason=request.POST.get("reason", "")[:200],
    ),
}


@login_required
def annual_step(request, code: str, year: int, step: str):
    """Draft, edit, review and publish the report; each step's rules live in the services."""
    body = _body(request, code, can_prepare_report)
    check_report_year(year)
    if request.method != "POST" or step not in REPORT_STEPS:
        raise Http404("没有这个步骤。")
    version = AnnualReportVersion.objects.filter(body=body, year=year).order_by("-version").first()
    if step != "draft" and version is None:
        raise Http404("尚未起草。")
    sections = {f"section-{i}": heading for i, (heading, _) in enumerate(version.sections if version else ())}
    problems = posted_text_problems(request.POST, {"reason": "理由", **sections})
    if problems:
        return render(
            request, "web/error.html", {"title": "无法完成", "message": "；".join(problems)}, status=400
        )
    try:
        REPORT_STEPS[step](request, body, year, version)
    except ServiceError as error:
        return render(
            request, "web/error.html", {"title": "无法完成", "message": "；".join(error.messages)}, status=400
        )
    messages.success(request, "已完成。")
    return redirect("annual-report", code=code, year=year)


def public_report(request, code: str, year: int, number: int | None = None):
    """Public: the body's report for the year as signed - the latest published version, or an
    earlier one by its number (a corrected report stays readable, marked as replaced)."""
    body = get_object_or_404(Body, code=code)
    published = AnnualReportVersion.objects.filter(body=body, year=year, status=ReportStatus.PUBLISHED)
    latest = published.order_by("-version").first()
    version = latest if number is None else published.filter(version=number).first()
    if version is None:
        raise Http404("该年度报告尚未发布。" if number is None else "没有这一版已发布的年度报告。")
    template = template_for_year(year)
    values = {parse_stored_key(key): (None if v is None else Decimal(v)) for key, v in version.tables.items()}
    tables = [(title, rt.grid_html(grid)) for title, grid in rt.tables(LAYOUTS[template], values)]
    stored = {f.fmt: f for f in version.files.all()}
    context = {
        "body": body,
        "body_name": name_in_year(body, year),
        "version": version,
        "downloads": [(fmt, fmt.label, stored.get(fmt)) for fmt in FORMATS],
        "files_pending": len(stored) < len(FORMATS),
        "latest": latest,
        "tables": dict(enumerate(tables)),
        "table_list": tables,
        "others": published.exclude(pk=version.pk).order_by("version"),
    }
    return render(request, "annual/public.html", context)


def public_report_file(request, code: str, year: int, number: int, fmt: str):
    """Public: the DOCX or PDF of a published version as stored when it was published (never
    rendered here; a file not yet rendered is a 404 and the report page says it is coming). The
    stored name comes from the row, never from the URL."""
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    stored = (
        PublishedReportFile.objects.select_related("version__body")
        .filter(
            version__body__code=code,
            version__year=year,
            version__version=number,
            version__status=ReportStatus.PUBLISHED,
            fmt=fmt,
        )
        .first()
    )
    if stored is None:
        raise Http404("该年度报告的下载文件不存在或正在生成，请稍后刷新。")
    return _stored_file_response(stored)


def _stored_file_response(stored: PublishedReportFile) -> FileResponse:
    version = stored.version
    name = report_title(version) + (f"（第{version.version}版）" if version.version > 1 else "")
    # FileResponse writes Content-Disposition with filename*=utf-8'' (RFC 5987) for a Chinese name.
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=f"{name}.{stored.fmt}",
        content_type=CONTENT_TYPES[stored.fmt],
    )
