"""Who may do what with disclosure applications. Used by views and API alike."""

from __future__ import annotations

from gongkai.applications.models import Application
from gongkai.bodies.models import Body, Role
from gongkai.bodies.permissions import can_view_body, has_role

HANDLING_ROLES = (Role.CLERK, Role.REVIEWER, Role.HEAD, Role.ADMIN)


def can_register_application(user, body: Body) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(has_role(user, body, r) for r in HANDLING_ROLES)
    )


def can_view_application(user, application: Application) -> bool:
    """Staff of the body and inspectors above it (督办) read a case."""
    return can_view_body(user, application.body)


def can_handle_application(user, application: Application) -> bool:
    """Send notices, record events, draft the answer: the body's handling staff, not inspectors."""
    return can_register_application(user, application.body)


def sees_full_identity(user, application: Application) -> bool:
    """The applicant's full ID number and phone on the case page: the body's handling staff, who
    need them to answer and deliver. Others who may read the case (督查, the body's 保密审查员) see
    them masked until they open them, which is logged (applications.services.application_identity_reveal)."""
    return can_handle_application(user, application)


def can_approve_extension(user, application: Application) -> bool:
    """条例第三十三条: an extension needs the approval of the disclosure office's head (负责人)."""
    return user.is_authenticated and (user.is_superuser or has_role(user, application.body, Role.HEAD))
