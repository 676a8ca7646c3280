"""The numbers of annual-report tables 2 and 3, counted from the records with aggregate queries.

Table 2 (依申请公开), per applicant kind (the columns) and in total:
- 一 new: applications received during the year;
- 二 carried in: received before the year and not answered or closed before it began;
- 三 outcomes: applications answered or closed during the year, by their coded outcome;
- 四 carried out: received by the year's end and not answered or closed by then.
Every case falls in exactly one of 一/二 and one of 三/四 for a year it is open in, so the
statutory check 一 + 二 = 三（七）总计 + 四 holds by construction; the report checks verify it anyway.

Table 3 (行政复议、行政诉讼): appeals filed during the year, by kind and by result as known at the
year's end (a result recorded after 31 December counts as 尚未审结 for that year). An appeal filed
in an earlier year and concluded in this one is a choice (settings.T3_EARLIER_APPEALS, UNCONFIRMED:
neither the 2019 nor the 2021 format says): `not_counted` (the default) leaves it in the year it was
filed, where it was reported 尚未审结; `when_concluded` also counts it in the year it is concluded,
under its result, as bodies that report the year's 审结 cases do.

Each row's filter is defined once (t2_filters, t3_filters) and used both to count (one grouped query
per table for any set of bodies) and to list the records behind a cell (t2_cell, t3_cell).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from gongkai.applications.models import Appeal, AppealKind, AppealResult, ApplicantKind, Application
from gongkai.core.outcomes import OUTCOMES
from gongkai.core.reports.layouts import ROW_OUTCOMES

COLUMNS = tuple(ApplicantKind.values)
SUMMARY_ROWS = ("new", "carried_in", "total", "carried_out")
OUTCOME_CODES = tuple(o.code for o in OUTCOMES)

Table = dict[str, dict[str, int]]


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def t2_filters(year: int) -> dict[str, Q]:
    """The four counted sets of applications of the year; 'decided' is 三 before splitting by outcome."""
    start, end = _year(year)
    still_open = Q(decided_on__isnull=True)
    return {
        "new": Q(received_on__range=(start, end)),
        "carried_in": Q(received_on__lt=start) & (still_open | Q(decided_on__gte=start)),
        "decided": Q(decided_on__range=(start, end)) & ~Q(outcome=""),
        "carried_out": Q(received_on__lte=end) & (still_open | Q(decided_on__gt=end)),
    }


def t2_window(year: int) -> Q:
    """A condition that holds for every application in any of the four sets of t2_filters.

    Their union is "received by the year's end and not decided before it began" - for cases
    answered on or after their receipt, as the handling services ensure. The few others (an answer
    dated before the receipt, which record_checks reports as an error) are added back as such.
    This is the form the index on (body, decided_on, including the counted columns) serves, where
    the four OR'd sets made PostgreSQL read the whole table. The counts keep their own filters,
    so the numbers are those of the four sets exactly; test_statistics_window checks it on random cases.
    """
    start, end = _year(year)
    answered_before_receipt = Q(decided_on__lt=F("received_on"))
    in_year = Q(received_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    return in_year | answered_before_receipt


def t2_row_filter(year: int, row: str) -> Q | None:
    """The filter of one table-2 row of either format (None for a row that does not exist)."""
    filters = t2_filters(year)
    if row in ("new", "carried_in", "carried_out"):
        return filters[row]
    if row == "total":
        return filters["decided"]
    codes = ROW_OUTCOMES.get(row, ())
    return filters["decided"] & Q(outcome__in=codes) if codes else None


def _grouped(model, body_ids, group: tuple[str, ...], counts: dict, where: Q | None = None):
    """One query over the bodies' records: the given counts per group (GROUP BY `group`)."""
    records = model.objects.filter(body_id__in=list(body_ids))
    if where is not None:
        records = records.filter(where)
    return records.values(*group).annotate(**counts).order_by()


def _empty_row() -> dict[str, int]:
    return dict.fromkeys((*COLUMNS, "total"), 0)


def _add(table: Table, row: str, kind: str, n: int) -> None:
    counts = table.setdefault(row, _empty_row())
    counts[kind] += n
    counts["total"] += n


def _empty_table2() -> Table:
    return {row: _empty_row() for row in SUMMARY_ROWS}


def table2_by_body(*, body_ids: Iterable[int], year: int) -> dict[int, Table]:
    """{body id: {row: {column: count}}} for every given body, in one query grouped by body, applicant
    kind and outcome. Rows: 'new', 'carried_in', each outcome code met, 'total', 'carried_out'."""
    body_ids = list(body_ids)
    tables = {body_id: _empty_table2() for body_id in body_ids}
    for row in table2_rows(body_ids=body_ids, year=year):
        _put(tables[row["body_id"]], row["applicant_kind"], row["outcome"], row)
    return tables


def table2_rows(*, body_ids: Iterable[int], year: int) -> QuerySet:
    """The grouped query behind table2_by_body: per body, applicant kind and outcome, the four counts."""
    counts = {name: Count("id", filter=q) for name, q in t2_filters(year).items()}
    return _grouped(Application, body_ids, ("body_id", "applicant_kind", "outcome"), counts, t2_window(year))


def _put(table: Table, kind: str, outcome: str, counts: dict[str, int]) -> None:
    """Add one group's counts of the four sets (t2_filters) to the table's rows."""
    for name in ("new", "carried_in", "carried_out"):
        if counts[name]:
            _add(table, name, kind, counts[name])
    if counts["decided"]:
        _add(table, outcome, kind, counts["decided"])
        _add(table, "total", kind, counts["decided"])


def table2_by_year(*, body_ids: Iterable[int], years: Iterable[int]) -> dict[int, Table]:
    """{year: table 2 summed over the bodies} for several years in one query (counts filtered per year)."""
    years = list(years)
    if not years:
        return {}
    counts = {
        f"{name}_{year}": Count("id", filter=q) for year in years for name, q in t2_filters(year).items()
    }
    rows = _grouped(Application, body_ids, ("applicant_kind", "outcome"), counts)
    tables = {year: _empty_table2() for year in years}
    for row in rows:
        for year in years:
            of_year = {
                name: row[f"{name}_{year}"] for name in ("new", "carried_in", "decided", "carried_out")
            }
            _put(tables[year], row["applicant_kind"], row["outcome"], of_year)
    return tables


def table2_counts(*, body, year: int) -> Table:
    """{row: {column: count}}; rows are 'new', 'carried_in', each outcome code, 'total', 'carried_out'.

    Columns are the ApplicantKind values plus 'total'. One grouped query, whatever the volume.
    """
    return table2_by_body(body_ids=[body.id], year=year)[body.id]


def t2_cell(*, body, year: int, row: str, column: str) -> QuerySet[Application] | None:
    """The applications counted in one cell of table 2 (None for an unknown row or column)."""
    q = t2_row_filter(year, row)
    if q is None or column not in (*COLUMNS, "total"):
        return None
    cases = Application.objects.filter(body=body).filter(q)
    return cases if column == "total" else cases.filter(applicant_kind=column)


def t3_filters(year: int) -> dict[str, Q]:
    """Appeals counted in the year ('filed': filed in it, and with `when_concluded` also those filed
    earlier and concluded in it): concluded by its end (by result), or still pending at its end."""
    start, end = _year(year)
    counted = Q(filed_on__range=(start, end))
    if settings.T3_EARLIER_APPEALS == "when_concluded":
        counted |= Q(filed_on__lt=start, concluded_on__range=(start, end))
    return {
        "filed": counted,
        "concluded": Q(concluded_on__lte=end),
        "pending": Q(concluded_on__isnull=True) | Q(concluded_on__gt=end),
    }


def _empty_table3() -> Table:
    return {kind: dict.fromkeys((*AppealResult.values, "total"), 0) for kind in AppealKind.values}


def table3_by_body(*, body_ids: Iterable[int], year: int) -> dict[int, Table]:
    """{body id: {appeal kind: {result: count, 'total': count}}}, in one query grouped by body, kind, result."""
    body_ids = list(body_ids)
    filters = t3_filters(year)
    counts = {
        "concluded": Count("id", filter=filters["concluded"]),
        "pending": Count("id", filter=filters["pending"]),
    }
    rows = _grouped(Appeal, body_ids, ("body_id", "kind", "result"), counts, filters["filed"])
    tables = {body_id: _empty_table3() for body_id in body_ids}
    for row in rows:
        _put3(tables[row["body_id"]][row["kind"]], row["result"], row["concluded"], row["pending"])
    return tables


def _put3(counts: dict[str, int], result: str, concluded: int, pending: int) -> None:
    counts[result] += concluded
    counts[AppealResult.PENDING] += pending  # a result known only after the year's end
    counts["total"] += concluded + pending


def table3_by_year(*, body_ids: Iterable[int], years: Iterable[int]) -> dict[int, Table]:
    """{year: table 3 summed over the bodies} for several years in one query."""
    years = list(years)
    if not years:
        return {}
    counts = {}
    for year in years:
        filters = t3_filters(year)
        counts[f"concluded_{year}"] = Count("id", filter=filters["filed"] & filters["concluded"])
        counts[f"pending_{year}"] = Count("id", filter=filters["filed"] & filters["pending"])
    rows = _grouped(Appeal, body_ids, ("kind", "result"), counts)
    tables = {year: _empty_table3() for year in years}
    for row in rows:
        for year in years:
            _put3(tables[year][row["kind"]], row["result"], row[f"concluded_{year}"], row[f"pending_{year}"])
    return tables


def table3_counts(*, body, year: int) -> Table:
    """{appeal kind: {result: count, 'total': count}} for the appeals counted in the year. One query."""
    return table3_by_body(body_ids=[body.id], year=year)[body.id]


def t3_cell(*, body, year: int, column: str) -> QuerySet[Appeal] | None:
    """The appeals counted in one cell of table 3, column 'kind.result' (None when unknown)."""
    kind, _, result = column.partition(".")
    if kind not in AppealKind.values or result not in (*AppealResult.values, "total"):
        return None
    filters = t3_filters(year)
    appeals = Appeal.objects.filter(body=body, kind=kind).filter(filters["filed"])
    if result == "total":
        return appeals
    if result == AppealResult.PENDING:
        return appeals.filter(filters["pending"])
    return appeals.filter(filters["concluded"], result=result)
