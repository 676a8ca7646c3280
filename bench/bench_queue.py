"""The task queue's own cost: how long a queued job waits for a worker, and jobs per second.

    .venv/bin/python bench/bench_queue.py [--jobs 100]

For each backend - the embedded one (a SQLite file) and Redis (127.0.0.1:6379/6) - a real
`manage.py run_huey` (2 threads) serves a migrated SQLite database in a temporary folder; one
process queues --jobs short jobs (`uploads.cleanup` over an empty store) at once and waits for
all of them, then queues 10 jobs one at a time. Prints the wait from queueing to a worker's claim (p50, p95, max), the
throughput, and how long one job runs (claim to done: the job's own work plus the Job row's
bookkeeping). Needs Redis for the second line (skipped without it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.jobs.tests import workers  # noqa: E402

MEASURE = """
import json, time
from django.db import transaction
from gongkai.jobs.models import Job
from gongkai.jobs.services import job_enqueue
started = time.perf_counter()
with transaction.atomic():
    ids = [job_enqueue(kind="uploads.cleanup").pk for _ in range({jobs})]
while Job.objects.filter(pk__in=ids, status="done").count() < len(ids):
    time.sleep(0.05)
elapsed = time.perf_counter() - started
waits = sorted((j.started_at - j.created_at).total_seconds() for j in Job.objects.filter(pk__in=ids))
runs = sorted((j.finished_at - j.started_at).total_seconds() for j in Job.objects.filter(pk__in=ids))
alone = []
for _ in range(10):  # one job at a time on an idle queue: the pure wait for a worker
    with transaction.atomic():
        job = job_enqueue(kind="uploads.cleanup")
    while not Job.objects.filter(pk=job.pk, status="done").exists():
        time.sleep(0.01)
    job.refresh_from_db()
    alone.append((job.started_at - job.created_at).total_seconds())
print(json.dumps({{"elapsed": elapsed, "waits": waits, "runs": runs, "alone": sorted(alone)}}))
"""


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-queue-"))
    database = f"sqlite:///{tmp / 'bench.sqlite3'}"
    workers.manage(workers.worker_env(tmp, queue="sqlite", database_url=database), "migrate", "-v", "0")
    for queue in ("sqlite", "redis://127.0.0.1:6379/6"):
        if queue.startswith("redis"):
            import redis

            try:
                redis.Redis.from_url(queue).flushdb()
            except redis.ConnectionError:
                print("redis: skipped (not running)")
                continue
        env = workers.worker_env(tmp, queue=queue, database_url=database)
        env["GONGKAI_QUEUE_WORKERS"] = "2"
        worker = workers.start_worker(env, tmp / "worker.log")
        try:
            result = json.loads(
                workers.manage(env, "shell", "-c", MEASURE.format(jobs=args.jobs)).splitlines()[-1]
            )
        finally:
            workers.stop(worker)
        waits = result["waits"]
        print(
            f"{queue.split(':')[0]:>6}: {args.jobs} jobs in {result['elapsed']:.2f} s "
            f"({args.jobs / result['elapsed']:.0f} jobs/s); wait for a worker p50 {percentile(waits, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(waits, 0.95) * 1000:.0f} ms, max {waits[-1] * 1000:.0f} ms; "
            f"one job runs p50 {percentile(result['runs'], 0.5) * 1000:.0f} ms; "
            f"a single job on an idle queue waits p50 {percentile(result['alone'], 0.5) * 1000:.0f} ms, "
            f"max {result['alone'][-1] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
