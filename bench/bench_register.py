"""Register applications concurrently on PostgreSQL and check that no number is given twice.

    .venv/bin/python bench/bench_register.py [--count 1000] [--threads 16]

Prints the wall time, applications per second, and the duplicate count (must be 0).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    url = setup()

    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.applications.services import ApplicantDetails, application_register
    from gongkai.bodies.demo import load_demo
    from gongkai.bodies.models import Body

    load_demo()
    body = Body.objects.get(code="donghu")
    applicant = ApplicantDetails("natural_person", "张三", "resident_id", "11010519491231002X", "13800000000")
    day = date(2026, 3, 2)

    def register(index: int) -> str:
        try:
            return application_register(
                actor=None,
                body=body,
                channel="online",
                received_on=day,
                applicant=applicant,
                information_requested=f"第{index}件：东湖街道低保名单",
                form_wanted="电子",
                today=day,
            ).number
        finally:
            connection.close()  # each thread has its own connection; give it back

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        numbers = list(pool.map(register, range(args.count)))
    elapsed = time.perf_counter() - started
    duplicates = len(numbers) - len(set(numbers))
    stored = Application.objects.filter(body=body).count()
    serials = sorted(Application.objects.filter(body=body).values_list("serial", flat=True))
    gaps = serials != list(range(1, stored + 1))
    print(f"database: {url.split('@')[-1]}")
    print(
        f"registered {args.count} applications with {args.threads} threads in {elapsed:.2f} s "
        f"({args.count / elapsed:.0f}/s)"
    )
    print(f"duplicate numbers: {duplicates}; stored: {stored}; serials 1..{stored} without gaps: {not gaps}")
    if duplicates or gaps or stored != args.count:
        sys.exit(1)


if __name__ == "__main__":
    main()
