"""A deployment across machines, tried on one: two gunicorn app servers and a queue worker against
one PostgreSQL and one Redis (cache and queue), as in deploy/compose.yaml. A change made through
one server is seen through the other (the shared page cache emptied for both), and a job
submitted through one is run by the worker and followed through the other."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest

from conftest import skip_or_fail
from gongkai.core.reports.tests import builders
from gongkai.jobs.tests import workers
from gongkai.jobs.tests.http import Session

pytestmark = pytest.mark.postgres
REDIS = workers.queue_redis_url()  # emptied by the test
PASSWORD = "gongkai-demo-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"应用服务器（端口{port}）未启动")


@pytest.fixture
def deployment(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("需要 PostgreSQL（生产部署的数据库；CI 的 PostgreSQL 一轮运行此测试）")
    import redis

    try:
        redis.Redis.from_url(REDIS).flushdb()
    except redis.ConnectionError:
        skip_or_fail("Redis 未运行（127.0.0.1:6379）")
    database = workers.fresh_postgres(url, workers.dj_database_url.parse(url)["NAME"] + "_deploy")
    env = workers.worker_env(tmp_path, queue=REDIS, database_url=database)
    env.update(
        GONGKAI_DEBUG="false",
        GONGKAI_SECRET_KEY="two-servers-" + "x" * 50,
        GONGKAI_ALLOWED_HOSTS="127.0.0.1",
        GONGKAI_SECURE_COOKIES="false",
        GONGKAI_STATIC_ROOT=str(tmp_path / "static"),
        GONGKAI_MEDIA_ROOT=str(tmp_path / "uploads"),  # the shared upload store
        GONGKAI_CACHE_URL=REDIS,
        GONGKAI_LOG_LEVEL="WARNING",
    )
    workers.manage(env, "migrate", "--noinput", "-v", "0")
    workers.manage(env, "shell", "-c", "from gongkai.bodies.demo import load_demo; load_demo()")
    workers.manage(env, "collectstatic", "--noinput", "-v", "0")
    processes, bases = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            command = [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--workers", "1"]
            command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
            log = (tmp_path / f"server-{name}.log").open("w")
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and code
                    command,
                    cwd=workers.ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            wait_up(port)
            bases.append(f"http://127.0.0.1:{port}")
        processes.append(workers.start_worker(env, tmp_path / "worker.log"))
        yield bases
    finally:
        for process in processes:
            workers.stop(process)


def test_two_app_servers_and_a_worker_share_one_database_cache_and_queue(deployment):
    a, b = deployment
    citizen = Session(b)
    status, headers, page = citizen.get("/open/donghu/")
    assert status == 200 and "示范区东湖街道办事处" in page
    assert citizen.get("/open/donghu/")[1].get("X-Portal-Cache") == "hit"  # B keeps it rendered

    # The 管理员 renames the body through server A, from today.
    admin = Session(a)
    admin.login("donghu-gl", PASSWORD)
    today = time.strftime("%Y-%m-%d")
    status, _, _ = admin.post(
        "/bodies/donghu/edit/",
        {
            "name": "示范区东湖街道办事处（更名测试）",
            "level": "township",
            "office_name": "综合办",
            "effective_from": today,
        },
    )
    assert status == 302
    status, headers, page = citizen.get("/open/donghu/")
    assert "示范区东湖街道办事处（更名测试）" in page and headers.get("X-Portal-Cache") != "hit"

    # The 督查 submits a batch through server B; the worker audits it; A shows the progress.
    inspector = Session(b)
    inspector.login("zwgkb-dc", PASSWORD)
    _, _, form = inspector.get("/supervision/audits/")
    owner = re.search(r'<option value="(\d+)"[^>]*selected', form).group(1)
    reports = [
        (
            "files",
            f"第{i}份.html",
            builders.build_html(builders.report_blocks(seed=i, year=2023, org="示范区西山街道办事处")),
        )
        for i in range(3)
    ]
    status, headers, _ = inspector.post(
        "/supervision/audits/", {"owner": owner, "name": "两台服务器"}, reports
    )
    assert status == 302 and headers["Location"].startswith("/work/jobs/")
    job_path = headers["Location"]
    follower = Session(a)
    follower.login("zwgkb-dc", PASSWORD)

    def finished():
        state = json.loads(follower.get(job_path + "status.json")[2])
        return state if state["status"] in ("done", "failed") else None

    state = workers.wait_for(finished, timeout=120, every=0.5, what="处理进程完成检查")
    assert (state["status"], state["done"], state["total"]) == ("done", 3, 3), state
    status, _, page = follower.get(state["result_url"])
    assert status == 200 and "第0份.html" in page and "第2份.html" in page
