"""Use case: audit a batch of uploaded annual reports (files and zips) and keep the results.

Uploads are bounded before they are read: a file's size from what the upload declares, a zip
from its directory, a PDF's pages from its page tree. Files are then read, audited and stored
one at a time, so a batch of hundreds of reports holds one report in memory, not all of them;
the stored copies are deleted again if the batch is refused or fails part-way.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from django.conf import settings

from gongkai.auditlog.services import audit_record
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.archive import ArchiveError, ArchiveLimits, check_archive, is_archive
from gongkai.core.reports.audit import AuditResult, Progress, audit_files
from gongkai.core.reports.export import result_json
from gongkai.core.reports.readers.sniff import sniff
from gongkai.core.upload_limits import UploadRefused, refuse_oversized
from gongkai.supervision.models import AuditBatch, AuditedFile

if TYPE_CHECKING:
    from django.contrib.auth.models import User


MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_FILES = 500
# Real reports compress at most about 10:1 (text and HTML); 490 members of 1 MB in a 3.8 MB zip
# (130:1) would have written 470 MB to the store.
ZIP_LIMITS = ArchiveLimits(
    max_members=MAX_FILES, max_member_bytes=MAX_FILE_BYTES, max_total_bytes=200 * 1024 * 1024, max_ratio=50
)

# An upload: its name and its content, as bytes or as an open binary file (Django's UploadedFile).
Upload = tuple[str, bytes | BinaryIO]


def audit_batch(batch: AuditBatch, *, actor: User | None, action: str, summary: str, **change: Any) -> None:
    """The audit entry of a batch of annual reports checked: filed under the body that checks them."""
    audit_record(actor=actor, action=action, summary=summary, body=batch.owner, target=batch, **change)


def _size(content: bytes | BinaryIO) -> int:
    if isinstance(content, bytes):
        return len(content)
    return content.size if hasattr(content, "size") else content.seek(0, io.SEEK_END)


def _check_uploads(uploads: list[Upload]) -> int:
    """Every bound that can be checked without reading a file: sizes, zip directories, the count."""
    count = 0
    for name, content in uploads:
        try:
            if is_archive(content):
                count += check_archive(content, name, ZIP_LIMITS)
            else:
                refuse_oversized(name, _size(content), MAX_FILE_BYTES)
                count += 1
        except (ArchiveError, UploadRefused) as error:
            raise ServiceError(str(error)) from error
        if count > MAX_FILES:
            raise ServiceError(f"一次最多检查{MAX_FILES}份文件。")
    if not count:
        raise ServiceError("没有可检查的文件。")
    return count


def batch_open(*, actor: User, owner, name: str, uploads: list[Upload]) -> tuple[AuditBatch, int]:
    """A new batch for uploads that pass what can be checked unread (ServiceError if not), and the
    number of reports they hold; the caller's transaction keeps it or rolls it back."""
    total = _check_uploads(uploads)
    batch = AuditBatch.objects.create(owner=owner, name=name.strip() or "年报检查", uploaded_by=actor)
    return batch, total


@atomic_with_files()
def audit_batch_create(
    *,
    actor: User,
    owner,
    name: str,
    uploads: list[Upload],
    on_progress: Callable[[Progress], None] | None = None,
) -> AuditBatch:
    """Audit the uploads (core audit_files) and keep each file with its result; all or nothing."""
    batch, total = batch_open(actor=actor, owner=owner, name=name, uploads=uploads)
    stored: list[tuple[AuditedFile, AuditResult]] = []

    def keep(file_name: str, data: bytes | None, result: AuditResult) -> None:
        stored.append((_store(batch, file_name, data or b"", result), result))

    try:
        results = audit_files(
            uploads,
            zip_limits=ZIP_LIMITS,
            refuse_broken_archives=True,
            max_pdf_pages=settings.MAX_REPORT_PAGES,
            total=total,
            on_file=keep,
            on_progress=on_progress,
        )
    except ArchiveError as error:
        raise ServiceError(str(error)) from error
    for row, result in stored:  # the comparisons across the batch, added to the rows already stored
        if result.across:
            _set_result(row, result)
            row.save(update_fields=["errors", "warnings", "result"])
    audit_batch(
        batch,
        actor=actor,
        action="reports.audit",
        summary=f"检查年度报告{len(results)}份（{batch.name}）",
        after={"files": len(results), "with_errors": sum(1 for r in results if r.errors)},
    )
    return batch


def _set_result(row: AuditedFile, result: AuditResult) -> None:
    row.errors = result.errors
    row.warnings = result.warnings
    row.result = result_json(result)


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
    )
    _set_result(audited, result)
    store(audited.file, name.rsplit("/", 1)[-1].replace("!", "_")[-80:] or "report", data)
    audited.save()
    return audited
