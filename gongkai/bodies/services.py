"""Use cases that change bodies, people and roles. One function each, keyword-only arguments.

Each runs in one transaction and appends an audit entry describing the change, so a failure
leaves nothing half written. Permission checks belong to the entry points (views, API, CLI),
which call gongkai.bodies.permissions before calling these.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.auditlog.services import audit_record
from gongkai.bodies.models import Absence, Body, BodyVersion, Role, RoleAssignment
from gongkai.common.services import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# Every field a new version of a body may change; the office details are the 公开指南's fields.
VERSION_FIELDS = (
    "name",
    "short_name",
    "level",
    "parent",
    "supervisor",
    *BodyVersion.GUIDE_FIELDS,
    "office_web",
)


def _audit(actor: User | None, action: str, summary: str, *, body: Body, target: Any, **change: Any) -> None:
    """The bodies app's audit entry: filed under the body whose organisation or staff changed."""
    audit_record(actor=actor, action=action, summary=summary, body=body, target=target, **change)


def version_snapshot(version: BodyVersion) -> dict[str, Any]:
    snapshot = {"valid_from": version.valid_from.isoformat()}
    for field in VERSION_FIELDS:
        value = getattr(version, field)
        snapshot[field] = value.code if isinstance(value, Body) else value
    return snapshot


@transaction.atomic
def body_create(
    *, actor: User | None, code: str, credit_code: str, established_on: date, details: dict[str, Any]
) -> Body:
    body = Body(code=code, credit_code=credit_code.upper(), established_on=established_on)
    body.full_clean()
    body.save()
    version = BodyVersion(body=body, valid_from=established_on, **details)
    version.full_clean()
    version.save()
    _audit(
        actor,
        "body.create",
        f"新建机关：{version.name}",
        body=body,
        target=body,
        after=version_snapshot(version),
    )
    return body


@transaction.atomic
def body_update_details(
    *, actor: User | None, body: Body, effective_from: date, changes: dict[str, Any]
) -> BodyVersion:
    """Record new details from `effective_from` on.

    A change dated on the current version's start day corrects that version; a later date closes
    it and opens a new one, so earlier reports keep showing what was true then. Back-dating
    before the current version would rewrite history and is refused.
    """
    current = (
        BodyVersion.objects.select_for_update()
        .filter(body=body, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if current is None:
        raise ServiceError("该机关没有现行信息版本。")
    if effective_from < current.valid_from:
        raise ServiceError(f"生效日期不能早于现行版本的生效日期（{current.valid_from}）。")
    unknown = set(changes) - set(VERSION_FIELDS)
    if unknown:
        raise ServiceError(f"不能修改这些字段：{'、'.join(sorted(unknown))}。")
    parent = changes.get("parent", current.parent)
    if parent is not None and parent.pk == body.pk:
        raise ServiceError("上级机关不能是本机关。")
    before = version_snapshot(current)
    if effective_from == current.valid_from:
        version = current
    else:
        current.valid_to = effective_from
        current.save(update_fields=["valid_to"])
        version = BodyVersion(body=body, valid_from=effective_from)
        for field in VERSION_FIELDS:
            setattr(version, field, getattr(current, field))
    for field, value in changes.items():
        setattr(version, field, value)
    version.full_clean()
    version.save()
    after = version_snapshot(version)
    changed = [
        str(BodyVersion._meta.get_field(f).verbose_name) for f in VERSION_FIELDS if before[f] != after[f]
    ]
    _audit(
        actor,
        "body.update",
        f"修改机关信息（{effective_from} 起）：{'、'.join(changed) or '无变化'}",
        body=body,
        target=version,
        before=before,
        after=after,
        legal_basis="《政府信息公开条例》第十二条" if any(f.startswith("office_") for f in changes) else "",
    )
    return version


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    body: Body,
    username: str,
    full_name: str,
    password: str,
    role: str,
    valid_from: date,
):
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(f"用户名“{username}”已被使用。")
    user = User(username=username, first_name=full_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    _audit(
        actor,
        "user.create",
        f"新建用户：{full_name}（{username}）",
        body=body,
        target=user,
        after={"username": username, "full_name": full_name},
    )
    role_assign(actor=actor, body=body, user=user, role=role, valid_from=valid_from)
    return user


@transaction.atomic
def role_assign(*, actor: User, body: Body, user, role: str, valid_from: date, backup=None) -> RoleAssignment:
    if role not in Role.values:
        raise ServiceError(f"未知角色：{role}。")
    overlapping = RoleAssignment.objects.filter(body=body, user=user, role=role, valid_to__isnull=True)
    if overlapping.exists():
        raise ServiceError(f"{_name(user)}已担任{Role(role).label}。")
    if backup is not None and backup.pk == user.pk:
        raise ServiceError("AB岗的B角不能是本人。")
    assignment = RoleAssignment(body=body, user=user, role=role, valid_from=valid_from, backup=backup)
    assignment.full_clean()
    assignment.save()
    _audit(
        actor,
        "role.assign",
        f"{_name(user)}担任{Role(role).label}（{valid_from} 起）",
        body=body,
        target=assignment,
        after={
            "user": user.username,
            "role": role,
            "valid_from": valid_from.isoformat(),
            "backup": _username(backup),
        },
    )
    return assignment


@transaction.atomic
def role_end(*, actor: User, assignment: RoleAssignment, valid_to: date) -> RoleAssignment:
    if assignment.valid_to is not None:
        raise ServiceError("该角色分配已经终止。")
    if valid_to <= assignment.valid_from:
        raise ServiceError(f"终止日期必须晚于起始日期（{assignment.valid_from}）。")
    assignment.valid_to = valid_to
    assignment.save(update_fields=["valid_to"])
    _audit(
        actor,
        "role.end",
        f"{_name(assignment.user)}不再担任{assignment.get_role_display()}（{valid_to} 起）",
        body=assignment.body,
        target=assignment,
        before={"valid_to": None},
        after={"valid_to": valid_to.isoformat()},
    )
    return assignment


@transaction.atomic
def role_set_backup(*, actor: User | None, assignment: RoleAssignment, backup) -> RoleAssignment:
    if backup is not None and backup.pk == assignment.user_id:
        raise ServiceError("AB岗的B角不能是本人。")
    before = _username(assignment.backup)
    assignment.backup = backup
    assignment.save(update_fields=["backup"])
    _audit(
        actor,
        "role.backup",
        f"{_name(assignment.user)}的{assignment.get_role_display()}B角：{_name(backup) if backup else '无'}",
        body=assignment.body,
        target=assignment,
        before={"backup": before},
        after={"backup": _username(backup)},
    )
    return assignment


@transaction.atomic
def absence_record(
    *, actor: User, body: Body | None, user, starts_on: date, ends_on: date, reason: str
) -> Absence:
    if ends_on < starts_on:
        raise ServiceError("结束日期不能早于开始日期。")
    absence = Absence(user=user, starts_on=starts_on, ends_on=ends_on, reason=reason)
    absence.full_clean()
    absence.save()
    _audit(
        actor,
        "absence.record",
        f"{_name(user)}外出/休假 {starts_on} 至 {ends_on}",
        body=body,
        target=absence,
        after={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(), "reason": reason},
    )
    return absence


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _username(user) -> str | None:
    return user.get_username() if user is not None else None
