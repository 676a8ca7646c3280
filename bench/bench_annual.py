"""The annual report of one very busy body, and the roll-up of 1,000 bodies, on PostgreSQL.

    .venv/bin/python bench/bench_annual.py [--bodies 1000] [--cases 1000000] [--big-share 0.6]

Adds the bodies (supervised by the demo district's 政务公开办) and loads the cases and appeals with
INSERT ... SELECT generate_series, spread over 2019–2026, most of the cases for one body. Then
prints how long the big body's table 2 (target < 100 ms over 600,000 cases; best and median of
five runs, as the machine may be shared), its whole report_values (target < 1 s) and the roll-up
(target < 10 s) took, the numbers they found, and the kind of plan PostgreSQL chose for the table-2
query (EXPLAIN). The table-2 query filters on one range - received by the year's end and not decided
before it began (statistics.t2_window) - which the index on (body, decided_on) including the
counted columns serves without reading the table (an index-only scan once VACUUM has set the
visibility map, as autovacuum does); the roll-up reads every row of the area anyway.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench_annual .venv/bin/python bench/bench_annual.py
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402

OUTCOMES = ["granted", "partial", "withheld_state_secret", "unavailable_not_held", "other_no_supplement"]

# %(big)s is the busy body, %(first)s..%(first)s+%(bodies)s-1 the others. Received dates spread
# over 2,900 days from 2019; 85% answered within 40 days, with one of five outcomes.
APPLICATIONS = """
INSERT INTO applications_application (
    body_id, year, serial, number, query_code, channel, received_on, applicant_kind, applicant_name,
    id_document_type, id_document_number, id_document_name, contact_phone, contact_address, contact_email,
    information_requested, form_wanted, status, outcome, decided_on, decision_reason, created_at)
SELECT body_id, extract(year FROM received)::int, i, 'B-' || i, 'Q' || i, 'online', received,
    (ARRAY['natural_person','natural_person','natural_person','commercial','legal_service'])[1 + i %% 5],
    '张三', 'resident_id', '11010519491231002X', '', '13800000000', '', '', '低保名单', '',
    CASE WHEN i %% 20 < 17 THEN 'answered' ELSE 'in_progress' END,
    CASE WHEN i %% 20 < 17 THEN (%(outcomes)s::text[])[1 + i %% 5] ELSE '' END,
    CASE WHEN i %% 20 < 17 THEN received + (i %% 40) END, '', now()
FROM (
    SELECT i,
        CASE WHEN i <= %(big_cases)s THEN %(big)s ELSE %(first)s + i %% %(bodies)s END AS body_id,
        date '2019-01-01' + ((i::bigint * 7919) %% 2900)::int AS received
    FROM generate_series(1, %(cases)s) AS i
) AS spread
"""
APPEALS = """
INSERT INTO applications_appeal (body_id, kind, case_number, filed_on, authority, result, concluded_on, note)
SELECT CASE WHEN i %% 2 = 0 THEN %(big)s ELSE %(first)s + i %% %(bodies)s END,
    (ARRAY['review','litigation_direct','litigation_after_review'])[1 + i %% 3], 'A-' || i, filed, '区政府',
    CASE WHEN i %% 4 = 0 THEN 'pending' ELSE (ARRAY['upheld','corrected','other'])[1 + i %% 3] END,
    CASE WHEN i %% 4 = 0 THEN NULL ELSE filed + 60 END, ''
FROM (SELECT i, date '2019-01-01' + (i * 389) %% 2900 AS filed FROM generate_series(1, %(appeals)s) AS i) AS spread
"""


def add_bodies(count: int):
    from gongkai.bodies.models import Body, BodyVersion

    office = Body.objects.get(code="zwgkb")
    bodies = Body.objects.bulk_create(
        Body(code=f"b{n:04d}", credit_code=f"B{n:017d}", established_on=date(2019, 1, 1))
        for n in range(count)
    )
    BodyVersion.objects.bulk_create(
        BodyVersion(
            body=body,
            valid_from=date(2019, 1, 1),
            name=f"基准机关{n:04d}",
            level="department" if n % 10 else "township",
            supervisor=office,
        )
        for n, body in enumerate(bodies)
    )
    return bodies


def load(bodies, cases: int, big_share: float) -> None:
    from django.db import connection

    params = {
        "big": bodies[0].id,
        "first": bodies[1].id,
        "bodies": len(bodies) - 1,
        "cases": cases,
        "big_cases": int(cases * big_share),
        "appeals": cases // 20,
        "outcomes": "{" + ",".join(OUTCOMES) + "}",
    }
    with connection.cursor() as cursor:
        cursor.execute(APPLICATIONS, params)
        cursor.execute(APPEALS, params)
        # As autovacuum would after a bulk load: statistics, and the visibility map and hint bits.
        cursor.execute("VACUUM ANALYZE applications_application")
        cursor.execute("VACUUM ANALYZE applications_appeal")


def timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def repeated(label: str, work, times: int = 5):
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    print(f"{label}: best {seconds[0] * 1000:.1f} ms, median {seconds[len(seconds) // 2] * 1000:.1f} ms")
    return result


def plan_kinds(queryset) -> str:
    """The plan's nodes, outermost first, with the index each scan uses: "Aggregate > Index Only Scan (idx)"."""
    import json

    plan = json.loads(queryset.explain(format="json"))[0]["Plan"]
    kinds = []
    while plan:
        index = plan.get("Index Name")
        kinds.append(f"{plan['Node Type']}" + (f" ({index})" if index else ""))
        plan = (plan.get("Plans") or [None])[0]
    return " > ".join(kinds)


def compare_forms(body_id: int) -> None:
    """Before and after: the four OR'd sets as the WHERE (the earlier form), and both forms without the index."""
    from functools import reduce
    from operator import or_

    from django.db import connection
    from django.db.models import Count

    from gongkai.applications.models import Application
    from gongkai.applications.statistics import t2_filters, table2_rows

    filters = t2_filters(2026)
    counts = {name: Count("id", filter=q) for name, q in filters.items()}
    old = (
        Application.objects.filter(body_id=body_id)
        .filter(reduce(or_, filters.values()))
        .values("body_id", "applicant_kind", "outcome")
        .annotate(**counts)
        .order_by()
    )
    new = table2_rows(body_ids=[body_id], year=2026)
    assert sorted(map(str, old)) == sorted(map(str, new)), "the two forms disagree"
    repeated("  the earlier form (four OR'd sets), with the index", lambda: list(old.all()))
    print(f"    plan: {plan_kinds(old)}")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX application_body_decided_idx")
    try:
        for name, queryset in (("earlier form", old), ("range form", new)):
            repeated(f"  the {name} without the index", lambda q=queryset: list(q.all()))
            print(f"    plan: {plan_kinds(queryset)}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX application_body_decided_idx ON applications_application (body_id, decided_on) "
                "INCLUDE (received_on, applicant_kind, outcome, id)"
            )
            cursor.execute("VACUUM ANALYZE applications_application")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--big-share", type=float, default=0.6)
    args = parser.parse_args()
    url = setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.annual.rollup import rollup
    from gongkai.annual.selectors import computed_report, report_values
    from gongkai.applications.statistics import table2_counts, table2_rows
    from gongkai.bodies.demo import load_demo
    from gongkai.bodies.selectors import supervised_body_ids

    print(f"database: {url.split('@')[-1]}")
    load_demo()
    bodies = timed(f"added {args.bodies} bodies", lambda: add_bodies(args.bodies))
    timed(
        f"loaded {args.cases} applications and {args.cases // 20} appeals",
        lambda: load(bodies, args.cases, args.big_share),
    )
    big = bodies[0]
    table2 = repeated(
        f"table 2 of the big body ({int(args.cases * args.big_share)} cases), 2026 (target < 100 ms)",
        lambda: table2_counts(body=big, year=2026),
    )
    print(f"  plan: {plan_kinds(table2_rows(body_ids=[big.id], year=2026))}")
    print(f"  2026 new {table2['new']['total']}, carried out {table2['carried_out']['total']}")
    compare_forms(big.id)
    _, values = repeated(
        f"report_values of the big body ({int(args.cases * args.big_share)} cases), 2026 (target < 1 s)",
        lambda: report_values(body=big, year=2026),
    )
    print(
        f"  2026: new {values[('t2', 'new', 'total')]}, carried in {values[('t2', 'carried_in', 'total')]}, "
        f"answered {values[('t2', 'total', 'total')]}, carried out {values[('t2', 'carried_out', 'total')]}"
    )
    _, findings = timed(
        "computed_report of the big body: the same with the checks and the record checks",
        lambda: computed_report(body=big, year=2026),
    )
    print(f"  findings: {[f.code for f in findings] or 'none'}")
    office = big.versions.first().supervisor_id
    body_ids = supervised_body_ids(supervisor_ids=[office], on=date(2026, 12, 1)) | {office}
    with CaptureQueriesContext(connection) as queries:
        r = timed(
            f"roll-up of {len(body_ids)} bodies, 2026 and every earlier year (target < 10 s)",
            lambda: rollup(body_ids=body_ids, year=2026, today=date(2027, 2, 1)),
        )
    totals = r.totals.table2
    print(
        f"  {len(queries)} queries; 2026 totals: new {totals['new']['total']}, answered {totals['total']['total']}, "
        f"appeals {r.totals.appeals}; years with data: {[t.year for t in r.years]}; "
        f"not published: {len(r.not_published)}"
    )


if __name__ == "__main__":
    main()
