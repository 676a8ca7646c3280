"""The supervisor's roll-up: every supervised body's annual numbers for a year, and the area's totals.

Counted with the same grouped queries as each body's own report (statistics.table2_by_body,
table3_by_body and selectors.table1_values), for all bodies at once, and the earlier years in one
scan (table2_by_year, table3_by_year): ten queries whatever the number of bodies, so the
district's own report can quote 「全区各公开单位共受理依申请公开N件」 from it. The core checks
then run on each body's three tables in Python, without further queries; the record checks of the
report page (REC-ONCE, REC-CARRY, see record_checks.py) are not run here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Min

from gongkai.annual.charts import Chart
from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.annual.selectors import checked_report, counted_values, table1_values
from gongkai.annual.todo import GOVERNMENT_LEVELS
from gongkai.applications.models import ApplicantKind
from gongkai.applications.statistics import (
    SUMMARY_ROWS,
    table2_by_body,
    table2_by_year,
    table3_by_body,
    table3_by_year,
)
from gongkai.bodies.models import Body, BodyVersion
from gongkai.bodies.selectors import inspector_body_ids, supervised_body_ids
from gongkai.core.outcomes import GROUP_LABELS, OUTCOMES, OutcomeGroup
from gongkai.core.report_due import report_due_on
from gongkai.core.reports.layouts import LAYOUTS, T2_COLUMNS, template_for_year
from gongkai.core.reports.registry import Severity
from gongkai.supervision.selectors import SUMMARY_CELLS, UploadedReport, uploaded_reports

FIRST_YEAR = 2019  # the first year of the current 条例 and of the report formats
GROUP_OF = {o.code: o.group for o in OUTCOMES}
NUMBERED_OUTCOMES = {o.code for o in OUTCOMES if o.number}  # the leaves under a group's heading
KIND_LABELS = dict(ApplicantKind.choices)


def deadline_for(year: int, level: str) -> date:
    """条例第四十九条: 31 January of the next year, or the configured date (31 March) for a
    县级以上地方人民政府's own report (core.report_due)."""
    return report_due_on(year, government=level in GOVERNMENT_LEVELS)


def by_group(table2: dict) -> dict[str, int]:
    """Cases decided in the year by outcome group （一）…（六）, in the table's order."""
    counts = Counter()
    for code, columns in table2.items():
        if code in GROUP_OF:
            counts[GROUP_OF[code]] += columns["total"]
    return {label: counts[group] for group, label in GROUP_LABELS.items()}


def new_by_kind(table2: dict) -> dict[str, int]:
    return {KIND_LABELS[kind]: table2["new"][kind] for kind in ApplicantKind.values}


def appeals_total(table3: dict) -> int:
    return sum(results["total"] for results in table3.values())


@dataclass(frozen=True)
class BodyLine:
    body: Body
    name: str
    level: str
    template: str
    table2: dict[str, dict[str, int]]  # row -> column -> count
    appeals: int
    errors: int  # errors found by the core checks in the counted tables
    deadline: date
    published_on: date | None  # first publication of the year's report
    today: date

    @property
    def days_late(self) -> int:
        """Days past the statutory date: of the publication, or up to today when not published."""
        return max(((self.published_on or self.today) - self.deadline).days, 0)

    @property
    def cells(self) -> list:
        return [get(self) for _, get in LINE_COLUMNS]

    @property
    def shown(self) -> list[str]:
        """The cells as printed on the page: dates as 2027-01-20, nothing as —."""
        return ["—" if v is None else v.isoformat() if isinstance(v, date) else str(v) for v in self.cells]

    @property
    def publication(self) -> str:
        if self.published_on:
            return "逾期发布" if self.days_late else "按时发布"
        return "逾期未发布" if self.days_late else "未发布（未到期）"


@dataclass(frozen=True)
class YearTotals:
    year: int
    table2: dict[str, dict[str, int]]  # summary rows and outcome rows, summed over the bodies
    appeals: int

    @property
    def cells(self) -> list:
        return [get(self) for _, get in YEAR_COLUMNS]

    @property
    def has_data(self) -> bool:
        return bool(self.table2["new"]["total"] or self.table2["carried_in"]["total"] or self.appeals)


# The columns of the per-body table, on the page and in the XLSX export alike.
LINE_COLUMNS = (
    ("发布情况", lambda line: line.publication),
    ("发布日期", lambda line: line.published_on),
    ("法定期限", lambda line: line.deadline),
    ("逾期天数（自然日）", lambda line: line.days_late),
    ("检查错误", lambda line: line.errors),
    ("本年新收", lambda line: line.table2["new"]["total"]),
    ("上年结转", lambda line: line.table2["carried_in"]["total"]),
    ("办理结果总计", lambda line: line.table2["total"]["total"]),
    ("结转下年度", lambda line: line.table2["carried_out"]["total"]),
    ("复议诉讼", lambda line: line.appeals),
)
YEAR_COLUMNS = (
    ("本年新收", lambda t: t.table2["new"]["total"]),
    ("上年结转", lambda t: t.table2["carried_in"]["total"]),
    ("办理结果总计", lambda t: t.table2["total"]["total"]),
    ("结转下年度", lambda t: t.table2["carried_out"]["total"]),
    ("复议诉讼", lambda t: t.appeals),
)


@dataclass
class Rollup:
    year: int
    lines: list[BodyLine]
    totals: YearTotals
    years: list[YearTotals] = field(default_factory=list)  # oldest first, the selected year last
    # Published reports of bodies not on gongkai, uploaded by the supervisor and read by the auditor.
    uploaded: list[UploadedReport] = field(default_factory=list)

    @property
    def uploaded_totals(self) -> dict[str, int]:
        """The uploaded reports' table-2 totals, counting only the numbers the auditor could read."""
        return {key: sum(u.numbers[key] or 0 for u in self.uploaded) for key in SUMMARY_CELLS}

    @property
    def uploaded_unreadable(self) -> int:
        return sum(1 for u in self.uploaded if None in u.numbers.values())

    @property
    def not_published(self) -> list[BodyLine]:
        return [line for line in self.lines if line.published_on is None]


def _versions_on(body_ids, day: date) -> dict[int, BodyVersion]:
    """Each body's version valid on the day, or its earliest one (one query)."""
    chosen: dict[int, BodyVersion] = {}
    for version in BodyVersion.objects.filter(body_id__in=body_ids).order_by("valid_from"):
        valid = version.valid_from <= day and (version.valid_to is None or version.valid_to > day)
        if valid or version.body_id not in chosen:
            chosen[version.body_id] = version
    return chosen


def _first_publications(body_ids, year: int) -> dict[int, date]:
    published = AnnualReportVersion.objects.filter(
        body_id__in=body_ids, year=year, status=ReportStatus.PUBLISHED
    )
    return dict(published.values("body_id").annotate(on=Min("published_on")).values_list("body_id", "on"))


def _sum_tables(tables) -> dict[str, dict[str, int]]:
    total = {row: dict.fromkeys(T2_COLUMNS, 0) for row in SUMMARY_ROWS}
    for table in tables:
        for row, columns in table.items():
            into = total.setdefault(row, dict.fromkeys(T2_COLUMNS, 0))
            for column, n in columns.items():
                into[column] += n
    return total


def years_totals(*, body_ids, years: list[int]) -> list[YearTotals]:
    """The area's totals of each year (two queries for all the years)."""
    t2s, t3s = table2_by_year(body_ids=body_ids, years=years), table3_by_year(body_ids=body_ids, years=years)
    return [YearTotals(year, t2s[year], appeals_total(t3s[year])) for year in years]


def _errors(body: Body, name: str, year: int, template: str, t1: dict, t2: dict, t3: dict) -> int:
    values = {**t1, **counted_values(LAYOUTS[template], t2, t3)}
    _, findings = checked_report(code=body.code, name=name, year=year, template=template, values=values)
    return sum(1 for f in findings if f.severity is Severity.ERROR)


def body_lines(*, body_ids, year: int, today: date) -> list[BodyLine]:
    body_ids = list(body_ids)
    template = template_for_year(year)
    t2s, t3s = table2_by_body(body_ids=body_ids, year=year), table3_by_body(body_ids=body_ids, year=year)
    t1s = table1_values(body_ids=body_ids, year=year, template=template)
    versions = _versions_on(body_ids, date(year, 12, 31))
    published = _first_publications(body_ids, year)
    lines = []
    for body in Body.objects.filter(id__in=body_ids).order_by("code"):
        version = versions.get(body.id)
        name, level = (version.name, version.level) if version else (body.code, "")
        t2, t3 = t2s[body.id], t3s[body.id]
        lines.append(
            BodyLine(
                body=body,
                name=name,
                level=level,
                template=template,
                table2=t2,
                appeals=appeals_total(t3),
                errors=_errors(body, name, year, template, t1s[body.id], t2, t3),
                deadline=deadline_for(year, level),
                published_on=published.get(body.id),
                today=today,
            )
        )
    return lines


def rollup(*, body_ids, year: int, today: date, owner_ids=()) -> Rollup:
    """The year's lines and totals, and the area's totals of every earlier year with any data.

    `owner_ids`: the supervising bodies whose uploaded reports cover the bodies not on gongkai; an
    upload named like a body already on gongkai is left out, so nothing is counted twice.
    """
    lines = body_lines(body_ids=body_ids, year=year, today=today)
    totals = YearTotals(year, _sum_tables(line.table2 for line in lines), sum(line.appeals for line in lines))
    earlier = years_totals(body_ids=body_ids, years=list(range(FIRST_YEAR, year)))
    on_gongkai = {line.name for line in lines}
    uploaded = [
        u for u in uploaded_reports(owner_ids=owner_ids, year=year) if u.audited.body_name not in on_gongkai
    ]
    return Rollup(year, lines, totals, [t for t in earlier if t.has_data] + [totals], uploaded)


CHART_BODIES = 30  # bars per body chart; the table of all bodies follows on the page


def _chart(key: str, title: str, categories: list[str], parts: list[dict[str, int]]) -> Chart:
    labels = list(parts[0]) if parts else []
    return Chart(key, title, categories, [(label, [p[label] for p in parts]) for label in labels])


def charts(r: Rollup) -> list[Chart]:
    """Applications by outcome and by applicant kind, per body (the busiest) and over the years."""
    busiest = sorted(
        (line for line in r.lines if line.table2["new"]["total"] or line.table2["total"]["total"]),
        key=lambda line: -(line.table2["new"]["total"] + line.table2["total"]["total"]),
    )[:CHART_BODIES]
    names = [line.name for line in busiest]
    years = [f"{t.year}年" for t in r.years]
    note = f"（办理量前{CHART_BODIES}个机关）" if len(busiest) == CHART_BODIES else ""
    return [
        _chart(
            "body-outcome",
            f"{r.year}年度各机关办结申请按办理结果{note}",
            names,
            [by_group(line.table2) for line in busiest],
        ),
        _chart(
            "body-kind",
            f"{r.year}年度各机关新收申请按申请人类型{note}",
            names,
            [new_by_kind(line.table2) for line in busiest],
        ),
        _chart("year-outcome", "历年办结申请按办理结果", years, [by_group(t.table2) for t in r.years]),
        _chart("year-kind", "历年新收申请按申请人类型", years, [new_by_kind(t.table2) for t in r.years]),
    ]


def rollup_for_inspector(*, user, year: int, today: date) -> Rollup:
    """The roll-up of every body the user supervises as 督查 (every body for a superuser)."""
    supervisors = inspector_body_ids(user=user, on=today)
    if user.is_superuser:
        supervisors = list(Body.objects.values_list("id", flat=True))
    if not supervisors:
        raise PermissionDenied
    body_ids = supervised_body_ids(supervisor_ids=supervisors, on=today) | set(supervisors)
    return rollup(body_ids=body_ids, year=year, today=today, owner_ids=supervisors)


@dataclass(frozen=True)
class OutcomeGroupCount:
    label: str  # 「（三）不予公开」
    total: int
    leaves: tuple[tuple[str, int], ...]  # its numbered outcomes with a count, 「4.保护第三方合法权益」


def outcome_groups(layout, values: dict) -> list[OutcomeGroupCount]:
    """The year's outcomes under their groups, as table 2 prints them, leaving out what is zero.

    A group printed as one row (（一）予以公开, or the 2019 format's （六）其他处理) has no leaves."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for row in layout.table("t2").rows:
        if row.key in SUMMARY_ROWS:
            continue
        # The 2019 format's single （六）其他处理 row has a key of its own, not an outcome's.
        group = GROUP_LABELS[GROUP_OF.get(row.key, OutcomeGroup.OTHER)]
        groups.setdefault(group, []).append((row.key, row.label, values[("t2", row.key, "total")]))
    return [
        OutcomeGroupCount(
            label=group,
            total=sum(n for _, _, n in rows),
            leaves=tuple((label, n) for key, label, n in rows if n and key in NUMBERED_OUTCOMES),
        )
        for group, rows in groups.items()
        if any(n for _, _, n in rows)
    ]
