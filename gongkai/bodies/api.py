"""API endpoints for bodies, roles and the audit log. Same permission functions as the views."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.security import SessionAuth

from gongkai.auditlog.selectors import audit_entries_for_body
from gongkai.bodies import permissions, services
from gongkai.bodies.models import Body, Role
from gongkai.bodies.selectors import active_assignments, roles_held, visible_bodies
from gongkai.common.schemas import InSchema, PlannedDate

router = Router(tags=["机关与人员"])


class BodyOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    supervisor: str | None


class BodyDetailOut(BodyOut):
    credit_code: str
    established_on: date
    valid_from: date
    office: dict[str, str]


class AssignmentOut(Schema):
    id: int
    username: str
    full_name: str
    role: str
    role_label: str
    valid_from: date
    backup: str | None


class AssignIn(InSchema):
    username: str = Field(max_length=150)
    role: Role
    valid_from: PlannedDate
    backup_username: str | None = Field(default=None, max_length=150)


class AuditOut(Schema):
    at: datetime
    actor: str
    action: str
    summary: str
    before: Any | None
    after: Any | None
    legal_basis: str


class MeOut(Schema):
    username: str
    full_name: str
    roles: dict[str, list[str]]


class ErrorOut(Schema):
    detail: str


def body_or_404(code: str, user, allowed) -> Body:
    """The body named in the path, if the user passes the permission check; for every area's API."""
    body = Body.objects.filter(code=code).first()
    if body is None:
        raise Http404(f"机关“{code}”不存在。")
    if not allowed(user, body):
        raise PermissionDenied
    return body


class BodyPermission(SessionAuth):
    """The session login and the permission on the path's body, before the request body is read.

    django-ninja validates a body schema before the endpoint runs, so a check inside the endpoint
    would tell a user of another body which fields were wrong instead of 403. The body found is
    left on `request.permitted_body` for the endpoint.
    """

    def __init__(self, allowed):
        super().__init__()
        self.allowed = allowed

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.permitted_body = body_or_404(request.resolver_match.kwargs["code"], user, self.allowed)
        return user


def _body_out(body: Body) -> dict:
    version = body.version_on(timezone.localdate())
    return {
        "code": body.code,
        "name": version.name if version else body.code,
        "level": version.level if version else "",
        "parent": version.parent.code if version and version.parent else None,
        "supervisor": version.supervisor.code if version and version.supervisor else None,
    }


@router.get("me", response=MeOut, summary="当前用户及其角色")
def me(request):
    today = timezone.localdate()
    roles = {
        body.code: sorted(roles_held(user=request.user, body=body, on=today))
        for body in visible_bodies(user=request.user, on=today)
        if roles_held(user=request.user, body=body, on=today)
    }
    return {"username": request.user.username, "full_name": request.user.get_full_name(), "roles": roles}


@router.get("bodies", response=list[BodyOut], summary="可查看的机关")
def list_bodies(request):
    return [_body_out(b) for b in visible_bodies(user=request.user, on=timezone.localdate())]


@router.get("bodies/{code}", response={200: BodyDetailOut, 403: ErrorOut, 404: ErrorOut}, summary="机关详情")
def get_body(request, code: str):
    body = body_or_404(code, request.user, permissions.can_view_body)
    version = body.version_on(timezone.localdate())
    office = {f: getattr(version, f) for f in version.GUIDE_FIELDS + ("office_web",)}
    return {
        **_body_out(body),
        "credit_code": body.credit_code,
        "established_on": body.established_on,
        "valid_from": version.valid_from,
        "office": office,
    }


def _assignment_out(a) -> dict:
    return {
        "id": a.id,
        "username": a.user.username,
        "full_name": a.user.get_full_name(),
        "role": a.role,
        "role_label": a.get_role_display(),
        "valid_from": a.valid_from,
        "backup": a.backup.username if a.backup else None,
    }


@router.get("bodies/{code}/roles", response={200: list[AssignmentOut], 403: ErrorOut, 404: ErrorOut})
def list_roles(request, code: str):
    body = body_or_404(code, request.user, permissions.can_view_body)
    assignments = (
        active_assignments(on=timezone.localdate()).filter(body=body).select_related("user", "backup")
    )
    return [_assignment_out(a) for a in assignments]


@router.post(
    "bodies/{code}/roles",
    response={201: AssignmentOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
    summary="分配角色（管理员）",
    auth=BodyPermission(permissions.can_manage_people),
)
def assign_role(request, code: str, payload: AssignIn):
    body = request.permitted_body
    people = get_user_model().objects.filter(
        id__in=active_assignments(on=timezone.localdate()).filter(body=body).values("user_id")
    )
    user = people.filter(username=payload.username).first()
    if user is None:
        return Status(400, {"detail": f"“{payload.username}”不是本机关人员。"})
    backup = None
    if payload.backup_username:
        backup = people.filter(username=payload.backup_username).first()
        if backup is None:
            return Status(400, {"detail": f"“{payload.backup_username}”不是本机关人员。"})
    try:
        assignment = services.role_assign(
            actor=request.user,
            body=body,
            user=user,
            role=payload.role,
            valid_from=payload.valid_from,
            backup=backup,
        )
    except services.ServiceError as error:
        return Status(400, {"detail": "；".join(error.messages)})
    return Status(201, _assignment_out(assignment))


@router.get("bodies/{code}/audit", response={200: list[AuditOut], 403: ErrorOut, 404: ErrorOut})
def list_audit(request, code: str):
    body = body_or_404(code, request.user, permissions.can_view_audit_log)
    return [
        {
            "at": e.at,
            "actor": e.actor_name,
            "action": e.action,
            "summary": e.summary,
            "before": e.before,
            "after": e.after,
            "legal_basis": e.legal_basis,
        }
        for e in audit_entries_for_body(body=body)
    ]
