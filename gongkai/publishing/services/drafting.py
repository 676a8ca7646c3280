"""Drafting an item: create it, edit the draft, add and remove attachments."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction

from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.common.stored_files import atomic_with_files, store, upload_name
from gongkai.core.catalogue import RULE_REFUSED, ItemKind
from gongkai.core.reports.readers import UNREADABLE_KINDS, ReadError, read_bytes, sniff
from gongkai.core.reports.source import Location, SourceDocument, SourceLine
from gongkai.core.upload_limits import UploadRefused, refuse_long_pdf
from gongkai.publishing import permissions
from gongkai.publishing.deadlines import due_on_for
from gongkai.publishing.models import (
    Attachment,
    CatalogueNode,
    Publication,
    PublicationVersion,
    VersionStatus,
)
from gongkai.publishing.search import index_publication
from gongkai.publishing.selectors import body_may_make_rules
from gongkai.publishing.services._common import (
    VERSION_FIELDS,
    _audit,
    _audit_body,
    _locked,
    _refuse_unless,
    _reindex,
    _require_status,
    _snapshot,
)
from gongkai.publishing.services.catalogue import index_number_take

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def publication_create(
    *, actor: User, body: Body, column: CatalogueNode, kind: str, details: dict[str, Any], today: date
) -> Publication:
    """A new item with its first version as a draft, and its 索引号 taken from the body's rule."""
    _refuse_unless(permissions.can_draft(actor, body, today), "只有经办人可以起草主动公开信息。")
    if column.body_id != body.id:
        raise ServiceError("栏目不属于本机关。")
    if kind not in {k.value for k in ItemKind}:
        raise ServiceError("信息类别无效。")
    if kind == ItemKind.RULE and not body_may_make_rules(body, today):
        raise ServiceError(RULE_REFUSED)
    unknown = set(details) - set(VERSION_FIELDS)
    if unknown:
        raise ServiceError(f"未知字段：{'、'.join(sorted(unknown))}")
    formed_on = details.get("formed_on")
    if formed_on is None:
        raise ServiceError("请填写信息形成或变更日期（条例第二十六条据此计算公开期限）。")
    if formed_on > today:
        raise ServiceError("信息形成或变更日期不能晚于今天。")
    number = index_number_take(body=body, column=column, year=formed_on.year)
    publication = Publication(body=body, column=column, index_number=number, kind=kind, created_by=actor)
    version = PublicationVersion(publication=publication, created_by=actor, **details)
    version.due_on = due_on_for(formed_on)
    # Uniqueness is left to the database, which also catches two clerks taking a number at once.
    clean_or_refuse(publication, exclude=["published_version"], validate_unique=False)
    try:
        with transaction.atomic():
            publication.save()
    except IntegrityError:
        raise ServiceError(f"索引号“{number}”已被使用，请管理员检查本机关的索引号规则。") from None
    version.publication = publication
    clean_or_refuse(version)
    version.save()
    _audit_body(
        actor,
        "create",
        f"起草主动公开信息“{version.title}”（索引号 {number}）",
        body=body,
        target=publication,
        after={"index_number": number, "kind": kind, "column": column.code},
    )
    index_publication(publication)
    return publication


MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ACCEPTED_TYPES = {"docx", "pdf", "xlsx", "text", "html"}
# The content type a stored file is served with, from its sniffed kind and never from its name.
# HTML is served as plain bytes to save, so a page uploaded as "通知.pdf" cannot run on the site.
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
}


def attachment_content_type(file_type: str) -> str:
    return CONTENT_TYPES.get(file_type, "application/octet-stream")


@transaction.atomic
def version_edit(
    *, actor: User, version: PublicationVersion, changes: dict[str, Any], today: date
) -> PublicationVersion:
    """Change a draft's fields (VERSION_FIELDS); submitted or published versions are never changed."""
    version = _locked(version)
    body = version.publication.body
    _refuse_unless(permissions.can_draft(actor, body, today), "只有经办人可以修改草稿。")
    _require_status(version, VersionStatus.DRAFT, "只有草稿可以修改")
    unknown = set(changes) - set(VERSION_FIELDS)
    if unknown:
        raise ServiceError(f"未知字段：{'、'.join(sorted(unknown))}")
    if changes.get("formed_on") and changes["formed_on"] > today:
        raise ServiceError("信息形成或变更日期不能晚于今天。")
    before = _snapshot(version)
    for field, value in changes.items():
        setattr(version, field, value)
    version.due_on = due_on_for(version.formed_on) if version.formed_on else None
    clean_or_refuse(version)
    version.save()
    _audit(actor, "edit", "修改草稿", version, before=before, after=_snapshot(version))
    _reindex(version.publication)
    return version


def _checked_upload(name: str, data: bytes) -> tuple[str, SourceDocument]:
    """The sniffed type and extracted document of an upload, or a ServiceError saying why not."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ServiceError(f"{name}：文件超过{MAX_ATTACHMENT_BYTES // (1024 * 1024)}MB，请压缩或拆分后上传。")
    kind = sniff(data, name)
    if kind not in ACCEPTED_TYPES:
        reason = UNREADABLE_KINDS.get(kind, "不是可识别的文档")
        raise ServiceError(f"{name}：{reason}。附件只接受 docx、pdf、xlsx、txt、html。")
    try:
        if kind == "pdf":
            # Counted before reading: extracting 10,000 pages took gigabytes, and masking them at signing 50 s.
            refuse_long_pdf(data, name, settings.MAX_ATTACHMENT_PAGES)
        document = read_bytes(data, name)
    except UploadRefused as error:
        raise ServiceError(str(error)) from error
    except ReadError as error:
        raise ServiceError(str(error)) from error
    except Exception as error:  # a reader's library choking on a hostile file
        raise ServiceError(f"{name}：文件无法读取（{type(error).__name__}），请检查后重新上传。") from error
    if not document.has_text_layer:
        raise ServiceError(f"{name}：扫描件没有文字层，无法进行敏感信息检查，请上传带文字的版本。")
    return kind, document


@atomic_with_files()
def attachment_add(
    *, actor: User, version: PublicationVersion, name: str, data: bytes, today: date
) -> Attachment:
    """Attach a file to a draft: type sniffed from the content, text extracted for the gate and search."""
    version = _locked(version)
    _refuse_unless(permissions.can_draft(actor, version.publication.body, today), "只有经办人可以添加附件。")
    _require_status(version, VersionStatus.DRAFT, "只有草稿可以添加附件")
    name = upload_name(name)
    kind, document = _checked_upload(name, data)
    attachment = Attachment(
        version=version,
        name=name,
        file_type=kind,
        size=len(data),
        text=attachment_text(document)[0],
        position=version.attachments.count(),
    )
    store(attachment.original, name, data)
    attachment.save()
    _audit(
        actor, "attach", f"添加附件“{name}”", version, after={"name": name, "type": kind, "size": len(data)}
    )
    _reindex(version.publication)
    return attachment


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment, today: date) -> None:
    version = _locked(attachment.version)
    _refuse_unless(permissions.can_draft(actor, version.publication.body, today), "只有经办人可以删除附件。")
    _require_status(version, VersionStatus.DRAFT, "只有草稿可以删除附件")
    name, stored = attachment.name, attachment.original
    attachment.delete()
    # The file goes once the removal is committed; a rolled-back removal keeps it.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    _audit(actor, "detach", f"删除附件“{name}”", version, before={"name": name})
    _reindex(version.publication)


def attachment_text(document: SourceDocument) -> tuple[str, dict[Location, int]]:
    """The text of an extracted file (lines and table cells, one per line) and where each piece starts."""
    pieces, offsets, cursor = [], {}, 0
    for block in document.blocks:
        items = (
            [block]
            if isinstance(block, SourceLine)
            else [c for row in block.rows for c in row if c.origin is None]
        )
        for item in items:
            offsets.setdefault(item.loc, cursor)
            pieces.append(item.text)
            cursor += len(item.text) + 1
    return "\n".join(pieces), offsets
