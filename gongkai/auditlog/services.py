"""Writing to the audit log. Every service that changes data calls audit_record()."""

from __future__ import annotations

from typing import Any

from gongkai.auditlog.models import AuditEntry


def audit_record(
    *,
    actor,
    action: str,
    summary: str,
    body=None,
    target=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    legal_basis: str = "",
) -> AuditEntry:
    """Append one entry. Call inside the same transaction as the change it describes."""
    entry = audit_entry(
        actor=actor,
        action=action,
        summary=summary,
        body=body,
        target=target,
        before=before,
        after=after,
        legal_basis=legal_basis,
    )
    entry.save()
    return entry


def audit_record_many(entries: list[AuditEntry]) -> None:
    """Append entries built with audit_entry() in bulk INSERTs (a recompute of many cases)."""
    AuditEntry.objects.bulk_create(entries, batch_size=5000)


def audit_entry(
    *,
    actor,
    action: str,
    summary: str,
    body=None,
    target=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    legal_basis: str = "",
) -> AuditEntry:
    """An unsaved entry, for audit_record_many()."""
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_display_name(actor),
        body=body,
        action=action,
        summary=summary[:300],
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        before=before,
        after=after,
        legal_basis=legal_basis,
    )


def _display_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return "系统"
    return actor.get_full_name() or actor.get_username()
