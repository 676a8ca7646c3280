"""Home-page items: the countdown to the annual report's statutory date (条例第四十九条)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.bodies.models import Level, Role
from gongkai.bodies.selectors import bodies_of, inspector_body_ids, roles_held
from gongkai.common.todo import TodoItem
from gongkai.core.report_due import report_due_on

GOVERNMENT_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY)


def report_due(today: date, level: str) -> tuple[int, date]:
    """(report year, statutory date), by core.report_due: departments by 31 January, a
    government's own report by the configured date (31 March).

    The dates are calendar dates; whether they move when they fall on a holiday is UNCONFIRMED.
    """
    government = level in GOVERNMENT_LEVELS
    last_year_due = report_due_on(today.year - 1, government=government)
    year = today.year - 1 if today <= last_year_due else today.year
    return year, report_due_on(year, government=government)


def last_complete_year(today: date) -> int:
    """The year a supervisor's roll-up is about: the last whole year, not the one still running."""
    return today.year - 1


def annual_report_countdown(user, today: date) -> list[TodoItem]:
    items = []
    for body in bodies_of(user=user, on=today):
        if not roles_held(user=user, body=body, on=today) & {Role.HEAD, Role.ADMIN, Role.CLERK}:
            continue
        version = body.version_on(today)
        year, deadline = report_due(today, version.level if version else "")
        days = (deadline - today).days
        if 0 <= days <= 75:
            items.append(
                TodoItem(
                    title=f"{body}：{year}年度政府信息公开工作年度报告还有{days}天到期（{deadline.month}月{deadline.day}日）",
                    detail="依《政府信息公开条例》第四十九条，应在期限前向社会公布。",
                    url=reverse("annual-report", args=[body.code, year]),
                    urgent=days <= 14,
                )
            )
    if inspector_body_ids(user=user, on=today):
        year = last_complete_year(today)
        items.append(
            TodoItem(
                title=f"督查：所辖机关{year}年度申请情况汇总",
                detail="各机关由记录生成的数据及全区合计。",
                url=reverse("annual-rollup", args=[year]),
            )
        )
    return items
