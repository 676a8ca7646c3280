"""Who may audit published reports: supervisors (督查) and each body's administrators."""

from __future__ import annotations

from django.utils import timezone

from gongkai.bodies.models import Role
from gongkai.bodies.selectors import bodies_of, roles_held


def auditing_bodies(user):
    """Bodies on whose behalf the user may upload reports for checking."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    return [
        b
        for b in bodies_of(user=user, on=today)
        if roles_held(user=user, body=b, on=today) & {Role.INSPECTOR, Role.ADMIN}
    ]


def can_audit_reports(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(auditing_bodies(user)))


def can_view_batch(user, batch) -> bool:
    return user.is_authenticated and (user.is_superuser or batch.owner in auditing_bodies(user))
