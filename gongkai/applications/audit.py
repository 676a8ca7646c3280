"""The applications app's audit entry: every record it logs (a case, a letter, an appeal) names
the body it belongs to, so the entry is filed under that body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai.auditlog.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def audit_on(
    target: Any, *, actor: User | AnonymousUser | None, action: str, summary: str, **extra: Any
) -> None:
    audit_record(actor=actor, action=action, summary=summary, body=target.body, target=target, **extra)
