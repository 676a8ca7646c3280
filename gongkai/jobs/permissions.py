"""Who sees a job: whoever submitted it, the 管理员 of its body, and the system's administrators
(who also see the jobs of no body: the scheduler's daily jobs)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.bodies.models import Role
from gongkai.bodies.selectors import bodies_of, roles_held


def administered_bodies(user) -> list:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    return [
        b for b in bodies_of(user=user, on=today) if Role.ADMIN in roles_held(user=user, body=b, on=today)
    ]


def can_list_jobs(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(administered_bodies(user)))


def can_view_job(user, job) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or job.created_by_id == user.pk or job.body in administered_bodies(user)


def can_retry_job(user, job) -> bool:
    return user.is_authenticated and (user.is_superuser or job.body in administered_bodies(user))
