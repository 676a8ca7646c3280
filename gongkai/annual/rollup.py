"""The supervisor's roll-up: every supervised body's annual numbers for a year, and the area's totals.

Summed from the same computation as each body's own report, so the district's own report can quote
「全区各公开单位共受理依申请公开N件」 from it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gongkai.annual.selectors import report_values
from gongkai.bodies.models import Body
from gongkai.core.reports.layouts import T2_COLUMNS

SUMMARY_ROWS = ("new", "carried_in", "total", "carried_out")


@dataclass(frozen=True)
class BodyLine:
    body: Body
    name: str
    template: str
    table2: dict[str, dict[str, int]]  # summary row -> column -> count
    appeals: int


def rollup(*, body_ids, year: int) -> tuple[list[BodyLine], dict[str, dict[str, int]], Counter]:
    """(one line per body, area totals of the table-2 summary rows, area totals of every outcome row)."""
    lines, outcome_totals = [], Counter()
    totals = {row: dict.fromkeys(T2_COLUMNS, 0) for row in SUMMARY_ROWS}
    for body in Body.objects.filter(id__in=body_ids).order_by("code"):
        template, values = report_values(body=body, year=year)
        table2 = {row: {c: int(values[("t2", row, c)] or 0) for c in T2_COLUMNS} for row in SUMMARY_ROWS}
        for row in SUMMARY_ROWS:
            for column in T2_COLUMNS:
                totals[row][column] += table2[row][column]
        for (table, row, column), value in values.items():
            if table == "t2" and column == "total" and row not in SUMMARY_ROWS:
                outcome_totals[row] += int(value or 0)
        appeals = sum(int(v or 0) for (t, _, c), v in values.items() if t == "t3" and c.endswith(".total"))
        version = body.versions.first()
        lines.append(BodyLine(body, version.name, template, table2, appeals))
    return lines, totals, outcome_totals
