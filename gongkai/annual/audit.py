"""The annual app's audit entry, for the report's services and the 工作台账 alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai.auditlog.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def annual_audit(actor: User, action: str, summary: str, *, body: Any, target: Any, **change: Any) -> None:
    """Action names are annual.<step>; the entry is filed under the body whose report or 台账 it is."""
    audit_record(actor=actor, action=f"annual.{action}", summary=summary, body=body, target=target, **change)
