"""Use case: audit a batch of uploaded annual reports (files and zips) and keep the results."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.auditlog.services import audit_record
from gongkai.bodies.services import ServiceError
from gongkai.core.archive import ArchiveError, ArchiveLimits, read_members
from gongkai.core.reports.audit import AuditResult, audit_bytes
from gongkai.core.reports.cross import cross_checks
from gongkai.core.reports.export import result_json
from gongkai.core.reports.readers.sniff import sniff
from gongkai.supervision.models import AuditBatch, AuditedFile

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_FILES = 500
ZIP_LIMITS = ArchiveLimits(
    max_members=MAX_FILES, max_member_bytes=MAX_FILE_BYTES, max_total_bytes=500 * 1024 * 1024
)


def expand_uploads(uploads: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Zips become their members; sizes and counts are limited. Raises ServiceError in Chinese."""
    files: list[tuple[str, bytes]] = []
    for name, data in uploads:
        if len(data) > MAX_FILE_BYTES and not name.lower().endswith(".zip"):
            raise ServiceError(f"{name}：文件过大（上限{MAX_FILE_BYTES // 2**20} MB）。")
        if sniff(data, name) == "zip":
            try:
                files += [(f"{name}!{m.name}", m.data) for m in read_members(data, name, ZIP_LIMITS)]
            except ArchiveError as error:
                raise ServiceError(str(error)) from error
        else:
            files.append((name, data))
        if len(files) > MAX_FILES:
            raise ServiceError(f"一次最多检查{MAX_FILES}份文件。")
    if not files:
        raise ServiceError("没有可检查的文件。")
    return files


@transaction.atomic
def audit_batch_create(*, actor, owner, name: str, uploads: list[tuple[str, bytes]]) -> AuditBatch:
    files = expand_uploads(uploads)
    results = [audit_bytes(data, file_name) for file_name, data in files]
    across = cross_checks([(r.name, r.report) for r in results if r.report])
    batch = AuditBatch.objects.create(owner=owner, name=name.strip() or "年报检查", uploaded_by=actor)
    for (file_name, data), result in zip(files, results, strict=True):
        result.findings += across.get(result.name, [])
        _store(batch, file_name, data, result)
    audit_record(
        actor=actor,
        action="reports.audit",
        summary=f"检查年度报告{len(files)}份（{batch.name}）",
        body=owner,
        target=batch,
        after={"files": len(files), "with_errors": sum(1 for r in results if r.errors)},
    )
    return batch


def _store(batch: AuditBatch, name: str, data: bytes, result: AuditResult) -> AuditedFile:
    report = result.report
    audited = AuditedFile(
        batch=batch,
        name=name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        kind=sniff(data, name),
        body_name=(report.body_name if report else "")[:100],
        year=report.year if report else None,
        template=report.template if report else "",
        errors=result.errors,
        warnings=sum(1 for f in result.findings if f.severity == "warning"),
        result=result_json(result),
    )
    audited.file.save(
        name.rsplit("/", 1)[-1].replace("!", "_")[-80:] or "report", ContentFile(data), save=False
    )
    audited.save()
    return audited
