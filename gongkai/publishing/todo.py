"""Items for the staff home page ('今日待办') from proactive disclosure."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.bodies.models import Role
from gongkai.bodies.selectors import bodies_of, roles_held
from gongkai.common.todo import TodoItem
from gongkai.publishing.models import VersionStatus
from gongkai.publishing.selectors import missing_updates, overdue_versions, versions_waiting

# The step each role takes, and what the home page calls it.
WAITING_FOR = {
    Role.CLERK: (VersionStatus.DRAFT, "待提交"),
    Role.REVIEWER: (VersionStatus.IN_REVIEW, "待审核"),
    Role.SECRECY: (VersionStatus.IN_SECRECY, "待保密审查"),
    Role.HEAD: (VersionStatus.AWAITING_SIGNATURE, "待签发"),
}


def _detail_url(version) -> str:
    return reverse("publishing-detail", args=[version.publication.body.code, version.publication_id])


def waiting_for_me(user, today: date) -> list[TodoItem]:
    """Items at the step of a role I hold (or act in as AB岗 backup) today."""
    items = []
    for body in bodies_of(user=user, on=today):
        roles = roles_held(user=user, body=body, on=today)
        for role, (status, label) in WAITING_FOR.items():
            if role not in roles:
                continue
            waiting = versions_waiting(body_ids=[body.id], status=status)
            if role == Role.CLERK:  # a draft waits for the clerk who wrote it
                waiting = waiting.filter(created_by=user)
            for version in waiting.order_by("due_on")[:20]:
                items.append(
                    TodoItem(
                        title=f"主动公开{label}：{version.title}",
                        detail=f"{body}，应于 {version.due_on or '（未知）'} 前公开（条例第二十六条）。",
                        url=_detail_url(version),
                        urgent=bool(version.due_on and version.due_on <= today),
                    )
                )
    return items


def _staff_bodies(user, today: date):
    publishing_roles = {Role.CLERK, Role.REVIEWER, Role.SECRECY, Role.HEAD, Role.ADMIN}
    return [
        b
        for b in bodies_of(user=user, on=today)
        if roles_held(user=user, body=b, on=today) & publishing_roles
    ]


def overdue_items(user, today: date) -> list[TodoItem]:
    """For the body's staff: unpublished items past their 20-working-day date."""
    items = []
    for body in _staff_bodies(user, today):
        late = overdue_versions(body_ids=[body.id], today=today).count()
        if late:
            items.append(
                TodoItem(
                    title=f"{body}：{late}条主动公开信息已超过公开期限",
                    detail="应自信息形成或变更之日起20个工作日内公开（条例第二十六条）。",
                    url=reverse("publishing-list", args=[body.code]) + "?late=1",
                    urgent=True,
                )
            )
    return items


def missing_column_updates(user, today: date) -> list[TodoItem]:
    """For clerks and admins: scheduled columns (低保 monthly ...) whose update is missing."""
    items = []
    for body in bodies_of(user=user, on=today):
        if not roles_held(user=user, body=body, on=today) & {Role.CLERK, Role.ADMIN}:
            continue
        for missing in missing_updates(body=body, today=today):
            column = missing.column
            when = (
                f"上次更新 {missing.last_update}，应于 {missing.due_on} 前更新"
                if missing.last_update
                else "尚未发布过信息"
            )
            items.append(
                TodoItem(
                    title=f"{body}：“{column.name}”栏目未按{column.get_update_every_display()}更新",
                    detail=when + "。",
                    url=reverse("publishing-list", args=[body.code]) + f"?column={column.code}",
                )
            )
    return items
