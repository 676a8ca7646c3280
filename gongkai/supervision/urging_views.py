"""督办 pages: the overdue list with its filter and export, urging a case, and the body's reply."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.applications.models import Application
from gongkai.applications.permissions import can_handle_application, can_view_application
from gongkai.bodies.models import Body
from gongkai.bodies.selectors import supervised_body_ids
from gongkai.common.forms import Form, add_service_error
from gongkai.common.services import ServiceError
from gongkai.supervision import urging as u
from gongkai.supervision.models import Urging

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_HEADERS = ["机关", "编号", "收到日期", "答复期限", "逾期工作日", "经办人", "督办情况"]


class OverdueFilterForm(Form):
    body = forms.ChoiceField(label="机关", required=False)
    min_days = forms.IntegerField(label="逾期至少（工作日）", required=False, min_value=0, max_value=9999)

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "全部")] + [(b.code, str(b)) for b in bodies]


class UrgeForm(Form):
    note = forms.CharField(
        label="督办意见",
        max_length=u.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="如：请于3个工作日内答复申请人，并回复办理情况。",
    )


class ReplyForm(Form):
    reply = forms.CharField(
        label="办理情况", max_length=u.REPLY_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


def _supervised_bodies(user, today):
    ids = u.supervisor_ids_of(user, today)
    if not ids:
        raise PermissionDenied
    return Body.objects.filter(id__in=supervised_body_ids(supervisor_ids=ids, on=today) | set(ids)).order_by(
        "code"
    )


def _filtered(request):
    today = timezone.localdate()
    form = OverdueFilterForm(request.GET or None, bodies=_supervised_bodies(request.user, today))
    body_code, min_days = "", 0
    if form.is_bound and form.is_valid():
        body_code, min_days = form.cleaned_data["body"], form.cleaned_data["min_days"] or 0
    lines = u.overdue_for(user=request.user, today=today, body_code=body_code, min_days=min_days)
    return form, lines, today


def _urging_state(urging: Urging | None) -> str:
    if urging is None:
        return "未督办"
    if urging.replied:
        return f"{urging.issued_on:%Y-%m-%d}督办，{urging.replied_on:%Y-%m-%d}已回复"
    return f"{urging.issued_on:%Y-%m-%d}督办，待回复"


@login_required
def overdue_list(request):
    """督办: overdue cases in every body the user supervises as inspector."""
    form, lines, today = _filtered(request)
    issuers = u.urging_bodies(request.user, today)  # once, not a query per row
    rows = [(line, _urging_state(line.urging), line.due.application.body_id in issuers) for line in lines]
    query = urlencode({k: v for k, v in request.GET.items() if k in form.fields}) if form.is_valid() else ""
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "rows": rows, "today": today, "query": query}
    return render(request, "supervision/overdue.html", context, status=status)


@login_required
def overdue_xlsx(request):
    _, lines, today = _filtered(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "逾期申请"
    sheet.append(EXPORT_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        application = line.due.application
        clerk = application.assigned_to
        sheet.append(
            [
                str(application.body),
                application.number,
                application.received_on,
                application.due_on,
                line.days_overdue,
                (clerk.get_full_name() or clerk.username) if clerk else "未分配",
                _urging_state(line.urging),
            ]
        )
    sheet.column_dimensions["A"].width = 30
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="overdue-{today:%Y%m%d}.xlsx"'
    return response


@login_required
def urging_new(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk)
    today = timezone.localdate()
    if not u.can_urge(request.user, application, today):
        raise PermissionDenied
    form = UrgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            u.urging_issue(
                actor=request.user, application=application, note=form.cleaned_data["note"], today=today
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, f"已督办{application.number}，{application.body}的待办中将显示，待其回复。"
            )
            return redirect("overdue-list")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "application": application, "today": today}
    return render(request, "supervision/urging_new.html", context, status=status)


@login_required
def urging_detail(request, pk: int):
    urging = get_object_or_404(Urging.objects.select_related("application__body", "issued_by_body"), pk=pk)
    if not can_view_application(request.user, urging.application):
        raise PermissionDenied
    may_reply = not urging.replied and can_handle_application(request.user, urging.application)
    form = ReplyForm(request.POST if request.method == "POST" else None) if may_reply else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                u.urging_reply(
                    actor=request.user,
                    urging=urging,
                    reply=form.cleaned_data["reply"],
                    today=timezone.localdate(),
                )
            except ServiceError as error:
                add_service_error(form, error)
            else:
                messages.success(request, "已回复督办。")
                return redirect("urging-detail", pk=urging.pk)
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "supervision/urging.html", {"urging": urging, "form": form}, status=status)
