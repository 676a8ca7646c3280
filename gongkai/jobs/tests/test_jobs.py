"""The job rules in one process: retries within the limit, failures shown to the 管理员, a dead
worker's job taken over by the sweeper, progress on the page, the scheduler's daily jobs.
(Real workers killed for real: test_workers.py.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from gongkai.auditlog.models import AuditEntry
from gongkai.core.reports.tests import builders
from gongkai.jobs import runner, services
from gongkai.jobs.models import Job
from gongkai.supervision.models import AuditBatch, AuditedFile

pytestmark = pytest.mark.django_db


def report(seed: int) -> bytes:
    return builders.build_html(builders.report_blocks(seed=seed, year=2023, org=f"示范区第{seed}街道办事处"))


def upload(client, cast, count: int):
    files = [SimpleUploadedFile(f"报告{i}.html", report(i)) for i in range(count)]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/supervision/audits/", {"owner": cast.office.pk, "name": "一批", "files": files})


def due_now(job: Job) -> None:
    """Skip the wait before the next attempt (the retry delay)."""
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() - timedelta(seconds=1))


def test_a_failing_job_is_retried_up_to_its_limit_then_shown_failed_and_run_again(client, cast, monkeypatch):
    def cross_checks_down(*args, **kwargs):
        raise RuntimeError("跨文件核对暂时不可用")

    # Fails after every file of the batch was audited and stored.
    monkeypatch.setattr("gongkai.core.reports.audit.cross_checks", cross_checks_down)
    client.force_login(cast.inspector)
    upload(client, cast, 3)  # the first attempt runs when the request commits
    job = Job.objects.get()
    assert (job.status, job.attempts) == (Job.Status.QUEUED, 1) and "跨文件核对暂时不可用" in job.error
    assert job.run_after > timezone.now() and AuditedFile.objects.count() == 3
    assert runner.job_run(job.pk) is None  # not before its time
    for attempt in (2, 3):
        due_now(job)
        ended = runner.job_run(job.pk)
        assert ended.attempts == attempt
    assert ended.status == Job.Status.FAILED and "跨文件核对暂时不可用" in ended.error
    due_now(job)
    assert runner.job_run(job.pk) is None and Job.objects.get(pk=job.pk).attempts == 3  # the limit holds

    # The administrator sees it first in the list, with the reason, and can run it again.
    client.force_login(cast.superuser)
    listing = client.get("/work/jobs/").content.decode()
    assert "有1个任务失败" in listing and "检查年度报告" in listing and "跨文件核对暂时不可用" in listing
    page = client.get(f"/work/jobs/{job.pk}/").content.decode()
    assert "任务失败" in page and "重新运行" in page
    assert "1个后台任务失败" in client.get("/work/").content.decode()  # on 今日待办, and in the menu:
    assert 'href="/work/jobs/">后台任务</a>' in page
    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/work/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total) == (Job.Status.DONE, 1, 3, 3)
    # Idempotent: four attempts in all stored each file once.
    assert AuditedFile.objects.count() == 3 and AuditBatch.objects.count() == 1
    assert AuditEntry.objects.filter(action="jobs.retry").count() == 1


def test_the_sweeper_reruns_a_dead_workers_job_and_leaves_a_live_one(cast):
    now = timezone.now()
    stale = now - timedelta(seconds=200)
    dead = Job.objects.create(
        kind="uploads.cleanup", status=Job.Status.RUNNING, attempts=1, run_after=stale, heartbeat_at=stale
    )
    alive = Job.objects.create(
        kind="uploads.cleanup", status=Job.Status.RUNNING, attempts=1, run_after=stale, heartbeat_at=now
    )
    lost = Job.objects.create(kind="uploads.cleanup", run_after=stale)  # its message died with a worker
    assert sorted(runner.jobs_sweep()) == sorted([dead.pk, lost.pk])
    dead.refresh_from_db(), alive.refresh_from_db(), lost.refresh_from_db()
    assert (dead.status, dead.attempts) == (Job.Status.DONE, 2)
    assert (lost.status, lost.attempts) == (Job.Status.DONE, 1)
    assert (alive.status, alive.attempts) == (Job.Status.RUNNING, 1)
    assert runner.job_run(alive.pk) is None  # another worker holds it


def test_a_job_that_kills_its_worker_every_time_stops_at_its_limit(cast):
    stale = timezone.now() - timedelta(seconds=200)
    job = Job.objects.create(
        kind="uploads.cleanup", status=Job.Status.RUNNING, attempts=3, run_after=stale, heartbeat_at=stale
    )
    runner.jobs_sweep()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "已尝试3次" in job.error


def running_audit(cast, **progress) -> Job:
    """A batch audit of the 政务公开办 that a worker is running, this far."""
    return Job.objects.create(
        kind="reports.audit_batch",
        body=cast.office,
        created_by=cast.inspector,
        status=Job.Status.RUNNING,
        attempts=1,
        run_after=timezone.now(),
        **progress,
    )


def test_the_progress_page_shows_files_done_the_current_file_and_errors_and_reloads(client, cast):
    job = running_audit(cast, done=2, total=5, current="批次.zip!西山街道.pdf", problems=1)
    client.force_login(cast.inspector)
    page = client.get(f"/work/jobs/{job.pk}/").content.decode()
    assert '<progress id="job-progress" max="5" value="2">40%</progress>' in page
    assert "2 / 5（40%）" in page and "批次.zip!西山街道.pdf" in page
    assert '<span class="job-problems">1</span>' in page
    assert '<meta http-equiv="refresh" content="2">' in page and "<script>" not in page
    status = client.get(f"/work/jobs/{job.pk}/status.json").json()
    assert (status["done"], status["total"], status["percent"], status["problems"]) == (2, 5, 40, 1)
    client.force_login(cast.outsider)
    assert client.get(f"/work/jobs/{job.pk}/").status_code == 403


def test_an_uploaded_batch_reports_progress_file_by_file(client, cast, monkeypatch):
    seen = []
    real = runner.Progress.__call__

    def record(self, **fields):
        real(self, **fields)
        seen.append((self.job.done, self.job.total, self.job.current, self.job.problems))

    monkeypatch.setattr(runner.Progress, "__call__", record)
    client.force_login(cast.inspector)
    broken = SimpleUploadedFile("坏.pdf", b"%PDF-1.4 broken")
    files = [SimpleUploadedFile("好.html", report(0)), broken]
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/supervision/audits/", {"owner": cast.office.pk, "name": "两份", "files": files})
    # Before each file: its name and the files with errors so far; then the cross-checks; then done.
    assert seen == [(0, 2, "好.html", 0), (1, 2, "坏.pdf", 0), (2, 2, "跨文件核对", 1), (2, 2, "", 1)]


def test_the_scheduler_queues_each_daily_job_once(cast):
    first = services.periodic_job_enqueue(kind="deadlines.refresh")
    assert services.periodic_job_enqueue(kind="deadlines.refresh") is None  # a second scheduler
    assert Job.objects.filter(kind="deadlines.refresh").count() == 1
    later = services.periodic_job_enqueue(kind="deadlines.refresh", now=timezone.now() + timedelta(hours=13))
    assert later is not None and later.pk != first.pk
    assert AuditEntry.objects.filter(action="jobs.schedule").count() == 2


@pytest.mark.parametrize(
    ("kind", "summary"),
    [
        ("deadlines.refresh", "答复期限变化"),
        ("applications.close_abandoned", "共终止"),
        ("applications.reminders", "共提醒"),
        ("uploads.cleanup", "已删除0个孤立文件"),
        ("annual.report_files_backfill", "补生成下载文件"),
    ],
)
def test_each_daily_job_runs_on_the_queue(cast, kind, summary, mailoutbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = services.job_enqueue(kind=kind)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and summary in job.summary, (job.status, job.summary, job.error)


def test_a_calendar_import_in_the_web_re_dates_open_cases_in_the_background(client, cast):
    import json
    from datetime import date

    from gongkai.applications.tests.test_register import register

    application = register(cast, received_on=date(2026, 12, 15), today=date(2026, 12, 15))
    assert application.due_on == date(2027, 1, 12)  # weekends only while 2027 is unknown
    data = {
        "year": 2027,
        "notice": "国务院办公厅关于2027年部分节假日安排的通知（示例）",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "makeup_workdays": [],
    }
    client.force_login(cast.superuser)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/work/calendar/", {"data": json.dumps(data), "reason": "示例数据"})
    job = Job.objects.get(kind="deadlines.refresh")
    assert response.status_code == 302 and response["Location"] == f"/work/jobs/{job.pk}/"
    assert job.status == Job.Status.DONE and job.summary.startswith("答复期限变化1件")
    application.refresh_from_db()
    assert application.due_on == date(2027, 1, 13)
    entry = AuditEntry.objects.get(action="application.due_recomputed")
    assert entry.actor_id == cast.superuser.pk  # the importer answers for the moved date
    assert 'href="/work/calendar/"' in client.get(response["Location"]).content.decode()


def test_hostile_requests_to_the_job_pages(client, cast):
    job = Job.objects.create(
        kind="uploads.cleanup", body=cast.body, status=Job.Status.DONE, attempts=1, run_after=timezone.now()
    )
    client.force_login(cast.admin)
    missing = client.get("/work/jobs/999999/")
    assert missing.status_code == 404 and "页面不存在" in missing.content.decode()
    assert client.get("/work/jobs/abc/").status_code == 404
    assert client.get("/work/jobs/-1/status.json").status_code == 404
    assert client.get(f"/work/jobs/{job.pk}/retry/").status_code == 405  # only a POST runs it again
    # Running a finished job again does nothing and logs nothing.
    before = AuditEntry.objects.count()
    assert client.post(f"/work/jobs/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, AuditEntry.objects.count()) == (Job.Status.DONE, 1, before)
    client.force_login(cast.other_admin)  # 管理员 of another body
    assert client.post(f"/work/jobs/{job.pk}/retry/").status_code == 403
    assert client.get(f"/work/jobs/{job.pk}/status.json").status_code == 403


def test_a_job_of_an_unknown_kind_fails_with_its_name(cast):
    job = Job.objects.create(kind="no.such.kind", max_attempts=1, run_after=timezone.now())
    ended = runner.job_run(job.pk)
    assert ended.status == Job.Status.FAILED and "未知的任务类型：no.such.kind" in ended.error
