"""The staff home page's own 'what needs me today' providers: AB岗 duties and setup gaps.

The list of providers and todo_for live in gongkai.common.todo, where every area registers.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.bodies.models import Role
from gongkai.bodies.selectors import (
    acting_for,
    active_assignments,
    bodies_of,
    current_versions,
    inspected_body_ids,
    roles_held,
)
from gongkai.common.todo import TodoItem


def backup_duties(user, today: date) -> list[TodoItem]:
    return [
        TodoItem(
            title=f"今日代{a.user.get_full_name() or a.user.username}履行{a.get_role_display()}职责（AB岗）",
            detail=f"{a.body}：{a.user.get_full_name() or a.user.username}外出或休假。",
            url=reverse("body-detail", args=[a.body.code]),
            urgent=True,
        )
        for a in acting_for(user=user, on=today)
    ]


REQUIRED_ROLES = (Role.CLERK, Role.HEAD, Role.SECRECY)


def body_setup_gaps(user, today: date) -> list[TodoItem]:
    """For a body's administrators: guide details missing and statutory roles nobody holds."""
    items = []
    for body in bodies_of(user=user, on=today):
        if Role.ADMIN not in roles_held(user=user, body=body, on=today):
            continue
        version = body.version_on(today)
        missing = version.missing_guide_fields() if version else []
        if missing:
            items.append(
                TodoItem(
                    title=f"{body}：公开指南信息不完整",
                    detail="缺少" + "、".join(missing) + "（《政府信息公开条例》第十二条）。",
                    url=reverse("body-edit", args=[body.code]),
                )
            )
        held = set(active_assignments(on=today).filter(body=body).values_list("role", flat=True))
        for role in REQUIRED_ROLES:
            if role not in held:
                items.append(
                    TodoItem(
                        title=f"{body}：无人担任{role.label}",
                        detail="请为本机关指定人员。",
                        url=reverse("body-roles", args=[body.code]),
                    )
                )
    return items


def supervised_gaps(user, today: date) -> list[TodoItem]:
    """For inspectors: supervised bodies whose 公开指南 details are incomplete."""
    ids = inspected_body_ids(user=user, on=today)
    items = []
    for version in current_versions(on=today).filter(body_id__in=ids).select_related("body"):
        missing = version.missing_guide_fields()
        if missing:
            items.append(
                TodoItem(
                    title=f"督查：{version.name}公开指南信息不完整",
                    detail="缺少" + "、".join(missing) + "。",
                    url=reverse("body-detail", args=[version.body.code]),
                )
            )
    return items


# The staff home page's own providers; web's AppConfig puts them first in TODO_PROVIDERS.
WEB_PROVIDERS = (backup_duties, body_setup_gaps, supervised_gaps)
