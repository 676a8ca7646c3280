"""The queue's side: huey's tasks and its scheduler. Everything else works on Job rows.

Periodic jobs are enqueued as Job rows (so the 管理员 sees them and their failures) by the
scheduler of one consumer; the cron commands (send_reminders, close_abandoned_cases,
cleanup_uploads, refresh_deadlines, backfill_report_files) do the same work for those who prefer cron.
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


# The daily jobs, as (kind, hour, minute) in UTC (huey's "utc": True): 17:00 UTC is 01:00 in Beijing.
DAILY = [
    ("deadlines.refresh", 17, 0),
    ("applications.close_abandoned", 17, 30),
    ("uploads.cleanup", 19, 0),
    ("annual.report_files_backfill", 19, 30),
    ("applications.reminders", 23, 0),
]


def _daily(kind: str, hour: int, minute: int) -> None:
    def enqueue() -> None:
        services.periodic_job_enqueue(kind=kind)

    db_periodic_task(crontab(hour=str(hour), minute=str(minute)), name=f"daily:{kind}")(enqueue)


for _kind, _hour, _minute in DAILY:
    _daily(_kind, _hour, _minute)
