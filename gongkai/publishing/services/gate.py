"""The sensitive-data gate: scan on submit, carry earlier decisions, mask or allow each hit."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.core.reports.readers import read_bytes
from gongkai.core.sensitive import scan_document, scan_text
from gongkai.publishing import permissions
from gongkai.publishing.models import (
    Attachment,
    HitResolution,
    PublicationVersion,
    SensitiveHit,
    VersionStatus,
)
from gongkai.publishing.services._common import _audit, _locked, _refuse_unless, _refuse_unless_step, _reindex
from gongkai.publishing.services.drafting import attachment_text

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def text_location(text: str, start: int) -> str:
    return f"正文第{text.count(chr(10), 0, start) + 1}行"


def _scan_version(version: PublicationVersion) -> list[SensitiveHit]:
    hits = [
        SensitiveHit(
            version=version,
            kind=hit.kind.value,
            location=text_location(version.text, hit.start),
            value=hit.value[:120],
            start=hit.start,
            end=hit.end,
        )
        for hit in scan_text(version.text)
    ]
    for attachment in version.attachments.all():
        hits += _scan_attachment(version, attachment)
    return hits


def _scan_attachment(version: PublicationVersion, attachment: Attachment) -> list[SensitiveHit]:
    with attachment.original.open("rb") as handle:
        document = read_bytes(handle.read(), attachment.name)
    _, offsets = attachment_text(document)
    return [
        SensitiveHit(
            version=version,
            attachment=attachment,
            kind=located.hit.kind.value,
            location=f"附件“{attachment.name}” {located.location.describe()}"[:120],
            value=located.hit.value[:120],
            start=offsets.get(located.location, 0) + located.hit.start,
            end=offsets.get(located.location, 0) + located.hit.end,
        )
        for located in scan_document(document)
    ]


def _hit_key(hit: SensitiveHit) -> tuple[str | None, str, str]:
    """The same hit across submissions and versions: in the same attachment (by name; copies of a
    new version are other rows) or the text, of the same kind and value."""
    return (hit.attachment.name if hit.attachment_id else None, hit.kind, hit.value)


def _carry_over(
    new: list[SensitiveHit], *, again: list[SensitiveHit], previous: PublicationVersion | None
) -> list[SensitiveHit]:
    """A hit found again keeps the decision already taken on it: first one taken on this version
    before a 退回 (`again`), else the one taken on the previous version, marked as carried from
    it so the reviewers see it was not taken on this one. Returns the hits carried from an earlier version."""
    earlier: dict[tuple, tuple[SensitiveHit, int | None] | None] = {}
    if previous is not None:
        earlier = {
            _hit_key(h): (h, previous.number)
            for h in previous.hits.select_related("attachment")
            if h.resolution
        }
    # This version's own state wins, an open hit too (a carried decision undone stays undone).
    earlier |= {_hit_key(h): (h, h.carried_from) if h.resolution else None for h in again}
    carried = []
    for hit in new:
        found = earlier.get(_hit_key(hit))
        if found is not None:
            decided, hit.carried_from = found
            hit.resolution, hit.reason = decided.resolution, decided.reason
            hit.resolved_by_id, hit.resolved_at = decided.resolved_by_id, decided.resolved_at
            if hit.carried_from is not None:
                carried.append(hit)
    return carried


def _previous_version(version: PublicationVersion) -> PublicationVersion | None:
    """The published version a new version was copied from (publication_new_version), if any."""
    previous = version.publication.published_version
    return previous if previous is not None and previous.number < version.number else None


@transaction.atomic
def version_submit(*, actor: User, version: PublicationVersion, today: date) -> list[SensitiveHit]:
    """经办人 submits a draft for review; the gate scans the text and every attachment first."""
    version = _locked(version)
    _refuse_unless_step(
        actor, version, "submit", today, who="只有经办人可以提交审核。", when="只有草稿可以提交审核"
    )
    if not version.text.strip() and not version.attachments.exists():
        raise ServiceError("正文和附件都为空，不能提交。")
    again = list(version.hits.select_related("attachment"))
    hits = _scan_version(version)
    previous = _previous_version(version)
    carried = _carry_over(hits, again=again, previous=previous)
    version.hits.all().delete()
    SensitiveHit.objects.bulk_create(hits)
    version.status = VersionStatus.IN_REVIEW
    version.save(update_fields=["status", "updated_at"])
    open_hits = sum(1 for h in hits if not h.resolution)
    # The values stay out of the append-only log: where, what kind, which decision, from which version.
    carried_rows = [
        {"location": h.location, "kind": h.kind, "resolution": h.resolution, "from_version": h.carried_from}
        for h in carried
    ]
    _audit(
        actor,
        "submit",
        f"提交审核（沿用第{carried[0].carried_from}版的决定{len(carried)}处）" if carried else "提交审核",
        version,
        after={"hits": len(hits), "open_hits": open_hits, "carried": carried_rows},
        legal_basis="《政府信息公开条例》第十七条",
    )
    _reindex(version.publication)
    return hits


def _refuse_open_hits(version: PublicationVersion) -> None:
    count = version.hits.filter(resolution=HitResolution.OPEN).count()
    if count:
        raise ServiceError(f"还有{count}处敏感信息未处理（遮盖或说明理由后允许公开），不能进入下一步。")


HIT_STATUSES = (VersionStatus.IN_REVIEW, VersionStatus.IN_SECRECY)
CHANGED_TO = {HitResolution.MASKED: "遮盖", HitResolution.ALLOWED: "允许公开"}


def _hit_for_decision(actor: User, hit: SensitiveHit, today: date) -> tuple[SensitiveHit, PublicationVersion]:
    """The hit re-read with its version locked, once the actor may decide on it now."""
    version = _locked(hit.version)
    _refuse_unless(
        permissions.can_resolve_hits(actor, version.publication.body, today),
        "只有审核人或保密审查员可以处理敏感信息。",
    )
    if version.status not in HIT_STATUSES:
        raise ServiceError(f"只有审核中的版本可以处理敏感信息（当前状态：{version.get_status_display()}）。")
    return SensitiveHit.objects.get(pk=hit.pk), version


def _hit_decision(hit: SensitiveHit) -> dict[str, Any]:
    return {"resolution": hit.resolution, "reason": hit.reason, "carried_from": hit.carried_from}


def _decide(actor: User, hit: SensitiveHit, version, action: str, summary: str, **decision) -> SensitiveHit:
    before = _hit_decision(hit)
    for field, value in decision.items():
        setattr(hit, field, value)
    hit.carried_from = None  # decided on this version now
    clean_or_refuse(hit)
    hit.save()
    _audit(
        actor,
        action,
        f"{summary}{hit.get_kind_display()}（{hit.location}）",
        version,
        before=before,
        after=_hit_decision(hit),
        legal_basis="《政府信息公开条例》第十五条、第十七条",
    )
    _reindex(version.publication)
    return hit


@transaction.atomic
def hit_resolve(
    *, actor: User, hit: SensitiveHit, resolution: str, reason: str = "", today: date
) -> SensitiveHit:
    """审核人 or 保密审查员: mask the hit in the published copy, or allow it with a reason; a
    decision already taken (or carried from the previous version) may be changed the same way."""
    hit, version = _hit_for_decision(actor, hit, today)
    if resolution not in (HitResolution.MASKED, HitResolution.ALLOWED):
        raise ServiceError("处理方式无效。")
    reason = reason.strip() if resolution == HitResolution.ALLOWED else ""
    if resolution == HitResolution.ALLOWED and not reason:
        raise ServiceError("允许公开敏感信息必须说明理由。")
    summary = f"改为{CHANGED_TO[resolution]}" if hit.resolution else HitResolution(resolution).label
    return _decide(
        actor,
        hit,
        version,
        "hit",
        summary,
        resolution=resolution,
        reason=reason[:300],
        resolved_by=actor,
        resolved_at=timezone.now(),
    )


@transaction.atomic
def hit_reopen(*, actor: User, hit: SensitiveHit, today: date) -> SensitiveHit:
    """撤销决定: the hit is open again and blocks the next step until it is masked or allowed anew."""
    hit, version = _hit_for_decision(actor, hit, today)
    if not hit.resolution:
        raise ServiceError("该敏感信息尚未处理，无需撤销。")
    return _decide(
        actor,
        hit,
        version,
        "hit_reopen",
        f"撤销“{hit.get_resolution_display()}”的决定：",
        resolution=HitResolution.OPEN,
        reason="",
        resolved_by=None,
        resolved_at=None,
    )
