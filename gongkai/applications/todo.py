"""Items for the staff home page ('今日待办') from the applications area."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.selectors import OPEN_STATUSES
from gongkai.bodies.models import Role
from gongkai.bodies.selectors import bodies_of, roles_held
from gongkai.common.todo import TodoItem


def unassigned_applications(user, today: date) -> list[TodoItem]:
    """For a body's clerks and heads: open cases nobody handles yet."""
    items = []
    for body in bodies_of(user=user, on=today):
        if not roles_held(user=user, body=body, on=today) & {Role.CLERK, Role.HEAD}:
            continue
        count = Application.objects.filter(body=body, status__in=OPEN_STATUSES, assigned_to=None).count()
        if count:
            items.append(
                TodoItem(
                    title=f"{body}：{count}件申请尚未分配经办人",
                    detail="请尽快分配，答复期限自收到申请之日起计算。",
                    url=reverse("application-list", args=[body.code]) + "?status=open",
                    urgent=True,
                )
            )
    return items


def my_open_applications(user, today: date) -> list[TodoItem]:
    cases = Application.objects.filter(assigned_to=user, status__in=OPEN_STATUSES).select_related("body")
    return [
        TodoItem(
            title=f"办理申请 {case.number}",
            detail=f"{case.applicant_name}：{case.information_requested[:40]}"
            + (f"；答复期限 {case.due_on}" if case.due_on else ""),
            url=reverse("application-detail", args=[case.body.code, case.pk]),
        )
        for case in cases.order_by("due_on", "received_on")[:50]
    ]


def due_and_overdue(user, today: date) -> list[TodoItem]:
    """For the assigned clerk: cases due within 5 working days, and overdue ones (most urgent first)."""
    from gongkai.applications.reminders import describe, due_cases

    mine = Application.objects.filter(assigned_to=user).values("body_id").distinct()
    return [
        TodoItem(
            title=("已逾期：" if due.overdue else "即将到期：") + due.application.number,
            detail=describe(due),
            url=reverse("application-detail", args=[due.application.body.code, due.application.pk]),
            urgent=due.overdue or due.days_left <= 2,
        )
        for due in due_cases(bodies=mine, today=today)
        if due.application.assigned_to_id == user.id
    ]


def supervised_overdue(user, today: date) -> list[TodoItem]:
    """For inspectors: 督办 of overdue cases in the bodies they supervise."""
    from gongkai.applications.reminders import overdue_under
    from gongkai.bodies.selectors import inspector_body_ids

    supervisor_ids = inspector_body_ids(user=user, on=today)
    if not supervisor_ids:
        return []
    overdue = overdue_under(supervisor_ids=supervisor_ids, today=today)
    if not overdue:
        return []
    return [
        TodoItem(
            title=f"督办：所辖机关{len(overdue)}件申请已逾期",
            detail="请督促相关机关尽快答复。",
            url=reverse("overdue-list"),
            urgent=True,
        )
    ]


def drafts_to_approve(user, today: date) -> list[TodoItem]:
    """For 审核人 and 负责人 (their AB岗 included): drafted letters waiting for their step; for the
    drafter: drafts returned to them."""
    from gongkai.applications.models import AnswerDraft, DraftState

    waiting = {Role.REVIEWER: DraftState.AWAITING_REVIEW, Role.HEAD: DraftState.AWAITING_SIGNATURE}
    verbs = {Role.REVIEWER: "审核", Role.HEAD: "签发"}
    items = []
    for body in bodies_of(user=user, on=today):
        roles = roles_held(user=user, body=body, on=today)
        for role, state in waiting.items():
            if role not in roles:
                continue
            drafts = AnswerDraft.objects.filter(application__body=body, state=state).select_related(
                "application"
            )
            items += [
                TodoItem(
                    title=f"待{verbs[role]}：{draft.application.number}",
                    detail=f"{draft.application.applicant_name}：{draft.application.information_requested[:40]}",
                    url=reverse("application-detail", args=[body.code, draft.application_id]),
                    urgent=True,
                )
                for draft in drafts.exclude(drafted_by=user)[:50]
            ]
    returned = AnswerDraft.objects.filter(drafted_by=user, state=DraftState.RETURNED).select_related(
        "application__body"
    )
    returned = returned.exclude(application__drafts__state__in=["awaiting_review", "awaiting_signature"])
    seen = set()  # a case returned twice is one item, with its latest reason
    for draft in returned.order_by("-id")[:50]:
        if draft.application.status in OPEN_STATUSES and draft.application_id not in seen:
            seen.add(draft.application_id)
            items.append(
                TodoItem(
                    title=f"已退回：{draft.application.number}",
                    detail=f"退回理由：{draft.return_reason}",
                    url=reverse(
                        "application-detail", args=[draft.application.body.code, draft.application_id]
                    ),
                    urgent=True,
                )
            )
    return items
