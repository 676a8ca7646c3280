"""Auditing a batch in the background: the request checks the bounds and keeps the uploads, a
worker audits them one file at a time, reporting files done, the current file and the errors
found so far; the batch page is the result page.

The audit itself is the one audit use case (core.reports.audit.audit_files, as for
`gongkai audit`), reached through `_audit_files`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.archive import ArchiveError
from gongkai.core.reports.audit import AuditResult, Progress, audit_files
from gongkai.jobs.models import Job
from gongkai.jobs.registry import job
from gongkai.jobs.services import job_enqueue
from gongkai.supervision import services
from gongkai.supervision.models import AuditBatch, AuditedFile, StagedUpload

if TYPE_CHECKING:
    from django.contrib.auth.models import User


KIND = "reports.audit_batch"


@atomic_with_files()
def audit_batch_enqueue(*, actor: User, owner, name: str, uploads: list[services.Upload]) -> Job:
    """Check what can be checked unread (a refused upload keeps nothing), keep the files, queue the audit."""
    batch, total = services.batch_open(actor=actor, owner=owner, name=name, uploads=uploads)
    for position, (file_name, content) in enumerate(uploads):
        staged = StagedUpload(batch=batch, position=position, name=file_name[:255])
        store(staged.file, file_name.rsplit("/", 1)[-1][-80:] or "upload", _bytes_of(content))
        staged.save()
    job = job_enqueue(
        kind=KIND,
        actor=actor,
        body=owner,
        result_url=reverse("audit-batch", args=[batch.pk]),
        batch_id=batch.pk,
    )
    Job.objects.filter(pk=job.pk).update(total=total)
    services.audit_batch(
        batch,
        actor=actor,
        action="reports.audit_queued",
        summary=f"提交年度报告检查{total}份（{batch.name}），后台进行",
        after={"files": total, "job": job.pk},
    )
    return job


def _bytes_of(content: bytes | BinaryIO) -> bytes:
    if isinstance(content, bytes):
        return content
    content.seek(0)
    return content.read()


def batch_job(batch: AuditBatch) -> Job | None:
    return Job.objects.filter(kind=KIND, args__batch_id=batch.pk).order_by("-pk").first()


def _audit_files(
    batch: AuditBatch, uploads: list[services.Upload], on_progress
) -> list[tuple[AuditedFile, AuditResult]]:
    """The batch through the one audit use case (core audit_files): every file stored in its own
    transaction as it is done, so that the progress is visible and a killed worker leaves at most
    one file; then the comparisons across the batch added to the rows stored."""
    audited: list[tuple[AuditedFile, AuditResult]] = []

    def keep(file_name: str, data: bytes | None, result: AuditResult) -> None:
        with atomic_with_files():
            audited.append((services._store(batch, file_name, data or b"", result), result))

    def starting(p: Progress) -> None:
        on_progress(done=p.done, current=p.current, problems=p.errors)

    try:
        audit_files(
            uploads,
            zip_limits=services.ZIP_LIMITS,
            refuse_broken_archives=True,
            max_pdf_pages=settings.MAX_REPORT_PAGES,
            on_file=keep,
            on_start=starting,
        )
    except ArchiveError as error:
        raise ServiceError(str(error)) from error
    on_progress(done=len(audited), current="跨文件核对", problems=sum(1 for _, r in audited if r.errors))
    with transaction.atomic():
        for row, result in audited:
            if result.across:
                services._set_result(row, result)
                row.save(update_fields=["errors", "warnings", "result"])
    return audited


def _undo_earlier_attempt(batch: AuditBatch) -> None:
    """A second attempt starts clean: the rows (and files) an interrupted one stored go first."""
    for row in batch.files.all():
        row.file.delete(save=False)
    batch.files.all().delete()


def _batch_discard(batch: AuditBatch, staged: list[StagedUpload]) -> None:
    """A batch whose uploads turned out unreadable goes whole; the job keeps the reason."""
    _undo_earlier_attempt(batch)
    for row in staged:
        row.file.delete(save=False)
    batch.delete()


@job(KIND, title="检查年度报告")
def audit_batch_job(progress, batch_id: int) -> str:
    batch = AuditBatch.objects.select_related("owner", "uploaded_by").get(pk=batch_id)
    _undo_earlier_attempt(batch)
    staged = list(batch.staged.all())
    files = [row.file.open("rb") for row in staged]
    try:
        audited = _audit_files(batch, [(row.name, f) for row, f in zip(staged, files, strict=True)], progress)
    except ServiceError:
        _batch_discard(batch, staged)  # a zip that fails when read: no half batch, no file kept
        raise
    finally:
        for f in files:
            f.close()
    results = [result for _, result in audited]
    with_errors = sum(1 for r in results if r.errors)
    with transaction.atomic():
        services.audit_batch(
            batch,
            actor=batch.uploaded_by,
            action="reports.audit",
            summary=f"检查年度报告{len(results)}份（{batch.name}）",
            after={"files": len(results), "with_errors": with_errors},
        )
        names = [row.file.name for row in staged]
        batch.staged.all().delete()
        transaction.on_commit(lambda: [StagedUpload.file.field.storage.delete(n) for n in names])
    progress(done=len(results), total=len(results), current="", problems=with_errors)
    return f"已检查{len(results)}份，其中{with_errors}份有错误。"
