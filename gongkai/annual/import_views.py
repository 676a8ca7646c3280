"""Import table-1 figures from another system's CSV/XLSX export, and the blank sheet to fill."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from gongkai.annual.http import check_report_year
from gongkai.annual.permissions import can_prepare_report
from gongkai.annual.services import figures_import
from gongkai.annual.views import _body
from gongkai.common.forms import Form, add_service_error
from gongkai.common.services import ServiceError
from gongkai.core.reports.layouts import LAYOUTS, template_for_year

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class FiguresUploadForm(Form):
    file = forms.FileField(
        label="数据文件（CSV 或 XLSX）",
        help_text="表头须有“项目”“数值”两列，多列的项目另加“栏目”列；可先下载空白模板填写。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("文件过大（不超过 2 MB）。")
        return upload


@login_required
def figures_upload(request, code: str, year: int):
    body = _body(request, code, can_prepare_report)
    check_report_year(year)
    form = FiguresUploadForm(request.POST, request.FILES) if request.method == "POST" else FiguresUploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            figures_import(actor=request.user, body=body, year=year, data=upload.read(), name=upload.name)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已导入。")
            return redirect("annual-report", code=code, year=year)
    context = {
        "form": form,
        "heading": f"{year}年度年报：导入主动公开情况数据",
        "intro": "从审批、执法、财务等系统导出的数据可在此导入；文件中任何一行有误，都不会导入任何数据。",
        "cancel_url": f"/bodies/{code}/annual/{year}/",
        "submit_label": "导入",
    }
    return render(request, "web/form_page.html", context, status=400 if form.errors else 200)


@login_required
def figures_template(request, code: str, year: int):
    """A CSV listing every row and column of the year's table 1, with the value left to fill."""
    _body(request, code, can_prepare_report)
    check_report_year(year)
    layout = LAYOUTS[template_for_year(year)].table("t1")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["项目", "栏目", "数值"])
    for row in layout.rows:
        for column in row.columns:
            writer.writerow([row.label, layout.column(column).label, ""])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="figures-{year}.csv"'
    return response
