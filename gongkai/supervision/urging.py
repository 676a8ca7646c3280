"""督办: a supervising body's 督查 urges a body on an overdue case; the body replies.

The overdue list (supervision.urging_views) reads `overdue_for`; the body's 今日待办 shows the
urgings still awaiting its reply (`urging_todo`). A case that is no longer overdue cannot be urged;
a reply is given once, by the body's handling staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from gongkai.applications.audit import audit_on
from gongkai.applications.clock import working_days_left
from gongkai.applications.models import Application
from gongkai.applications.permissions import can_handle_application
from gongkai.applications.reminders import DueCase, overdue_under
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.bodies.models import Body
from gongkai.bodies.selectors import bodies_of, inspector_body_ids, supervised_body_ids
from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.common.todo import TodoItem
from gongkai.supervision.models import Urging

if TYPE_CHECKING:
    from django.contrib.auth.models import User


NOTE_MAX = 500
REPLY_MAX = 1000


@dataclass(frozen=True)
class OverdueLine:
    due: DueCase
    urging: Urging | None  # the latest 督办 on the case, if any

    @property
    def days_overdue(self) -> int:
        return -self.due.days_left


def supervisor_ids_of(user, today: date) -> list[int]:
    """The bodies on whose behalf the user supervises; every body for a superuser."""
    if user.is_superuser:
        return list(Body.objects.values_list("id", flat=True))
    return inspector_body_ids(user=user, on=today)


def overdue_for(*, user, today: date, body_code: str = "", min_days: int = 0) -> list[OverdueLine]:
    """The overdue cases the user supervises, filtered by body and by working days overdue."""
    found = overdue_under(supervisor_ids=supervisor_ids_of(user, today), today=today)
    found = [
        due
        for due in found
        if -due.days_left >= min_days and (not body_code or due.application.body.code == body_code)
    ]
    latest: dict[int, Urging] = {}
    for urging in Urging.objects.filter(application__in=[d.application for d in found]).order_by(
        "issued_on", "id"
    ):
        latest[urging.application_id] = urging
    return [OverdueLine(due, latest.get(due.application.pk)) for due in found]


def urging_bodies(user, today: date) -> dict[int, Body]:
    """For each body the user may urge: the user's inspector body that supervises it (or is it).
    Computed once, so that the overdue list asks it of every row without a query per row."""
    issuers: dict[int, Body] = {}
    for body in Body.objects.filter(id__in=inspector_body_ids(user=user, on=today)).order_by("id"):
        for body_id in {body.id} | supervised_body_ids(supervisor_ids=[body.id], on=today):
            issuers.setdefault(body_id, body)
    return issuers


def can_urge(user, application: Application, today: date) -> bool:
    return user.is_authenticated and application.body_id in urging_bodies(user, today)


def urging_issue(*, actor: User, application: Application, note: str, today: date) -> Urging:
    issuer = urging_bodies(actor, today).get(application.body_id)
    if issuer is None:
        raise ServiceError("只有上级机关的督查可以督办本案。")
    days_left = working_days_left(application, today)
    if application.status not in OPEN_STATUSES or days_left >= 0:
        raise ServiceError("本案未逾期或已办结，不能督办。")
    note = note.strip()
    if not note:
        raise ServiceError("督办意见：请填写。")
    urging = Urging(
        application=application,
        issued_by_body=issuer,
        issued_by=actor,
        issued_on=today,
        days_overdue=-days_left,
        note=note,
    )
    clean_or_refuse(urging)
    with transaction.atomic():
        urging.save()
        audit_on(
            application,
            actor=actor,
            action="supervision.urge",
            summary=f"{issuer}督办{application.number}（逾期{-days_left}个工作日）",
            after={"note": note, "days_overdue": -days_left},
        )
    return urging


def urging_reply(*, actor: User, urging: Urging, reply: str, today: date) -> Urging:
    if not can_handle_application(actor, urging.application):
        raise ServiceError("只有本机关的办理人员可以回复督办。")
    if urging.replied:
        raise ServiceError("该督办已回复，不能重复回复。")
    reply = reply.strip()
    if not reply:
        raise ServiceError("办理情况：请填写。")
    urging.reply, urging.replied_by, urging.replied_on = reply, actor, today
    clean_or_refuse(urging)
    with transaction.atomic():
        urging.save(update_fields=["reply", "replied_by", "replied_on"])
        audit_on(
            urging.application,
            actor=actor,
            action="supervision.urge_reply",
            summary=f"回复{urging.issued_by_body}对{urging.application.number}的督办",
            after={"reply": reply},
        )
    return urging


def urging_todo(user, today: date) -> list[TodoItem]:
    """For a body's handling staff: the urgings of supervising bodies still awaiting a reply."""
    if not user.is_authenticated:
        return []
    waiting = Urging.objects.filter(
        replied_on__isnull=True, application__body__in=bodies_of(user=user, on=today)
    ).select_related("application__body", "issued_by_body")
    return [
        TodoItem(
            title=f"督办：{u.issued_by_body}督办{u.application.number}（{u.application.body}），请回复办理情况",
            detail=f"{u.issued_on:%Y-%m-%d}督办，当时已逾期{u.days_overdue}个工作日。督办意见：{u.note}",
            url=reverse("urging-detail", args=[u.pk]),
            urgent=True,
        )
        for u in waiting
        if can_handle_application(user, u.application)
    ]
