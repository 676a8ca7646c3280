"""The 工作台账 pages of a body's year: the entries by kind, adding one with its files, removing one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.annual.http import check_report_year
from gongkai.annual.ledger import (
    MAX_ATTENDEES,
    MAX_DETAIL,
    MAX_TITLE,
    can_keep_ledger,
    ledger_entry_add,
    ledger_entry_remove,
    ledger_of,
)
from gongkai.annual.models import LedgerAttachment, LedgerEntry, LedgerKind
from gongkai.bodies.models import Body
from gongkai.bodies.permissions import can_view_body
from gongkai.common.dates import DateKind
from gongkai.common.forms import Form, MultipleFileField, add_service_error, date_field
from gongkai.common.services import ServiceError


class LedgerEntryForm(Form):
    kind = forms.ChoiceField(label="类别", choices=LedgerKind.choices)
    on = date_field("日期", DateKind.HAPPENED)
    title = forms.CharField(label="事项", max_length=MAX_TITLE, help_text="如：召开政务公开工作领导小组会议")
    detail = forms.CharField(
        label="内容", max_length=MAX_DETAIL, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attendees = forms.IntegerField(label="参加人数", min_value=0, max_value=MAX_ATTENDEES, required=False)
    files = MultipleFileField(label="附件（会议纪要、签到表、通知等）", required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on.year != self.year:
            raise forms.ValidationError(
                f"日期应在{self.year}年内（填写的是{on.year}年{on.month}月{on.day}日）。"
            )
        return on


class LedgerRemoveForm(Form):
    reason = forms.CharField(label="删除原因", max_length=300)


def _body(request, code: str) -> Body:
    body = get_object_or_404(Body, code=code)
    if not can_view_body(request.user, body):
        raise PermissionDenied
    return body


def _page(request, body, year: int, form, status: int = 200):
    context = {
        "body": body,
        "year": year,
        "form": form,
        "ledger": [
            (LedgerKind(kind).label, entries) for kind, entries in ledger_of(body=body, year=year).items()
        ],
        "can_keep": can_keep_ledger(request.user, body, timezone.localdate()),
    }
    return render(request, "annual/ledger.html", context, status=status)


@login_required
def ledger_page(request, code: str, year: int):
    body = _body(request, code)
    check_report_year(year)
    today = timezone.localdate()
    if request.method != "POST":
        return _page(request, body, year, LedgerEntryForm(year=year))
    if not can_keep_ledger(request.user, body, today):
        raise PermissionDenied
    form = LedgerEntryForm(request.POST, request.FILES, year=year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            ledger_entry_add(
                actor=request.user,
                body=body,
                kind=data["kind"],
                on=data["on"],
                title=data["title"],
                detail=data["detail"],
                attendees=data["attendees"],
                files=[(f.name, f.read()) for f in data["files"]],
                today=today,
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已录入工作台账。")
            return redirect("annual-ledger", code=code, year=year)
    return _page(request, body, year, form, status=400)


@login_required
def ledger_remove(request, code: str, year: int, entry: int):
    body = _body(request, code)
    found = get_object_or_404(LedgerEntry, pk=entry, body=body, year=year)
    if request.method != "POST":
        raise Http404("删除须提交表单。")
    if not can_keep_ledger(request.user, body, timezone.localdate()):
        raise PermissionDenied
    form = LedgerRemoveForm(request.POST)
    if form.is_valid():
        try:
            ledger_entry_remove(
                actor=request.user,
                entry=found,
                today=timezone.localdate(),
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, "已删除该台账记录。")
            return redirect("annual-ledger", code=code, year=year)
    problems = "；".join(
        e if e.startswith("“删除原因”") or e.startswith("删除原因") else f"删除原因：{e}"
        for errors in form.errors.values()
        for e in errors
    )
    return render(request, "web/error.html", {"title": "无法删除", "message": problems}, status=400)


@login_required
def ledger_file(request, code: str, year: int, file: int):
    body = _body(request, code)
    found = get_object_or_404(LedgerAttachment, pk=file, entry__body=body, entry__year=year)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
