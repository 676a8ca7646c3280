"""Real worker processes for tests: a database and a queue of their own, `manage.py run_huey`
started and killed like a deployment's would be. Not a pytest-django database: the workers are
other processes and must see committed rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[3]


def worker_env(tmp: Path, *, queue: str, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        GONGKAI_DEBUG="true",
        GONGKAI_VAR_DIR=str(tmp),
        GONGKAI_QUEUE_IMMEDIATE="false",
        GONGKAI_QUEUE_FILE=str(tmp / "queue.sqlite3"),
        GONGKAI_JOB_LEASE_SECONDS="3",
        GONGKAI_JOB_RETRY_SECONDS="1",
        DATABASE_URL=database_url,
    )
    if queue.startswith("redis://"):
        env["GONGKAI_QUEUE_URL"] = queue
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    out = log.open("a")
    return subprocess.Popen(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no chance to finish, clean up or say goodbye, as when a machine dies."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill(process)


def query(database_url: str, sql: str) -> list[tuple]:
    """Read the workers' database from outside Django (the test process has its own)."""
    config = dj_database_url.parse(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(config["NAME"]) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(sql).fetchall()


def fresh_postgres(database_url: str, name: str) -> str:
    """A new empty database beside the one of DATABASE_URL."""
    import psycopg

    config = dj_database_url.parse(database_url)
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    assert config["NAME"] != name
    return database_url.rsplit("/", 1)[0] + "/" + name


def wait_for(predicate, *, timeout: float, every: float = 0.1, what=""):
    """predicate() until it is true; `what` (a text, or a function giving one, e.g. a log) names
    what was awaited when it times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"等待超时（{timeout}秒）：{what() if callable(what) else what}")


def queue_redis_url() -> str:
    """The Redis database the worker tests use and empty: one per database under test, so that
    the SQLite and the PostgreSQL suites, which CI runs side by side, never share one."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    return os.environ.get("GONGKAI_TEST_QUEUE_REDIS_URL", f"redis://127.0.0.1:6379/{7 if on_postgres else 6}")
