"""The staff case list: search, filters and working days left, read by the list view.

A filter that needs the calendar (due within N working days, overdue) is turned into a due-date
range first, so the database does the filtering and the list stays one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Q

from gongkai.applications.clock import working_days_left
from gongkai.applications.models import Application, Channel, Status
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.common.forms import Form
from gongkai.registry.calendar_store import current_calendar

LIST_LIMIT = 500
STATUS_CHOICES = [
    ("open", "办理中（全部未办结）"),
    *[(s.value, s.label) for s in Status],
    ("all", "全部"),
]


class CaseFilterForm(Form):
    q = forms.CharField(label="搜索", max_length=100, required=False, help_text="编号、申请人或申请内容")
    status = forms.ChoiceField(label="状态", choices=STATUS_CHOICES, required=False)
    channel = forms.ChoiceField(label="申请方式", choices=[("", "全部"), *Channel.choices], required=False)
    due_within = forms.IntegerField(label="几个工作日内到期", min_value=0, max_value=60, required=False)
    overdue = forms.BooleanField(label="仅看逾期", required=False)
    mine = forms.BooleanField(label="仅看分配给我的", required=False)


@dataclass(frozen=True)
class CaseLine:
    application: Application
    days_left: int | None  # working days to the due date, negative when overdue; None: nothing due

    @property
    def days_left_text(self) -> str:
        if self.days_left is None:
            return "—"
        if self.days_left < 0:
            return f"逾期{-self.days_left}个工作日"
        return f"{self.days_left}个工作日"


def case_lines(*, body, user, today: date, filters: dict) -> list[CaseLine]:
    cases = (
        Application.objects.filter(body=body).select_related("assigned_to").order_by("-received_on", "-id")
    )
    status = filters.get("status") or "open"
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        cases = cases.filter(status=status)
    if filters.get("channel"):
        cases = cases.filter(channel=filters["channel"])
    if filters.get("mine"):
        cases = cases.filter(assigned_to=user)
    if filters.get("q"):
        q = filters["q"]
        cases = cases.filter(
            Q(number__icontains=q) | Q(applicant_name__icontains=q) | Q(information_requested__icontains=q)
        )
    if filters.get("overdue"):
        cases = cases.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    if filters.get("due_within") is not None:
        days = filters["due_within"]
        last = current_calendar().provisional().add_working_days(today, days) if days else today
        cases = cases.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=last)
    return [
        CaseLine(a, working_days_left(a, today) if a.status in OPEN_STATUSES and a.due_on else None)
        for a in cases[:LIST_LIMIT]
    ]
