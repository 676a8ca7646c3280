"""Use cases of proactive disclosure: one function each, keyword-only, one transaction each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.applications.clock import current_calendar
from gongkai.applications.services import next_serial
from gongkai.auditlog.services import audit_record
from gongkai.bodies.models import Body
from gongkai.bodies.services import ServiceError, clean_or_refuse
from gongkai.core.catalogue import (
    DefaultNode,
    IndexRuleError,
    ItemKind,
    UpdateEvery,
    check_index_rule,
    default_catalogue,
    format_index_number,
    publication_due_on,
)
from gongkai.core.redact import RedactionError, redact
from gongkai.core.reports.readers import UNREADABLE_KINDS, ReadError, read_bytes, sniff
from gongkai.core.reports.source import Location, SourceDocument, SourceLine
from gongkai.core.sensitive import Hit, HitKind, mask, scan_document, scan_text
from gongkai.core.workcalendar import UnknownYearError
from gongkai.publishing import permissions
from gongkai.publishing.models import (
    Attachment,
    CatalogueNode,
    HitResolution,
    Publication,
    PublicationVersion,
    PublishingProfile,
    SensitiveHit,
    VersionStatus,
)
from gongkai.publishing.search import index_publication

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


def _level(body: Body, on: date) -> str:
    version = body.version_on(on) or body.versions.first()
    return version.level if version else ""


@transaction.atomic
def catalogue_install_default(*, actor, body: Body, today: date) -> list[CatalogueNode]:
    """Give a body the default 目录 of its level (条例第二十条、第二十一条); refused if it has one."""
    if CatalogueNode.objects.filter(body=body).exists():
        raise ServiceError("该机关已有公开目录，请在现有目录上修改。")
    created: list[CatalogueNode] = []

    def install(nodes: tuple[DefaultNode, ...], parent: CatalogueNode | None) -> None:
        for position, node in enumerate(nodes):
            row = CatalogueNode.objects.create(
                body=body,
                parent=parent,
                code=node.code,
                name=node.name,
                position=position,
                basis=node.basis,
                update_every=node.update_every.value,
            )
            created.append(row)
            install(node.children, row)

    install(default_catalogue(_level(body, today)), None)
    audit_record(
        actor=actor,
        action="publishing.catalogue_default",
        summary=f"建立默认公开目录（{len(created)}个栏目）",
        body=body,
        after={"codes": [node.code for node in created]},
        legal_basis="《政府信息公开条例》第十二条、第二十条、第二十一条",
    )
    return created


def index_rule_of(body: Body) -> str:
    profile, _ = PublishingProfile.objects.get_or_create(body=body)
    return profile.index_rule


def index_number_take(*, body: Body, column: CatalogueNode, year: int) -> str:
    """The next 索引号 of the body for the year, from its rule and its yearly serial."""
    try:
        return format_index_number(
            index_rule_of(body),
            credit_code=body.credit_code,
            body=body.code,
            column=column.code,
            year=year,
            seq=next_serial(body=body, year=year, series="publication"),
        )
    except IndexRuleError as error:
        raise ServiceError(f"{error}请管理员修改本机关的索引号规则。") from error


def due_on_for(formed_on: date) -> date | None:
    """条例第二十六条's last day, or None while the calendar lacks the year (shown as unknown)."""
    try:
        return publication_due_on(formed_on, current_calendar())
    except UnknownYearError:
        return None


@transaction.atomic
def publication_create(
    *, actor, body: Body, column: CatalogueNode, kind: str, details: dict[str, Any], today: date
) -> Publication:
    """A new item with its first version as a draft, and its 索引号 taken from the body's rule."""
    _refuse_unless(permissions.can_draft(actor, body, today), "只有经办人可以起草主动公开信息。")
    if column.body_id != body.id:
        raise ServiceError("栏目不属于本机关。")
    if kind not in {k.value for k in ItemKind}:
        raise ServiceError("信息类别无效。")
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
    audit_record(
        actor=actor,
        action="publishing.create",
        summary=f"起草主动公开信息“{version.title}”（索引号 {number}）",
        body=body,
        target=publication,
        after={"index_number": number, "kind": kind, "column": column.code},
    )
    index_publication(publication)
    return publication


# ---- helpers ----

OPEN_STATUSES = (
    VersionStatus.DRAFT,
    VersionStatus.IN_REVIEW,
    VersionStatus.IN_SECRECY,
    VersionStatus.AWAITING_SIGNATURE,
)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ACCEPTED_TYPES = {"docx", "pdf", "xlsx", "text", "html"}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


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


def _audit(actor, action: str, summary: str, version: PublicationVersion, **extra) -> None:
    publication = version.publication
    audit_record(
        actor=actor,
        action=f"publishing.{action}",
        summary=f"{summary}：“{version.title}”（{publication.index_number} 第{version.number}版）",
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


# ---- drafting ----


@transaction.atomic
def version_edit(
    *, actor, version: PublicationVersion, changes: dict[str, Any], today: date
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
        document = read_bytes(data, name)
    except ReadError as error:
        raise ServiceError(str(error)) from error
    except Exception as error:  # a reader's library choking on a hostile file
        raise ServiceError(f"{name}：文件无法读取（{type(error).__name__}），请检查后重新上传。") from error
    if not document.has_text_layer:
        raise ServiceError(f"{name}：扫描件没有文字层，无法进行敏感信息检查，请上传带文字的版本。")
    return kind, document


def _clean_name(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "附件"
    return "".join(ch for ch in name if ch.isprintable())[:150]


@transaction.atomic
def attachment_add(*, actor, version: PublicationVersion, name: str, data: bytes, today: date) -> Attachment:
    """Attach a file to a draft: type sniffed from the content, text extracted for the gate and search."""
    version = _locked(version)
    _refuse_unless(permissions.can_draft(actor, version.publication.body, today), "只有经办人可以添加附件。")
    _require_status(version, VersionStatus.DRAFT, "只有草稿可以添加附件")
    name = _clean_name(name)
    kind, document = _checked_upload(name, data)
    attachment = Attachment(
        version=version,
        name=name,
        file_type=kind,
        size=len(data),
        text=attachment_text(document)[0],
        position=version.attachments.count(),
    )
    attachment.original.save(name, ContentFile(data), save=False)
    attachment.save()
    _audit(
        actor, "attach", f"添加附件“{name}”", version, after={"name": name, "type": kind, "size": len(data)}
    )
    _reindex(version.publication)
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment, today: date) -> None:
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


# ---- the sensitive-data gate ----


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
def version_submit(*, actor, version: PublicationVersion, today: date) -> list[SensitiveHit]:
    """经办人 submits a draft for review; the gate scans the text and every attachment first."""
    version = _locked(version)
    _refuse_unless(permissions.can_draft(actor, version.publication.body, today), "只有经办人可以提交审核。")
    _require_status(version, VersionStatus.DRAFT, "只有草稿可以提交审核")
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


def _hit_for_decision(actor, hit: SensitiveHit, today: date) -> tuple[SensitiveHit, PublicationVersion]:
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


def _decide(actor, hit: SensitiveHit, version, action: str, summary: str, **decision) -> SensitiveHit:
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
def hit_resolve(*, actor, hit: SensitiveHit, resolution: str, reason: str = "", today: date) -> SensitiveHit:
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
def hit_reopen(*, actor, hit: SensitiveHit, today: date) -> SensitiveHit:
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


# ---- review, secrecy review, signing ----


@transaction.atomic
def version_review(*, actor, version: PublicationVersion, today: date) -> PublicationVersion:
    version = _locked(version)
    _refuse_unless(permissions.can_review(actor, version.publication.body, today), "只有审核人可以审核。")
    _require_status(version, VersionStatus.IN_REVIEW, "该版本不在待审核状态")
    _refuse_open_hits(version)
    version.status, version.reviewed_by = VersionStatus.IN_SECRECY, actor
    version.save(update_fields=["status", "reviewed_by", "updated_at"])
    _audit(actor, "review", "审核通过", version)
    _reindex(version.publication)
    return version


@transaction.atomic
def version_secrecy_clear(*, actor, version: PublicationVersion, today: date) -> PublicationVersion:
    version = _locked(version)
    _refuse_unless(
        permissions.can_secrecy_review(actor, version.publication.body, today),
        "只有保密审查员可以进行保密审查。",
    )
    _require_status(version, VersionStatus.IN_SECRECY, "该版本不在待保密审查状态")
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
    attachment.published.save(f"published-{attachment.name}", ContentFile(published), save=False)
    attachment.save(update_fields=["published"])


@transaction.atomic
def version_sign(*, actor, version: PublicationVersion, today: date) -> PublicationVersion:
    """负责人 signs: the masked copies are made, the version is published, the previous one superseded."""
    version = _locked(version)
    publication = Publication.objects.select_for_update().get(pk=version.publication_id)
    _refuse_unless(permissions.can_sign(actor, publication.body, today), "只有负责人可以签发。")
    _require_status(version, VersionStatus.AWAITING_SIGNATURE, "该版本不在待签发状态")
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


RETURN_ROLES = {
    VersionStatus.IN_REVIEW: (permissions.can_review, "审核人"),
    VersionStatus.IN_SECRECY: (permissions.can_secrecy_review, "保密审查员"),
    VersionStatus.AWAITING_SIGNATURE: (permissions.can_sign, "负责人"),
}


@transaction.atomic
def version_return(*, actor, version: PublicationVersion, reason: str, today: date) -> PublicationVersion:
    """退回: whoever holds the current step sends the version back to the 经办人 as a draft, with a reason."""
    version = _locked(version)
    step = RETURN_ROLES.get(version.status)
    if step is None:
        raise ServiceError(f"该版本不能退回（当前状态：{version.get_status_display()}）。")
    allowed, role_label = step
    _refuse_unless(allowed(actor, version.publication.body, today), f"当前步骤只有{role_label}可以退回。")
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


# ---- later changes, repeal, interpretation ----


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
    copy.original.save(attachment.name, ContentFile(data), save=False)
    copy.save()


@transaction.atomic
def publication_new_version(
    *, actor, publication: Publication, change_note: str, formed_on: date, today: date
) -> PublicationVersion:
    """A change to a published item: a new draft copied from the published version, reviewed afresh."""
    publication = Publication.objects.select_for_update().select_related("body").get(pk=publication.pk)
    _refuse_unless(permissions.can_draft(actor, publication.body, today), "只有经办人可以起草新版本。")
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
    *, actor, publication: Publication, repealed_on: date, basis: str, today: date
) -> Publication:
    """废止 (负责人): the item stays published but is marked no longer valid from the date, with its basis."""
    publication = Publication.objects.select_for_update().select_related("body").get(pk=publication.pk)
    _refuse_unless(permissions.can_repeal(actor, publication.body, today), "只有负责人可以废止。")
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
    *, actor, interpretation: Publication, document: Publication | None, today: date
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
    audit_record(
        actor=actor,
        action="publishing.interprets",
        summary=f"政策解读 {interpretation.index_number} 关联文件 {document.index_number if document else '（无）'}",
        body=interpretation.body,
        target=interpretation,
        before={"interprets": before},
        after={"interprets": document.index_number if document else None},
    )
    _reindex(interpretation)
    return interpretation


# ---- the 目录 and the 索引号 rule (管理员) ----


@transaction.atomic
def catalogue_node_save(
    *,
    actor,
    body: Body,
    node: CatalogueNode | None,
    code: str,
    name: str,
    parent: CatalogueNode | None,
    position: int,
    update_every: str,
    today: date,
) -> CatalogueNode:
    """Add a column (node=None) or rename, move, reorder or reschedule one."""
    _refuse_unless(permissions.can_manage_catalogue(actor, body, today), "只有管理员可以修改公开目录。")
    if parent is not None and parent.body_id != body.id:
        raise ServiceError("上级栏目不属于本机关。")
    if node is not None and node.body_id != body.id:
        raise ServiceError("栏目不属于本机关。")
    if node is not None and parent is not None and _is_below(parent, node):
        raise ServiceError("不能把栏目移到它自己的下级。")
    if update_every not in {u.value for u in UpdateEvery}:
        raise ServiceError("更新周期无效。")
    before = _node_snapshot(node) if node else None
    node = node or CatalogueNode(body=body)
    node.code, node.name, node.parent, node.position, node.update_every = (
        code,
        name.strip(),
        parent,
        position,
        update_every,
    )
    clean_or_refuse(node)
    node.save()
    audit_record(
        actor=actor,
        action="publishing.catalogue_node",
        summary=f"{'修改' if before else '增加'}公开目录栏目“{node.name}”",
        body=body,
        target=node,
        before=before,
        after=_node_snapshot(node),
        legal_basis="《政府信息公开条例》第十二条",
    )
    return node


def _is_below(candidate: CatalogueNode, node: CatalogueNode) -> bool:
    current = candidate
    while current is not None:
        if current.pk == node.pk:
            return True
        current = current.parent
    return False


def _node_snapshot(node: CatalogueNode) -> dict[str, Any]:
    return {
        "code": node.code,
        "name": node.name,
        "parent": node.parent.code if node.parent else None,
        "position": node.position,
        "update_every": node.update_every,
    }


@transaction.atomic
def index_rule_set(*, actor, body: Body, rule: str, today: date) -> PublishingProfile:
    _refuse_unless(permissions.can_manage_catalogue(actor, body, today), "只有管理员可以修改索引号规则。")
    rule = rule.strip()
    try:
        check_index_rule(rule)
    except IndexRuleError as error:
        raise ServiceError(str(error)) from error
    profile, _ = PublishingProfile.objects.select_for_update().get_or_create(body=body)
    before = profile.index_rule
    profile.index_rule = rule
    profile.save()
    audit_record(
        actor=actor,
        action="publishing.index_rule",
        summary=f"索引号规则改为“{rule}”",
        body=body,
        target=profile,
        before={"index_rule": before},
        after={"index_rule": rule},
        legal_basis="《政府信息公开条例》第十二条",
    )
    return profile
