"""上年度年报问题整改: the findings of the body's previous published report, and whether each is
corrected this year.

The previous year's report is checked as a supervisor's audit checks a published report (the
per-report checks of gongkai.core.reports), rebuilt from what was published: the tables frozen at
signing, the six parts' text, the date it was published. A finding counts as corrected when the
same check no longer fires on this year's report - its tables as counted from the records and its
text as drafted or edited. Findings about the publication date can only be corrected by this
year's report being published on time, so until it is they are listed as pending, neither
corrected nor open. A check is compared by its code: a TEXT-NUMBER finding last year and another
TEXT-NUMBER this year is not corrected, even if the numbers are different ones (the cautious
reading).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from gongkai.annual.models import AnnualReportVersion, ReportStatus
from gongkai.core.reports.checks import Finding, run_checks
from gongkai.core.reports.layouts import parse_stored_key, template_for_year
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.registry import CHECKS, Input, Severity

# Findings of these checks are about the date a report was signed: this year's draft has none yet.
DATE_CHECKS = frozenset({"SIGNED-EARLY", "SIGNED-LATE", "NO-DATE"})


@dataclass(frozen=True)
class LastYearFinding:
    code: str
    message: str  # as the audit words it, for the clerk's page (never copied into the text)
    corrected: bool | None  # None: judged only once this year's report is published

    @property
    def title(self) -> str:
        return CHECKS[self.code].title


@dataclass(frozen=True)
class LastYearAudit:
    year: int
    version: int
    published_on: object  # date
    findings: list[LastYearFinding]

    @property
    def corrected(self) -> list[LastYearFinding]:
        return [f for f in self.findings if f.corrected is True]

    @property
    def still_open(self) -> list[LastYearFinding]:
        return [f for f in self.findings if f.corrected is False]

    @property
    def pending(self) -> list[LastYearFinding]:
        return [f for f in self.findings if f.corrected is None]


def published_report(version: AnnualReportVersion) -> AnnualReport:
    """A published version as the auditor's model: its stored tables, headings, text and date."""
    report = AnnualReport(
        path=f"{version.body.code}-{version.year}-v{version.version}",
        template=template_for_year(version.year),
        year=version.year,
        signed_on=version.published_on,
    )
    report.sections = [(heading[:1], heading, None) for heading, _ in version.sections]  # type: ignore[misc]
    report.text = [line for _, text in version.sections for line in text.splitlines() if line.strip()]
    for stored, raw in version.tables.items():
        key = parse_stored_key(stored)
        status = CellStatus.BLANK if raw in (None, "") else CellStatus.READ
        value = None if status is CellStatus.BLANK else Decimal(raw)
        report.cells[key] = Cell(*key, status, value, raw or "")
    return report


def _audited(report: AnnualReport, to: Input) -> list[Finding]:
    return [f for f in run_checks(report, to=to) if f.severity is not Severity.INFO]


def last_year_audit(
    *, body, year: int, text: list[str] | None = None, computed: tuple[AnnualReport, list] | None = None
) -> LastYearAudit | None:
    """The audit of the body's report for year - 1 as last published, each finding judged against
    this year's report; None when no report of that year was published. `text` is this year's
    text as it stands (None while it is being drafted: the drafted text quotes the tables);
    `computed` is this year's computed_report when the caller has it already."""
    from gongkai.annual.selectors import computed_report

    last = (
        AnnualReportVersion.objects.filter(body=body, year=year - 1, status=ReportStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if last is None:
        return None
    tables, found = computed or computed_report(body=body, year=year)
    now = replace(tables, text=[line for part in text or [] for line in part.splitlines() if line.strip()])
    this_year = {f.code for f in _audited(now, Input.COMPUTED) + found}
    findings = [
        LastYearFinding(f.code, f.message, None if f.code in DATE_CHECKS else f.code not in this_year)
        for f in _audited(published_report(last), Input.PUBLISHED)
    ]
    return LastYearAudit(last.year, last.version, last.published_on, findings)


def _by_title(findings: list[LastYearFinding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.title] = counts.get(f.title, 0) + 1
    return "、".join(f"{title}{n}处" for title, n in counts.items())


def rectification_sentence(audit: LastYearAudit | None) -> str:
    """The sentence of part 五; empty without a published previous year. It names the checks by
    their titles, never last year's wrong numbers (the number checks would read them as this
    year's)."""
    if audit is None:
        return ""
    if not audit.findings:
        return "上年度年报经核查未发现问题。"
    text = f"上年度年报经核查发现{len(audit.findings)}处问题：{_by_title(audit.findings)}；"
    parts = [f"已整改{len(audit.corrected)}处"]
    if audit.still_open:
        parts.append(f"尚未整改{len(audit.still_open)}处（{_by_title(audit.still_open)}）")
    if audit.pending:
        parts.append(f"{_by_title(audit.pending)}须本年度年报按期发布后方可整改")
    return text + "，".join(parts) + "。"
