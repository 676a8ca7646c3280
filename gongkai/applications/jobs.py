"""The daily jobs of 依申请公开 and the deadline refresh, as queue jobs (the cron commands in
management/commands do the same work). Each is idempotent: a second run finds nothing to change."""

from __future__ import annotations

from django.utils import timezone

from gongkai.applications.handling import close_abandoned
from gongkai.applications.reminders import reminders_send
from gongkai.jobs.registry import job
from gongkai.registry.deadlines import deadlines_refresh


@job("deadlines.refresh", title="重新核对答复期限和公开期限")
def refresh_deadlines_job(progress, reason: str = "每日核对") -> str:
    progress(done=0, total=1, current="办理中申请和主动公开信息")
    # Whoever imported the calendar answers for the moved dates in the audit log; the daily run, no one.
    moved = deadlines_refresh(actor=progress.job.created_by, reason=reason)
    progress(done=1)
    return f"答复期限变化{moved['applications']}件，主动公开期限变化{moved['publishing']}条。"


@job("applications.close_abandoned", title="终止视为放弃的申请")
def close_abandoned_job(progress) -> str:
    closed = close_abandoned(today=timezone.localdate())
    progress(done=len(closed), total=len(closed))
    return f"共终止{len(closed)}件。"


# One attempt: a retry after a half-sent batch would e-mail some clerks twice.
@job("applications.reminders", title="发送到期提醒", max_attempts=1)
def reminders_job(progress) -> str:
    digests = reminders_send(today=timezone.localdate())
    progress(done=len(digests), total=len(digests))
    return f"共提醒{len(digests)}人。"
