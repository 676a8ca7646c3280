"""Reads about bodies, roles and who is acting for whom on a given day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from gongkai.bodies.models import Absence, Body, BodyVersion, Role, RoleAssignment


def active_assignments(*, on: date) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def current_versions(*, on: date) -> QuerySet[BodyVersion]:
    return BodyVersion.objects.filter(valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )


def is_away(*, user, on: date) -> bool:
    return Absence.objects.filter(user=user, starts_on__lte=on, ends_on__gte=on).exists()


def roles_held(*, user, body: Body, on: date) -> set[str]:
    """Roles the user holds at the body on the day, plus those they act in as backup of an absent holder."""
    if not user.is_authenticated:
        return set()
    assignments = active_assignments(on=on).filter(body=body)
    own = set(assignments.filter(user=user).values_list("role", flat=True))
    acting = {
        a.role for a in assignments.filter(backup=user).select_related("user") if is_away(user=a.user, on=on)
    }
    return own | acting


def acting_for(*, user, on: date) -> list[RoleAssignment]:
    """Assignments of absent colleagues for whom this user is the named backup today."""
    candidates = active_assignments(on=on).filter(backup=user).select_related("user", "body")
    return [a for a in candidates if is_away(user=a.user, on=on)]


def bodies_of(*, user, on: date) -> QuerySet[Body]:
    """Bodies where the user holds (or is named backup for) any role on the day."""
    body_ids = active_assignments(on=on).filter(Q(user=user) | Q(backup=user)).values("body_id")
    return Body.objects.filter(id__in=body_ids)


def supervised_body_ids(*, supervisor_ids: Iterable[int], on: date) -> set[int]:
    """All bodies whose disclosure work is supervised, directly or down the chain, by the given bodies."""
    links = dict(current_versions(on=on).exclude(supervisor=None).values_list("body_id", "supervisor_id"))
    children: dict[int, list[int]] = {}
    for body_id, supervisor_id in links.items():
        children.setdefault(supervisor_id, []).append(body_id)
    found: set[int] = set()
    frontier = list(supervisor_ids)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def inspector_body_ids(*, user, on: date) -> list[int]:
    """Bodies where the user holds (or acts in) the inspector role."""
    if not user.is_authenticated:
        return []
    return [
        body.id
        for body in bodies_of(user=user, on=on)
        if Role.INSPECTOR in roles_held(user=user, body=body, on=on)
    ]


def inspected_body_ids(*, user, on: date) -> set[int]:
    """Bodies this user may read as 督查: those supervised by a body where they hold the inspector role."""
    return supervised_body_ids(supervisor_ids=inspector_body_ids(user=user, on=on), on=on)


def visible_bodies(*, user, on: date) -> QuerySet[Body]:
    if user.is_superuser:
        return Body.objects.all()
    own = set(bodies_of(user=user, on=on).values_list("id", flat=True))
    return Body.objects.filter(id__in=own | inspected_body_ids(user=user, on=on))


def body_tree_rows(*, bodies: Iterable[Body], on: date) -> list[tuple[int, Body, BodyVersion | None]]:
    """(depth, body, version) rows in tree order, for listing bodies under their parents."""
    bodies = list(bodies)
    versions = {v.body_id: v for v in current_versions(on=on).filter(body__in=bodies)}
    by_parent: dict[int | None, list[Body]] = {}
    ids = {b.id for b in bodies}
    for body in bodies:
        version = versions.get(body.id)
        parent_id = version.parent_id if version and version.parent_id in ids else None
        by_parent.setdefault(parent_id, []).append(body)
    rows: list[tuple[int, Body, BodyVersion | None]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for body in sorted(by_parent.get(parent_id, []), key=lambda b: b.code):
            rows.append((depth, body, versions.get(body.id)))
            walk(body.id, depth + 1)

    walk(None, 0)
    return rows
