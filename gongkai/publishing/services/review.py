"""Review, secrecy review, signing and 退回: each step by its role."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.redact import RedactionError, redact
from gongkai.core.sensitive import Hit, HitKind, mask
from gongkai.publishing import workflow
from gongkai.publishing.models import (
    Attachment,
    HitResolution,
    Publication,
    PublicationVersion,
    SensitiveHit,
    VersionStatus,
)
from gongkai.publishing.services._common import _audit, _locked, _refuse_unless, _refuse_unless_step, _reindex
from gongkai.publishing.services.gate import _refuse_open_hits

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def version_review(*, actor: User, version: PublicationVersion, today: date) -> PublicationVersion:
    version = _locked(version)
    _refuse_unless_step(
        actor, version, "review", today, who="只有审核人可以审核。", when="该版本不在待审核状态"
    )
    _refuse_open_hits(version)
    version.status, version.reviewed_by = VersionStatus.IN_SECRECY, actor
    version.save(update_fields=["status", "reviewed_by", "updated_at"])
    _audit(actor, "review", "审核通过", version)
    _reindex(version.publication)
    return version


@transaction.atomic
def version_secrecy_clear(*, actor: User, version: PublicationVersion, today: date) -> PublicationVersion:
    version = _locked(version)
    _refuse_unless_step(
        actor,
        version,
        "clear",
        today,
        who="只有保密审查员可以进行保密审查。",
        when="该版本不在待保密审查状态",
    )
    _refuse_open_hits(version)
    version.status, version.secrecy_reviewed_by = VersionStatus.AWAITING_SIGNATURE, actor
    version.save(update_fields=["status", "secrecy_reviewed_by", "updated_at"])
    _audit(actor, "secrecy", "保密审查通过", version, legal_basis="《政府信息公开条例》第十七条")
    _reindex(version.publication)
    return version


def _masked_hits(version: PublicationVersion, attachment: Attachment | None) -> list[SensitiveHit]:
    return [
        h
        for h in version.hits.all()
        if h.resolution == HitResolution.MASKED and h.attachment_id == (attachment.pk if attachment else None)
    ]


def _publish_attachment(attachment: Attachment, values: list[str]) -> None:
    with attachment.original.open("rb") as handle:
        data = handle.read()
    try:
        published = redact(data, attachment.file_type, values, attachment.name)
    except RedactionError as error:
        raise ServiceError(str(error)) from error
    store(attachment.published, f"published-{attachment.name}", published)
    attachment.save(update_fields=["published"])


@atomic_with_files()
def version_sign(*, actor: User, version: PublicationVersion, today: date) -> PublicationVersion:
    """负责人 signs: the masked copies are made, the version is published, the previous one superseded."""
    version = _locked(version)
    publication = Publication.objects.select_for_update().get(pk=version.publication_id)
    _refuse_unless_step(
        actor, version, "sign", today, who="只有负责人可以签发。", when="该版本不在待签发状态"
    )
    _refuse_open_hits(version)
    text_hits = [Hit(HitKind(h.kind), h.start, h.end, h.value) for h in _masked_hits(version, None)]
    version.published_text = mask(version.text, text_hits)
    for attachment in version.attachments.all():
        _publish_attachment(attachment, [h.value for h in _masked_hits(version, attachment)])
    previous = publication.published_version
    if previous is not None and previous.pk != version.pk:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
    version.status, version.signed_by, version.published_on = VersionStatus.PUBLISHED, actor, today
    version.save(update_fields=["status", "signed_by", "published_on", "published_text", "updated_at"])
    publication.published_version = version
    publication.first_published_on = publication.first_published_on or today
    publication.save(update_fields=["published_version", "first_published_on"])
    _audit(
        actor,
        "sign",
        "签发并发布",
        version,
        after={
            "published_on": today.isoformat(),
            "masked": len(text_hits),
            "superseded": getattr(previous, "number", None),
        },
        legal_basis="《政府信息公开条例》第十九条、第二十六条",
    )
    _reindex(publication)
    return version


@transaction.atomic
def version_return(
    *, actor: User, version: PublicationVersion, reason: str, today: date
) -> PublicationVersion:
    """退回: whoever holds the current step sends the version back to the 经办人 as a draft, with a reason."""
    version = _locked(version)
    if version.status not in workflow.TRANSITIONS["return"].statuses:
        raise ServiceError(f"该版本不能退回（当前状态：{version.get_status_display()}）。")
    _refuse_unless(
        workflow.holds(actor, version.publication.body, version.status, today),
        f"当前步骤只有{workflow.HOLDERS[version.status][1]}可以退回。",
    )
    reason = reason.strip()
    if not reason:
        raise ServiceError("退回必须说明理由。")
    before = version.status
    version.status = VersionStatus.DRAFT
    version.reviewed_by = version.secrecy_reviewed_by = None
    version.save(update_fields=["status", "reviewed_by", "secrecy_reviewed_by", "updated_at"])
    _audit(
        actor,
        "return",
        f"退回修改（{reason[:100]}）",
        version,
        before={"status": before},
        after={"reason": reason[:300]},
    )
    _reindex(version.publication)
    return version
