"""今日待办 for the 管理员: background jobs that failed and wait for someone to look."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.common.todo import TodoItem
from gongkai.jobs import permissions
from gongkai.jobs.models import Job


def failed_jobs(user, today: date) -> list[TodoItem]:
    if not permissions.can_list_jobs(user):
        return []
    jobs = Job.objects.filter(status=Job.Status.FAILED)
    if not user.is_superuser:
        jobs = jobs.filter(body__in=permissions.administered_bodies(user))
    count = jobs.count()
    if not count:
        return []
    return [
        TodoItem(
            title=f"{count}个后台任务失败",
            detail="已按上限重试仍未完成；请查看原因，处理后重新运行。",
            url=reverse("jobs"),
            urgent=True,
        )
    ]
