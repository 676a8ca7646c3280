"""Auditing a batch in the background: the request checks the bounds and keeps the uploads, a
worker audits them one file at a time, reporting files done, the current file and the errors
found so far; the batch page is the result page.

The audit itself is reached through `_audit_files` only, so that it can be pointed at the single
audit use case (with its on_progress callback) when that lands.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from gongkai.auditlog.services import audit_record
from gongkai.bodies.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.reports.audit import AuditResult
from gongkai.jobs.models import Job
from gongkai.jobs.registry import job
from gongkai.jobs.services import job_enqueue
from gongkai.supervision import services
from gongkai.supervision.models import AuditBatch, AuditedFile, StagedUpload

KIND = "reports.audit_batch"


@atomic_with_files()
def audit_batch_enqueue(*, actor, owner, name: str, uploads: list[services.Upload]) -> Job:
    """Check what can be checked unread (a refused upload keeps nothing), keep the files, queue the audit."""
    total = services._check_uploads(uploads)
    batch = AuditBatch.objects.create(owner=owner, name=name.strip() or "年报检查", uploaded_by=actor)
    for position, (file_name, content) in enumerate(uploads):
        staged = StagedUpload(batch=batch, position=position, name=file_name[:255])
        store(staged.file, file_name.rsplit("/", 1)[-1][-80:] or "upload", services._read(content))
        staged.save()
    job = job_enqueue(
        kind=KIND,
        actor=actor,
        body=owner,
        result_url=reverse("audit-batch", args=[batch.pk]),
        batch_id=batch.pk,
    )
    Job.objects.filter(pk=job.pk).update(total=total)
    audit_record(
        actor=actor,
        action="reports.audit_queued",
        summary=f"提交年度报告检查{total}份（{batch.name}），后台进行",
        body=owner,
        target=batch,
        after={"files": total, "job": job.pk},
    )
    return job


def batch_job(batch: AuditBatch) -> Job | None:
    return Job.objects.filter(kind=KIND, args__batch_id=batch.pk).order_by("-pk").first()


def _audit_files(
    batch: AuditBatch, uploads: list[services.Upload], on_progress
) -> list[tuple[AuditedFile, AuditResult]]:
    """The adapter over the audit code: every file read, audited and stored, in its own
    transaction so that the progress is visible and a killed worker leaves at most one file."""
    audited: list[tuple[AuditedFile, AuditResult]] = []
    with_errors = 0
    for done, (file_name, data) in enumerate(services._files(uploads)):
        on_progress(done=done, current=file_name, problems=with_errors)
        result = services._audit(data, file_name)
        with atomic_with_files():
            audited.append((services._store(batch, file_name, data, result), result))
        with_errors += bool(result.errors)
    on_progress(done=len(audited), current="跨文件核对", problems=with_errors)
    with transaction.atomic():
        services._add_cross_checks(audited)
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
        audit_record(
            actor=batch.uploaded_by,
            action="reports.audit",
            summary=f"检查年度报告{len(results)}份（{batch.name}）",
            body=batch.owner,
            target=batch,
            after={"files": len(results), "with_errors": with_errors},
        )
        names = [row.file.name for row in staged]
        batch.staged.all().delete()
        transaction.on_commit(lambda: [StagedUpload.file.field.storage.delete(n) for n in names])
    progress(done=len(results), total=len(results), current="", problems=with_errors)
    return f"已检查{len(results)}份，其中{with_errors}份有错误。"
