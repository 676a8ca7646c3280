"""Running a job at least once, whatever happens to the worker.

huey hands a message to one worker and forgets it, so a worker killed mid-job would lose the job.
The Job row carries the guarantee instead: a worker claims the row (a compare-and-set UPDATE, so
two workers given the same message never both run it), touches `heartbeat_at` from a side thread
while the job runs, and records the outcome. `jobs_sweep` (periodic) sends "run job N" again for
every queued job past its time and every running job whose heartbeat is older than the lease: a
killed worker's job runs again. Each claim counts an attempt, a killed one too, so a job that
kills its worker every time stops at its limit instead of looping.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from gongkai.common.services import ServiceError
from gongkai.jobs.models import Job
from gongkai.jobs.registry import JOBS

log = logging.getLogger(__name__)
Status = Job.Status


def lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


class Progress:
    """What a job function reports as it goes; every report is also a heartbeat."""

    def __init__(self, job: Job):
        self.job = job

    def __call__(
        self, *, done: int, total: int | None = None, current: str = "", problems: int | None = None
    ):
        fields = {"done": done, "current": current[:255], "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        if problems is not None:
            fields["problems"] = problems
        Job.objects.filter(pk=self.job.pk, status=Status.RUNNING, attempts=self.job.attempts).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)


def _claim(job_id: int) -> Job | None:
    """This worker's attempt, or None when the job is finished, held by a live worker, or taken."""
    job = Job.objects.filter(pk=job_id).first()
    now = timezone.now()
    if job is None or job.finished:
        return None
    if job.status == Status.RUNNING and job.heartbeat_at and job.heartbeat_at > now - lease():
        return None
    if job.status == Status.QUEUED and job.run_after > now:
        return None
    if job.attempts >= job.max_attempts:
        _fail(job, f"已尝试{job.attempts}次仍未完成（处理进程可能中途退出），不再重试。")
        return None
    claimed = Job.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
        status=Status.RUNNING, attempts=job.attempts + 1, started_at=now, heartbeat_at=now, error=""
    )
    if not claimed:
        return None  # another worker claimed it between our read and our write
    job.refresh_from_db()
    return job


def _fail(job: Job, error: str) -> None:
    Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
        status=Status.FAILED, error=error, finished_at=timezone.now()
    )


def _heartbeat(job: Job, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.JOB_LEASE_SECONDS / 3):
            Job.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=job.attempts).update(
                heartbeat_at=timezone.now()
            )
    finally:
        connection.close()  # this thread's own connection


def retry_delay(attempts: int) -> timedelta:
    """Wait longer after each failure: 10 s, 40 s, 90 s, ... (a busy database gets a rest)."""
    return timedelta(seconds=settings.JOB_RETRY_SECONDS * attempts * attempts)


def job_run(job_id: int) -> Job | None:
    """Run job N once if it is due; what the queue's message does. Returns the job as it ended."""
    job = _claim(job_id)
    if job is None:
        return None
    kind = JOBS.get(job.kind)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(job, stop), daemon=True)
    beat.start()
    try:
        if kind is None:
            raise LookupError(f"未知的任务类型：{job.kind}")
        summary = kind.function(Progress(job), **job.args)
    except ServiceError as error:
        _fail(job, "；".join(error.messages))  # refused input: another attempt would be refused the same way
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the job and retried
        log.exception("job %s failed (attempt %s)", job, job.attempts)
        message = f"{type(error).__name__}: {error}"
        if job.attempts < job.max_attempts:
            Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
                status=Status.QUEUED, error=message, run_after=timezone.now() + retry_delay(job.attempts)
            )
            _send_later(job.pk, retry_delay(job.attempts))
        else:
            _fail(job, message)  # the traceback is in the worker's log
    else:
        Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
            status=Status.DONE, summary=(summary or "")[:255], current="", finished_at=timezone.now()
        )
    finally:
        stop.set()
        beat.join()
    job.refresh_from_db()
    return job


def _send_later(job_id: int, delay: timedelta) -> None:
    from gongkai.jobs.tasks import run_job

    run_job.schedule((job_id,), delay=delay.total_seconds())


def jobs_sweep(*, now=None) -> list[int]:
    """Send again every job that should be running and is not: queued past its time (its message
    may have died with a worker) and running with a stale heartbeat (its worker died)."""
    from gongkai.jobs.tasks import run_job

    now = now or timezone.now()
    due = list(
        Job.objects.filter(status=Status.QUEUED, run_after__lte=now - lease()).values_list("pk", flat=True)
    ) + list(
        Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=now - lease()).values_list("pk", flat=True)
    )
    for job_id in due:
        run_job(job_id)
    return due
