"""Use cases: put a job on the queue (the view then shows its progress page)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from gongkai.auditlog.services import audit_record
from gongkai.jobs.models import Job
from gongkai.jobs.registry import JOBS

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def job_enqueue(*, kind: str, actor: User | None = None, body=None, result_url: str = "", **args) -> Job:
    """A Job row, and "run job N" sent once the surrounding transaction commits (so a worker never
    sees a job whose data is not there yet, and a rolled-back request sends nothing)."""
    from gongkai.jobs.tasks import run_job

    job = Job.objects.create(
        kind=kind,
        args=args,
        max_attempts=JOBS[kind].max_attempts,
        body=body,
        created_by=actor,
        result_url=result_url,
        run_after=timezone.now(),
    )
    transaction.on_commit(lambda: run_job(job.pk))
    return job


def periodic_job_enqueue(*, kind: str, now=None) -> Job | None:
    """The scheduler's daily job, unless one of the kind was already queued in the last 12 hours
    (a second scheduler, a restart within the minute)."""
    now = now or timezone.now()
    if Job.objects.filter(kind=kind, created_at__gte=now - timedelta(hours=12)).exists():
        return None
    with transaction.atomic():
        job = job_enqueue(kind=kind)
        audit_record(actor=None, action="jobs.schedule", summary=f"定时任务：{JOBS[kind].title}", target=job)
    return job


def job_retry(*, actor: User, job: Job) -> Job:
    """The 管理员 sends a failed job once more, with a fresh attempt budget."""
    from gongkai.jobs.tasks import run_job

    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
            status=Job.Status.QUEUED, attempts=0, run_after=timezone.now(), finished_at=None
        )
        if updated:
            audit_record(
                actor=actor,
                action="jobs.retry",
                summary=f"重新运行失败的任务：{JOBS[job.kind].title}",
                body=job.body,
                target=job,
            )
            transaction.on_commit(lambda: run_job(job.pk))
    job.refresh_from_db()
    return job
