"""Real workers, really killed: a job whose worker dies mid-way runs again to completion, on the
embedded queue (SQLite file) and on Redis, against SQLite and, with DATABASE_URL, PostgreSQL."""

from __future__ import annotations

import os
import time

import pytest

from conftest import skip_or_fail
from gongkai.jobs.tests import workers

FILES = 60

# Run in the workers' database by `manage.py shell`: a body, a supervisor, and a batch of FILES
# real reports queued for auditing (the request's use case, so the message goes to the queue).
ENQUEUE = f"""
from datetime import date
from django.contrib.auth import get_user_model
from gongkai.bodies.models import Body
from gongkai.core.reports.tests import builders
from gongkai.supervision.jobs import audit_batch_enqueue
body, _ = Body.objects.get_or_create(code="shiyan", defaults=dict(credit_code="11000000000000000X", established_on=date(2020, 1, 1)))
user, _ = get_user_model().objects.get_or_create(username="dc")
uploads = [
    (f"报告{{i:03}}.html", builders.build_html(builders.report_blocks(seed=i, year=2023, org=f"示范区第{{i}}街道办事处")))
    for i in range({FILES})
]
job = audit_batch_enqueue(actor=user, owner=body, name="杀进程测试", uploads=uploads)
print("JOB", job.pk)
"""


def _redis_or_skip(url: str) -> str:
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except redis.ConnectionError:
        skip_or_fail("Redis 未运行（127.0.0.1:6379）")
    return url


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The workers' database, migrated once for the module."""
    tmp = tmp_path_factory.mktemp("workers-db")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        url = workers.fresh_postgres(url, workers.dj_database_url.parse(url)["NAME"] + "_workers")
    else:
        url = f"sqlite:///{tmp / 'workers.sqlite3'}"
    workers.manage(
        workers.worker_env(tmp, queue="sqlite", database_url=url), "migrate", "--noinput", "-v", "0"
    )
    return url


# The Redis database is emptied by the test.
REDIS = workers.queue_redis_url()


@pytest.mark.parametrize("queue", ["sqlite", REDIS])
def test_a_killed_workers_job_runs_again_to_completion(database, tmp_path, queue):
    if queue.startswith("redis"):
        _redis_or_skip(queue)
    env = workers.worker_env(tmp_path, queue=queue, database_url=database)
    job_id = int(workers.manage(env, "shell", "-c", ENQUEUE).split("JOB")[-1])

    def job_row():
        sql = f"SELECT status, done, total, attempts FROM jobs_job WHERE id = {job_id:d}"  # noqa: S608 - an int
        return workers.query(database, sql)[0]

    first = workers.start_worker(env, tmp_path / "worker1.log")
    try:
        # Kill it in the middle: some files audited, most not.
        workers.wait_for(
            lambda: job_row()[1] >= 3,
            timeout=120,
            what=lambda: "第一个处理进程开始检查\n" + (tmp_path / "worker1.log").read_text()[-3000:],
        )
        workers.kill(first)
    finally:
        workers.stop(first)
    status, done, total, attempts = job_row()
    assert (status, attempts, total) == ("running", 1, FILES) and 3 <= done < FILES, job_row()

    # A new worker comes up once the dead one's lease (3 s here) is over, and takes the job over.
    time.sleep(3.5)
    second = workers.start_worker(env, tmp_path / "worker2.log")
    try:
        workers.wait_for(
            lambda: job_row()[0] == "done",
            timeout=240,
            what=lambda: "第二个处理进程完成任务\n" + (tmp_path / "worker2.log").read_text()[-3000:],
        )
    finally:
        workers.stop(second)
    status, done, total, attempts = job_row()
    assert (status, done, total, attempts) == ("done", FILES, FILES, 2)
    rows = workers.query(
        database,
        "SELECT count(*), count(DISTINCT name) FROM supervision_auditedfile "
        "WHERE batch_id = (SELECT max(id) FROM supervision_auditbatch)",
    )
    # Every file audited exactly once: the first attempt's rows were replaced, not doubled.
    assert rows == [(FILES, FILES)]
    staged = workers.query(database, "SELECT count(*) FROM supervision_stagedupload")
    assert staged == [(0,)]
