"""Writing to the audit log. Every service that changes data calls audit_record(), most through
their app's one small helper that fills in what the app's entries share (applications.audit.audit_on,
annual.audit.annual_audit, publishing.services._common, bodies.services._audit,
supervision.services.audit_batch)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from gongkai.auditlog.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class AuditFields(TypedDict, total=False):
    """What an entry may say beyond who did what: the body it is filed under, the record it is
    about, the change, and the article it was done under (audit_entry's defaults apply)."""

    body: Any
    target: Any
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    legal_basis: str


def audit_record(
    *, actor: User | AnonymousUser | None, action: str, summary: str, **fields: Unpack[AuditFields]
) -> AuditEntry:
    """Append one entry. Call inside the same transaction as the change it describes."""
    entry = audit_entry(actor=actor, action=action, summary=summary, **fields)
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class AuditRow:
    """One entry of a bulk append, without building a model instance per row."""

    action: str
    summary: str
    body_id: int | None
    target_type: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    legal_basis: str


ROW_FIELDS = ("action", "summary", "body_id", "target_type", "target_id", "before", "after", "legal_basis")


def audit_record_many(*, actor: User | AnonymousUser | None, rows: list[AuditRow]) -> None:
    """Append many entries by one actor at one moment (a recompute of many cases): COPY on
    PostgreSQL, which the append-only triggers allow like INSERT; bulk INSERTs elsewhere."""
    at, actor_id, actor_name = timezone.now(), _actor_id(actor), _display_name(actor)
    if connection.vendor != "postgresql":
        entries = [
            AuditEntry(
                at=at, actor_id=actor_id, actor_name=actor_name, **{f: getattr(r, f) for f in ROW_FIELDS}
            )
            for r in rows
        ]
        AuditEntry.objects.bulk_create(entries, batch_size=5000)
        return
    names = ("at", "actor_id", "actor_name", *ROW_FIELDS)
    columns = ", ".join(AuditEntry._meta.get_field(name).column for name in names)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {AuditEntry._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for r in rows:
            copy.write_row(
                (at, actor_id, actor_name, r.action, r.summary[:300], r.body_id, r.target_type, r.target_id)
                + (_json(r.before), _json(r.after), r.legal_basis)
            )


def actor_fields(actor: User | AnonymousUser | None) -> tuple[int | None, str]:
    """(actor_id, actor_name) of an entry, for a bulk append written in SQL."""
    return _actor_id(actor), _display_name(actor)


def _actor_id(actor: User | AnonymousUser | None) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def audit_entry(
    *,
    actor: User | AnonymousUser | None,
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


def _display_name(actor: User | AnonymousUser | None) -> str:
    if actor is None or not actor.is_authenticated:
        return "系统"
    return actor.get_full_name() or actor.get_username()
