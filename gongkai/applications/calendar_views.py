"""The administrator's screen for holiday arrangements: see the years known, import or correct one."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.applications.calendar_import import calendar_year_import_queued
from gongkai.common.forms import Form, add_service_error
from gongkai.common.services import ServiceError
from gongkai.common.text import unsafe_json_problem
from gongkai.registry.calendar_store import current_calendar

EXAMPLE = json.dumps(
    {
        "year": 2027,
        "notice": "国务院办公厅关于2027年部分节假日安排的通知",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "makeup_workdays": ["2027-01-04"],
    },
    ensure_ascii=False,
)


class CalendarImportForm(Form):
    data = forms.CharField(
        label="节假日安排（JSON）",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=f"示例：{EXAMPLE}",
    )
    reason = forms.CharField(label="依据或更正原因", max_length=200, help_text="如通知的文号和发布日期。")

    def clean_data(self):
        try:
            data = json.loads(self.cleaned_data["data"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"JSON 格式错误（第{error.lineno}行第{error.colno}列）。") from None
        problem = unsafe_json_problem(data)
        if problem:
            raise forms.ValidationError(f"{self.fields['data'].label}：{problem}。")
        return data


def can_manage_calendar(user) -> bool:
    """The calendar is shared by every body: only the system's administrators change it."""
    return user.is_authenticated and user.is_superuser


@login_required
def calendar_years(request):
    if not can_manage_calendar(request.user):
        raise PermissionDenied
    form = CalendarImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row, job = calendar_year_import_queued(
                actor=request.user, data=form.cleaned_data["data"], reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已保存{row.year}年节假日安排，答复期限和公开期限正在后台重新计算。")
            return redirect("job", pk=job.pk)
    calendar = current_calendar()
    years = [calendar.years[year] for year in sorted(calendar.years)]
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "applications/calendar.html", {"years": years, "form": form}, status=status)
