"""Who may do what. Small named functions, used by every view and API endpoint alike.

Rules:
- A body's own staff (any role, or acting as AB岗 backup) read everything of their body.
- 督查 (inspectors) read everything of the bodies their body supervises, and change nothing there.
- 管理员 manage their body's details, people and roles.
- A superuser (system operator) may do anything.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.bodies.models import Body, Role
from gongkai.bodies.selectors import inspected_body_ids, roles_held


def _today() -> date:
    return timezone.localdate()


def can_view_body(user, body: Body) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    today = _today()
    return bool(roles_held(user=user, body=body, on=today)) or body.id in inspected_body_ids(
        user=user, on=today
    )


def acts_as(user, body: Body, roles: set[str], on: date | None = None) -> bool:
    """Whether the user holds (or acts as AB岗 backup in) one of the roles at the body on the day;
    a superuser always does."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(roles_held(user=user, body=body, on=on or _today()) & roles)


def has_role(user, body: Body, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return role in roles_held(user=user, body=body, on=_today())


def can_manage_body(user, body: Body) -> bool:
    """Edit the body's details (e.g. the disclosure office shown in the 公开指南)."""
    return user.is_authenticated and (user.is_superuser or has_role(user, body, Role.ADMIN))


def can_manage_people(user, body: Body) -> bool:
    """Create users at the body, assign and end roles, name backups."""
    return can_manage_body(user, body)


def can_view_audit_log(user, body: Body) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    today = _today()
    roles = roles_held(user=user, body=body, on=today)
    return bool(roles & {Role.ADMIN, Role.HEAD}) or body.id in inspected_body_ids(user=user, on=today)
