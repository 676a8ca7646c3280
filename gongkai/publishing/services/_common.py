"""What the use cases of proactive disclosure share: checks, row locks, the audit entry, the index."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from gongkai.auditlog.services import audit_record
from gongkai.common.services import ServiceError
from gongkai.publishing import workflow
from gongkai.publishing.models import (
    Publication,
    PublicationVersion,
)
from gongkai.publishing.search import index_publication

if TYPE_CHECKING:
    from django.contrib.auth.models import User


VERSION_FIELDS = (
    "title",
    "issuer",
    "doc_number",
    "written_on",
    "formed_on",
    "topic",
    "disclosure_mode",
    "effective_from",
    "effective_until",
    "text",
)


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ServiceError(message)


def _locked(version: PublicationVersion) -> PublicationVersion:
    """The version re-read under a row lock, so two clicks cannot both move it on."""
    return (
        PublicationVersion.objects.select_for_update().select_related("publication__body").get(pk=version.pk)
    )


def _require_status(version: PublicationVersion, status: str, message: str) -> None:
    if version.status != status:
        raise ServiceError(f"{message}（当前状态：{version.get_status_display()}）。")


def _refuse_unless_role(actor: User, body, step: str, today: date, message: str) -> None:
    """The role the workflow table names for the step, or the refusal in Chinese."""
    _refuse_unless(workflow.TRANSITIONS[step].allowed(actor, body, today), message)


def _refuse_unless_step(
    actor: User, version: PublicationVersion, step: str, today: date, *, who: str, when: str
) -> None:
    """The workflow table's role (refused with `who`) and starting status (refused with `when`)."""
    _refuse_unless_role(actor, version.publication.body, step, today, who)
    if version.status not in workflow.TRANSITIONS[step].statuses:
        raise ServiceError(f"{when}（当前状态：{version.get_status_display()}）。")


def _audit_body(actor: User, action: str, summary: str, *, body, target=None, **extra) -> None:
    """The publishing app's audit entry: actions are publishing.<step>, filed under the body."""
    audit_record(
        actor=actor, action=f"publishing.{action}", summary=summary, body=body, target=target, **extra
    )


def _audit(actor: User, action: str, summary: str, version: PublicationVersion, **extra) -> None:
    """An entry about a version, on its item, naming the item's 索引号 and the version's number."""
    publication = version.publication
    _audit_body(
        actor,
        action,
        f"{summary}：“{version.title}”（{publication.index_number} 第{version.number}版）",
        body=publication.body,
        target=publication,
        **extra,
    )


def _reindex(publication: Publication) -> None:
    index_publication(publication)


def _snapshot(version: PublicationVersion) -> dict[str, Any]:
    return {field: _jsonable(getattr(version, field)) for field in VERSION_FIELDS}


def _jsonable(value):
    return value.isoformat() if isinstance(value, date) else value
