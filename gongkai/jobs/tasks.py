"""The queue's side: huey's tasks and its scheduler. Everything else works on Job rows.

Periodic jobs are enqueued as Job rows (so the 管理员 sees them and their failures) by the
scheduler of one consumer; the cron commands (send_reminders, close_abandoned_cases,
cleanup_uploads, refresh_deadlines) do the same work for those who prefer cron.
"""

from __future__ import annotations

from django.db import close_old_connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from gongkai.jobs import runner, services


@db_task()
def run_job(job_id: int) -> None:
    runner.job_run(job_id)


@db_periodic_task(crontab(minute="*"))
def sweep_jobs() -> None:
    runner.jobs_sweep()


@on_startup()
def sweep_on_start() -> None:
    """A worker (re)started after a crash picks up the jobs of dead workers at once, not at the
    next minute."""
    close_old_connections()
    runner.jobs_sweep()
    close_old_connections()


# huey's crontab is in UTC ("utc": True): 17:00 UTC is 01:00 in Beijing.
@db_periodic_task(crontab(hour="17", minute="0"))
def daily_refresh_deadlines() -> None:
    services.periodic_job_enqueue(kind="deadlines.refresh")


@db_periodic_task(crontab(hour="17", minute="30"))
def daily_close_abandoned() -> None:
    services.periodic_job_enqueue(kind="applications.close_abandoned")


@db_periodic_task(crontab(hour="19", minute="0"))
def daily_cleanup_uploads() -> None:
    services.periodic_job_enqueue(kind="uploads.cleanup")


@db_periodic_task(crontab(hour="23", minute="0"))
def daily_reminders() -> None:
    services.periodic_job_enqueue(kind="applications.reminders")
