"""Recompute the due dates of 100,000 open cases after a calendar change, on PostgreSQL.

    .venv/bin/python bench/bench_recompute.py [--cases 100000]

Loads the cases in bulk, then imports a corrected 2026 arrangement (one make-up working day
removed) through the same use case an administrator uses, and prints how long the recompute took
and how many cases moved (each move is also written to the audit log).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    url = setup()

    from django.contrib.auth import get_user_model

    from gongkai.applications.calendar_import import calendar_year_import
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.bodies.demo import load_demo
    from gongkai.bodies.models import Body
    from gongkai.core.workcalendar import default_calendar, shipped_arrangements

    load_demo()
    calendar = default_calendar()
    bodies = list(Body.objects.all())
    rng = random.Random(7)
    started = time.perf_counter()
    batch = []
    for serial in range(1, args.cases + 1):
        received = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 60))
        batch.append(
            Application(
                body=rng.choice(bodies),
                year=2026,
                serial=serial,
                number=f"B-2026-{serial:06d}",
                query_code=f"Q{serial:09d}",
                channel="online",
                received_on=received,
                applicant_kind="natural_person",
                applicant_name="张三",
                id_document_type="resident_id",
                id_document_number="11010519491231002X",
                contact_phone="13800000000",
                information_requested="低保名单",
                status="in_progress",
                due_on=calendar.add_working_days(received, 20),
            )
        )
        if len(batch) == 5000:
            _flush(batch, Application, ClockEvent)
    _flush(batch, Application, ClockEvent)
    print(f"loaded {args.cases} open cases in {time.perf_counter() - started:.1f} s")

    corrected = shipped_arrangements()[-1].to_dict()
    corrected["makeup_workdays"] = [d for d in corrected["makeup_workdays"] if d != "2026-02-14"]
    admin = get_user_model().objects.create_superuser("bench-admin", password="bench-password-1")
    started = time.perf_counter()
    _, moved = calendar_year_import(actor=admin, data=corrected, reason="基准测试：取消2月14日调休")
    elapsed = time.perf_counter() - started
    print(f"database: {url.split('@')[-1]}")
    print(
        f"recomputed {args.cases} open cases in {elapsed:.1f} s ({args.cases / elapsed:.0f} cases/s); "
        f"{moved} due dates moved and logged"
    )


def _flush(batch, Application, ClockEvent) -> None:
    created = Application.objects.bulk_create(batch)
    ClockEvent.objects.bulk_create(
        ClockEvent(application=a, kind="received", on=a.received_on) for a in created
    )
    batch.clear()


if __name__ == "__main__":
    main()
