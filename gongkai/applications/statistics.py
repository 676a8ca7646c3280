"""The numbers of annual-report tables 2 and 3, counted from the records with aggregate queries.

Table 2 (依申请公开), per applicant kind (the columns) and in total:
- 一 new: applications received during the year;
- 二 carried in: received before the year and not answered or closed before it began;
- 三 outcomes: applications answered or closed during the year, by their coded outcome;
- 四 carried out: received by the year's end and not answered or closed by then.
Every case falls in exactly one of 一/二 and one of 三/四 for a year it is open in, so the
statutory check 一 + 二 = 三（七）总计 + 四 holds by construction; the report checks verify it anyway.

Table 3 (行政复议、行政诉讼): appeals filed during the year, by kind and by result as known at the
year's end (a result recorded after 31 December counts as 尚未审结 for that year).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from gongkai.applications.models import Appeal, AppealKind, AppealResult, ApplicantKind, Application

COLUMNS = tuple(ApplicantKind.values)


def _by_kind(queryset, *extra_group: str) -> dict[tuple, int]:
    rows = queryset.values("applicant_kind", *extra_group).annotate(n=Count("id"))
    return {(row["applicant_kind"], *(row[g] for g in extra_group)): row["n"] for row in rows}


def table2_counts(*, body, year: int) -> dict[str, dict[str, int]]:
    """{row: {column: count}}; rows are 'new', 'carried_in', each outcome code, 'total', 'carried_out'.

    Columns are the ApplicantKind values plus 'total'. Four grouped queries, whatever the volume.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = Application.objects.filter(body=body)
    open_at = Q(decided_on__isnull=True)
    new = _by_kind(cases.filter(received_on__range=(start, end)))
    carried_in = _by_kind(cases.filter(received_on__lt=start).filter(open_at | Q(decided_on__gte=start)))
    decided = _by_kind(cases.filter(decided_on__range=(start, end)).exclude(outcome=""), "outcome")
    carried_out = _by_kind(cases.filter(received_on__lte=end).filter(open_at | Q(decided_on__gt=end)))

    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys((*COLUMNS, "total"), 0))

    def put(row: str, counts: dict[tuple, int]) -> None:
        for (kind, *_), n in counts.items():
            table[row][kind] += n
            table[row]["total"] += n

    put("new", new)
    put("carried_in", carried_in)
    for (kind, outcome), n in decided.items():
        put(outcome, {(kind,): n})
        put("total", {(kind,): n})
    put("carried_out", carried_out)
    for row in ("new", "carried_in", "total", "carried_out"):
        table[row]  # present even when zero
    return dict(table)


def table3_counts(*, body, year: int) -> dict[str, dict[str, int]]:
    """{appeal kind: {result: count, 'total': count}} for appeals filed during the year. Two queries."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    appeals = Appeal.objects.filter(body=body, filed_on__range=(start, end))
    table = {kind: dict.fromkeys((*AppealResult.values, "total"), 0) for kind in AppealKind.values}
    concluded = appeals.filter(concluded_on__lte=end).values("kind", "result").annotate(n=Count("id"))
    # A result known only after the year's end was still pending when the year closed.
    pending = (
        appeals.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))
        .values("kind")
        .annotate(n=Count("id"))
    )
    for row in concluded:
        table[row["kind"]][row["result"]] += row["n"]
    for row in pending:
        table[row["kind"]][AppealResult.PENDING] += row["n"]
    for counts in table.values():
        counts["total"] = sum(counts[result] for result in AppealResult.values)
    return table
