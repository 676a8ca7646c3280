"""Checks only the records allow, on top of the auditor's checks of the tables (issue: 年度报告).

REC-ONCE   every case open in the year is counted exactly once: in one outcome row of 三 or in 四;
REC-CARRY  二（上年结转） equals 四（结转下年度） of last year's published report.
"""

from __future__ import annotations

from django.db.models import Count, Q

from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.applications.models import Application
from gongkai.applications.statistics import OUTCOME_CODES, t2_filters
from gongkai.core.reports.checks import Finding  # as the core checks'; REC-* are in the registry
from gongkai.core.reports.layouts import T2_COLUMNS, stored_key

SHOWN = 20  # case numbers quoted in a finding


def _numbers(cases) -> str:
    numbers = list(cases.order_by("number").values_list("number", flat=True)[: SHOWN + 1])
    return "、".join(numbers[:SHOWN]) + ("等" if len(numbers) > SHOWN else "")


def counted_once(*, body, year: int, values: dict) -> list[Finding]:
    """REC-ONCE: 三 (the outcome rows) + 四 = 一 + 二, and no case is outside them or counted without being open.

    One scan of the body's cases counts both kinds of fault; their numbers are read only when there are some.
    """
    filters = t2_filters(year)
    opened = filters["new"] | filters["carried_in"]
    faults = {
        "uncounted": opened & ~filters["carried_out"] & ~(filters["decided"] & Q(outcome__in=OUTCOME_CODES)),
        "strays": (filters["decided"] | filters["carried_out"]) & ~opened,
    }
    cases = Application.objects.filter(body=body)
    found = cases.aggregate(**{name: Count("id", filter=q) for name, q in faults.items()})
    messages = {
        "uncounted": f"{year}年度有{found['uncounted']}件申请既未计入任何办理结果，也未结转下年度：{{}}。"
        "请核对其答复日期和办理结果。",
        "strays": f"{year}年度有{found['strays']}件申请计入了办理结果或结转，却不在本年新收或上年结转中"
        "（答复日期早于收到日期？）：{}。",
    }
    findings = [
        Finding("REC-ONCE", messages[name].format(_numbers(cases.filter(faults[name]))))
        for name in faults
        if found[name]
    ]
    return findings + _balance(year, values)


def _balance(year: int, values: dict) -> list[Finding]:
    """The outcome rows themselves (not their printed total) plus 四 against 一 + 二, per column."""
    outcome_rows = {row for (table, row, _) in values if table == "t2"} - {
        "new",
        "carried_in",
        "total",
        "carried_out",
    }
    wrong = []
    for column in T2_COLUMNS:
        decided = sum(values[("t2", row, column)] for row in outcome_rows)
        opened = values[("t2", "new", column)] + values[("t2", "carried_in", column)]
        if decided + values[("t2", "carried_out", column)] != opened:
            wrong.append(column)
    if not wrong:
        return []
    return [
        Finding(
            "REC-ONCE",
            f"{year}年度各项办理结果之和加结转下年度，不等于本年新收加上年结转（{len(wrong)}列）。",
            cells=[("t2", "total", column) for column in wrong],
        )
    ]


def carried_as_published(*, body, year: int, values: dict) -> list[Finding]:
    """REC-CARRY: this year's 二 against 四 of the latest published version of last year's report."""
    last = (
        AnnualReportVersion.objects.filter(body=body, year=year - 1, status=ReportStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if last is None:
        return []
    differ = [
        column
        for column in T2_COLUMNS
        if str(values[("t2", "carried_in", column)])
        != str(last.tables.get(stored_key(("t2", "carried_out", column))))
    ]
    if not differ:
        return []
    total = last.tables.get(stored_key(("t2", "carried_out", "total")))
    return [
        Finding(
            "REC-CARRY",
            f"本年“上年结转”为{values[('t2', 'carried_in', 'total')]}件，与已发布的{year - 1}年度年报"
            f"（第{last.version}版）“结转下年度继续办理”{total}件不一致；请核对上年度的记录，必要时更正上年度年报。",
            cells=[("t2", "carried_in", column) for column in differ],
        )
    ]


def record_findings(*, body, year: int, values: dict) -> list[Finding]:
    return counted_once(body=body, year=year, values=values) + carried_as_published(
        body=body, year=year, values=values
    )
