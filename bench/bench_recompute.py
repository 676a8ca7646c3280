"""Recompute the due dates of 100,000 open cases after a calendar change, on PostgreSQL.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench_recompute \
        .venv/bin/python bench/bench_recompute.py [--cases 100000] [--per-row-sample 5000]

Loads the cases in bulk (one in ten with a pending consultation and one in twenty with an
extension, so the rule engine is exercised too), then:
1. measures the old per-row path (one UPDATE and one audit INSERT per moved case, the explanation
   built and thrown away) on a sample of the cases, inside a transaction that is rolled back, and
   scales its time to all cases;
2. imports a corrected 2026 arrangement (one make-up working day removed) through the use case an
   administrator uses, which re-dates every open case set-wise (gongkai.applications.recompute).
Prints both times, the cases moved and logged, and the ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
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
    parser.add_argument("--per-row-sample", type=int, default=5000)
    parser.add_argument(
        "--profile", action="store_true", help="print where the set-based time goes (cProfile)"
    )
    args = parser.parse_args()
    url = setup()

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from gongkai.applications.calendar_import import calendar_year_import
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.auditlog.models import AuditEntry
    from gongkai.bodies.demo import load_demo
    from gongkai.bodies.models import Body
    from gongkai.core.workcalendar import default_calendar, parse_arrangement, shipped_arrangements

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
            _flush(batch, Application, ClockEvent, rng)
    _flush(batch, Application, ClockEvent, rng)
    print(f"loaded {args.cases} open cases in {time.perf_counter() - started:.1f} s")

    corrected = shipped_arrangements()[-1].to_dict()
    corrected["makeup_workdays"] = [d for d in corrected["makeup_workdays"] if d != "2026-02-14"]
    corrected_calendar = default_calendar([parse_arrangement(corrected)])
    admin = get_user_model().objects.create_superuser("bench-admin", password="bench-password-1")

    sample = min(args.per_row_sample, args.cases)
    with transaction.atomic():
        started = time.perf_counter()
        per_row_moved = _per_row_recompute(admin, corrected_calendar, sample)
        per_row = time.perf_counter() - started
        transaction.set_rollback(True)
    per_row_scaled = per_row * args.cases / sample

    audited_before = AuditEntry.objects.filter(action="application.due_recomputed").count()
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    _, moved = calendar_year_import(actor=admin, data=corrected, reason="基准测试：取消2月14日调休")
    elapsed = time.perf_counter() - started
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    logged = AuditEntry.objects.filter(action="application.due_recomputed").count() - audited_before
    print(f"database: {url.split('@')[-1]}")
    print(
        f"per-row path: {sample} cases in {per_row:.1f} s ({per_row_moved} moved), "
        f"scaled to {args.cases}: {per_row_scaled:.1f} s"
    )
    print(
        f"set-based: recomputed {args.cases} open cases in {elapsed:.2f} s ({args.cases / elapsed:.0f} cases/s); "
        f"{moved} due dates moved, {logged} logged on their cases; "
        f"{per_row_scaled / elapsed:.0f}x faster than the per-row path"
    )


def _per_row_recompute(actor, calendar, limit: int) -> int:
    """The path this replaced: each case through the full clock (explanation included), saved and
    audited one by one."""
    from gongkai.applications.clock import clock_settings, ledger
    from gongkai.applications.models import Application
    from gongkai.auditlog.services import audit_record
    from gongkai.core.answer_clock import compute_clock
    from gongkai.core.workcalendar import with_provisional

    moved = 0
    cases = Application.objects.order_by("id").select_related("body")[:limit]
    for application in cases:
        before = application.due_on
        entries = ledger(application)  # as refresh_due_date does: one query per case
        after, _ = with_provisional(
            lambda c, e=entries: compute_clock(e, c, e[0].on, clock_settings()).due_on, calendar
        )
        if after != before:
            moved += 1
            application.due_on = after
            application.save(update_fields=["due_on"])
            audit_record(
                actor=actor,
                action="application.due_recomputed",
                summary=f"{application.number} 答复期限由{before or '—'}改为{after or '—'}",
                body=application.body,
                target=application,
                before={"due_on": before},
                after={"due_on": after},
                legal_basis="《政府信息公开条例》第三十三条",
            )
    return moved


def _flush(batch, Application, ClockEvent, rng) -> None:
    created = Application.objects.bulk_create(batch)
    events = []
    for a in created:
        events.append(ClockEvent(application=a, kind="received", on=a.received_on))
        draw = rng.random()
        if draw < 0.10:  # a consultation still pending
            events.append(
                ClockEvent(application=a, kind="consultation_sent", on=a.received_on + timedelta(days=3))
            )
        elif draw < 0.15:  # an extension decided in time
            events.append(
                ClockEvent(
                    application=a, kind="extension_approved", on=a.received_on + timedelta(days=7), days=10
                )
            )
    ClockEvent.objects.bulk_create(events)
    batch.clear()


if __name__ == "__main__":
    main()
