"""Changes to a published item: a new version, repeal, the link to its 政策解读."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.catalogue import (
    ItemKind,
)
from gongkai.publishing import permissions
from gongkai.publishing.deadlines import due_on_for
from gongkai.publishing.models import (
    OPEN_STATUSES,
    Attachment,
    Publication,
    PublicationVersion,
)
from gongkai.publishing.services._common import (
    VERSION_FIELDS,
    _audit,
    _audit_body,
    _refuse_unless,
    _refuse_unless_role,
    _reindex,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _copy_attachment(attachment: Attachment, version: PublicationVersion) -> None:
    with attachment.original.open("rb") as handle:
        data = handle.read()
    copy = Attachment(
        version=version,
        name=attachment.name,
        file_type=attachment.file_type,
        size=attachment.size,
        text=attachment.text,
        position=attachment.position,
    )
    store(copy.original, attachment.name, data)
    copy.save()


@atomic_with_files()
def publication_new_version(
    *, actor: User, publication: Publication, change_note: str, formed_on: date, today: date
) -> PublicationVersion:
    """A change to a published item: a new draft copied from the published version, reviewed afresh."""
    publication = Publication.objects.select_for_update().select_related("body").get(pk=publication.pk)
    _refuse_unless_role(actor, publication.body, "new_version", today, "只有经办人可以起草新版本。")
    published = publication.published_version
    if published is None:
        raise ServiceError("该信息尚未发布，请直接修改草稿。")
    if publication.repealed_on is not None:
        raise ServiceError("该信息已废止，不能再修改。")
    if publication.versions.filter(status__in=OPEN_STATUSES).exists():
        raise ServiceError("已有未发布的新版本，请在其上修改。")
    change_note = change_note.strip()
    if not change_note:
        raise ServiceError("请说明修改内容（修改说明）。")
    if formed_on > today:
        raise ServiceError("信息形成或变更日期不能晚于今天。")
    fields = {field: getattr(published, field) for field in VERSION_FIELDS} | {"formed_on": formed_on}
    version = PublicationVersion(
        publication=publication,
        number=publication.versions.count() + 1,
        created_by=actor,
        change_note=change_note[:300],
        due_on=due_on_for(formed_on),
        **fields,
    )
    clean_or_refuse(version)
    version.save()
    for attachment in published.attachments.all():
        _copy_attachment(attachment, version)
    _audit(
        actor, "new_version", f"起草新版本（{change_note[:80]}）", version, after={"change_note": change_note}
    )
    _reindex(publication)
    return version


@transaction.atomic
def publication_repeal(
    *, actor: User, publication: Publication, repealed_on: date, basis: str, today: date
) -> Publication:
    """废止 (负责人): the item stays published but is marked no longer valid from the date, with its basis."""
    publication = Publication.objects.select_for_update().select_related("body").get(pk=publication.pk)
    _refuse_unless_role(actor, publication.body, "repeal", today, "只有负责人可以废止。")
    if publication.published_version is None:
        raise ServiceError("尚未发布的信息不能废止。")
    if publication.repealed_on is not None:
        raise ServiceError(f"该信息已于{publication.repealed_on}废止。")
    basis = basis.strip()
    if not basis:
        raise ServiceError("请填写废止依据（如废止决定的文号）。")
    if publication.first_published_on and repealed_on < publication.first_published_on:
        raise ServiceError("废止日期不能早于首次发布日期。")
    publication.repealed_on, publication.repeal_note = repealed_on, basis[:200]
    publication.save(update_fields=["repealed_on", "repeal_note"])
    _audit(
        actor,
        "repeal",
        f"废止（{basis[:80]}）",
        publication.published_version,
        after={"repealed_on": repealed_on.isoformat(), "basis": basis},
    )
    _reindex(publication)
    return publication


INTERPRETED_KINDS = (ItemKind.NORMATIVE, ItemKind.RULE)


@transaction.atomic
def publication_link_interpretation(
    *, actor: User, interpretation: Publication, document: Publication | None, today: date
) -> Publication:
    """Name the normative document (or 规章) a 政策解读 interprets; None removes the link."""
    interpretation = Publication.objects.select_for_update().select_related("body").get(pk=interpretation.pk)
    _refuse_unless(permissions.can_draft(actor, interpretation.body, today), "只有经办人可以关联解读。")
    if interpretation.kind != ItemKind.INTERPRETATION:
        raise ServiceError("只有“政策解读”类信息可以关联所解读的文件。")
    if document is not None:
        if document.body_id != interpretation.body_id:
            raise ServiceError("只能关联本机关的文件。")
        if document.kind not in INTERPRETED_KINDS:
            raise ServiceError("所解读的文件应为行政规范性文件或规章。")
    before = interpretation.interprets.index_number if interpretation.interprets else None
    interpretation.interprets = document
    interpretation.save(update_fields=["interprets"])
    _audit_body(
        actor,
        "interprets",
        f"政策解读 {interpretation.index_number} 关联文件 {document.index_number if document else '（无）'}",
        body=interpretation.body,
        target=interpretation,
        before={"interprets": before},
        after={"interprets": document.index_number if document else None},
    )
    _reindex(interpretation)
    return interpretation
