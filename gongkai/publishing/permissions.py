"""Who may do what in proactive disclosure. Used by views and services alike.

- Every staff member of the body and the inspectors above it read the 目录 and every item.
- 经办人 draft, edit drafts, attach files and submit; 审核人 review; 保密审查员 clear; 负责人 sign
  and repeal; 审核人 and 保密审查员 resolve sensitive-data hits; 管理员 edit the 目录 and the 索引号 rule.
- AB岗: a backup acts in a role on the days its holder is away (roles_held handles it).
"""

from __future__ import annotations

from datetime import date

from gongkai.bodies.models import Body, Role
from gongkai.bodies.permissions import acts_as, can_view_body


def can_view_publishing(user, body: Body) -> bool:
    return can_view_body(user, body)


def can_draft(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.CLERK}, on)


def can_review(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.REVIEWER}, on)


def can_secrecy_review(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.SECRECY}, on)


def can_sign(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.HEAD}, on)


def can_repeal(user, body: Body, on: date | None = None) -> bool:
    return can_sign(user, body, on)


def can_resolve_hits(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.REVIEWER, Role.SECRECY}, on)


def can_return(user, body: Body, on: date | None = None) -> bool:
    """退回 is taken by whoever holds the current step; the service checks which one."""
    return acts_as(user, body, {Role.REVIEWER, Role.SECRECY, Role.HEAD}, on)


def can_manage_catalogue(user, body: Body, on: date | None = None) -> bool:
    return acts_as(user, body, {Role.ADMIN}, on)


def can_act_on_publishing(user, body: Body) -> bool:
    """Any change at all (the step view's first gate); the services check the exact role."""
    return acts_as(user, body, {Role.CLERK, Role.REVIEWER, Role.SECRECY, Role.HEAD})
