"""Supervisors upload published reports, see bodies × findings, open a report with its faulty
cells highlighted, and download everything as XLSX."""

from __future__ import annotations

import io

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.bodies.models import Body
from gongkai.common.forms import Form, MultipleFileField, add_service_error
from gongkai.common.services import ServiceError
from gongkai.core.reports.export import FINDING_HEADER, STATUS_NAMES, UNREADABLE
from gongkai.core.reports.layouts import layout_for
from gongkai.core.reports.registry import CHECKS
from gongkai.supervision import permissions, services
from gongkai.supervision.jobs import audit_batch_enqueue, batch_job
from gongkai.supervision.models import AuditBatch


class UploadForm(Form):
    owner = forms.ModelChoiceField(label="检查单位", queryset=Body.objects.none())
    name = forms.CharField(label="批次名称", max_length=100, initial="年度报告检查")
    files = MultipleFileField(
        label="年度报告文件（可多选，或上传 zip）",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            f"支持 txt、html、docx、pdf、xlsx 及其 zip 压缩包，单个文件不超过{services.MAX_FILE_BYTES // 2**20} MB，"
            f"PDF不超过{settings.MAX_REPORT_PAGES}页，一次上传不超过{settings.MAX_UPLOAD_BYTES // 2**20} MB。"
        )
        bodies = (
            Body.objects.all()
            if user.is_superuser
            else Body.objects.filter(id__in=[b.id for b in permissions.auditing_bodies(user)])
        )
        self.fields["owner"].queryset = bodies
        self.fields["owner"].initial = bodies.first()


@login_required
def batch_list(request):
    if not permissions.can_audit_reports(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # Passed unread: the service checks each file's declared size before reading it.
            uploads = [(f.name, f) for f in form.cleaned_data["files"]]
            try:
                job = audit_batch_enqueue(
                    actor=request.user,
                    owner=form.cleaned_data["owner"],
                    name=form.cleaned_data["name"],
                    uploads=uploads,
                )
            except ServiceError as error:
                add_service_error(form, error, "files")
            else:
                return redirect("job", pk=job.pk)  # the progress page, then the batch
        status = 400
    owners = permissions.auditing_bodies(request.user)
    batches = (
        AuditBatch.objects.all() if request.user.is_superuser else AuditBatch.objects.filter(owner__in=owners)
    )
    return render(
        request, "supervision/batches.html", {"form": form, "batches": batches[:100]}, status=status
    )


def _batch(request, pk: int) -> AuditBatch:
    batch = get_object_or_404(AuditBatch, pk=pk)
    if not permissions.can_view_batch(request.user, batch):
        raise PermissionDenied
    return batch


@login_required
def batch_detail(request, pk: int):
    batch = _batch(request, pk)
    job = batch_job(batch)
    if job and job.status != job.Status.DONE:
        return redirect("job", pk=job.pk)  # still being audited (or failed): its progress page
    files = batch.files.all()
    found = {f["code"] for audited in files for f in audited.result["findings"]}
    checks = [check for code, check in CHECKS.items() if code in found]  # in the registry's order
    rows = [
        (audited, [sum(1 for f in audited.result["findings"] if f["code"] == c.code) for c in checks])
        for audited in files
    ]
    context = {"batch": batch, "checks": checks, "rows": rows}
    return render(request, "supervision/batch.html", context)


def _anchor(key) -> str:
    """The id of a cell in the rendered report, for a finding to link to (t3 keys hold a dot)."""
    return "cell-" + "-".join(key).replace(".", "-")


@login_required
def file_detail(request, pk: int, file_pk: int):
    batch = _batch(request, pk)
    audited = get_object_or_404(batch.files, pk=file_pk)
    result = audited.result
    faulty = {tuple(cell) for f in result["findings"] if f["severity"] == "error" for cell in f["cells"]}
    cells = {(c["table"], c["row"], c["column"]): c for c in result["cells"]}
    tables = []
    if audited.template:
        # A hybrid's table 2 is shown as printed (the single 2019 （六） row in a 2021 report).
        for table in layout_for(audited.template, result.get("table2_template")).tables:
            rows = []
            for row in table.rows:
                rendered = []
                for column in row.columns:
                    cell = cells.get((table.key, row.key, column), {})
                    rendered.append(
                        {
                            "anchor": _anchor((table.key, row.key, column)),
                            "label": table.column(column).label,
                            "raw": cell.get("raw", ""),
                            "status": STATUS_NAMES.get(cell.get("status", "missing")),
                            "problem": cell.get("status") in ("missing", "unreadable"),
                            "faulty": (table.key, row.key, column) in faulty,
                            "location": cell.get("location", ""),
                        }
                    )
                rows.append((row.label, rendered))
            tables.append((table.title, rows))
    shown = {cell["anchor"] for _, rows in tables for _, cells in rows for cell in cells}
    findings = [
        {
            **f,
            "title": CHECKS[f["code"]].title,  # results stored before findings had titles
            "places": [
                (place, anchor if anchor in shown else "")
                for place, anchor in zip(f.get("places", []), map(_anchor, f["cells"]), strict=False)
            ],
        }
        for f in result["findings"]
    ]
    context = {"batch": batch, "audited": audited, "result": result, "findings": findings, "tables": tables}
    return render(request, "supervision/file.html", context)


@login_required
def batch_export(request, pk: int):
    from openpyxl import Workbook

    batch = _batch(request, pk)
    book = Workbook()
    sheet = book.active
    sheet.title = "问题"
    sheet.append(list(FINDING_HEADER))
    cells_sheet = book.create_sheet("单元格")
    cells_sheet.append(["文件", "表格", "行", "列", "状态", "数值", "原文", "位置"])
    for audited in batch.files.all():
        if audited.result["error"]:
            sheet.append(
                [
                    audited.name,
                    UNREADABLE.code,
                    UNREADABLE.severity.value,
                    UNREADABLE.title,
                    audited.result["error"],
                ]
            )
        for finding in audited.result["findings"]:
            sheet.append(
                [
                    audited.name,
                    finding["code"],
                    finding["severity"],
                    CHECKS[finding["code"]].title,
                    finding["message"],
                ]
            )
        for cell in audited.result["cells"]:
            cells_sheet.append(
                [
                    audited.name,
                    cell["table"],
                    cell["row"],
                    cell["column"],
                    STATUS_NAMES[cell["status"]],
                    cell["value"],
                    cell["raw"],
                    cell["location"],
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{batch.pk}.xlsx"'
    return response
