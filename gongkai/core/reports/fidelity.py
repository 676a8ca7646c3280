"""Scoring a reading of a real report against its cells typed in by hand (tests/corpus).

Each case directory holds the report's text as found and a case.toml: where it comes from, the
year and template, the expected cells (a number, "b" for a cell printed blank, "-" for a dash,
"?" for a cell the published report printed but this copy of it lost) and the report's own
inconsistencies, each with the finding codes that raise it and the texts (`says`) the finding's
message must quote. A cell read as a number that is not
the report's is the one failure that must never happen; a cell left missing is acceptable only
when the reading says so with a finding.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.core.reports.audit import AuditResult, audit_path
from gongkai.core.reports.checks import Finding
from gongkai.core.reports.layouts import Layout
from gongkai.core.reports.model import Cell
from gongkai.core.reports.numbers import CellStatus

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "corpus"
# Findings that tell the reader cells are missing or were read from an ambiguous layout.
MISSING_CODES = {"CELLS-UNREADABLE", "READING-UNSETTLED"}
EXPECTED_STATUS = {"b": CellStatus.BLANK, "-": CellStatus.NOTHING}


@dataclass
class Case:
    key: str
    path: Path
    meta: dict[str, Any]

    @property
    def source(self) -> Path:
        return self.path / str(self.meta["file"])

    def expected(self, layout: Layout) -> dict[tuple[str, str, str], object]:
        """Every expected cell, with a table's `rest` row filling the rows not listed."""
        cells: dict[tuple[str, str, str], object] = {}
        for table_key, rows in self.meta.get("expected", {}).items():
            table = layout.table(table_key)
            rest = rows.get("rest")
            for row in table.rows:
                values = rows.get(row.key, rest)
                if values is None:
                    continue
                if isinstance(values, str):  # one mark for the whole row, e.g. "?"
                    values = [values] * len(row.columns)
                if len(values) != len(row.columns):
                    raise ValueError(f"{self.key}: {table_key}.{row.key} has {len(values)} values")
                for column, value in zip(row.columns, values, strict=True):
                    cells[(table_key, row.key, column)] = value
        return cells


@dataclass
class CaseScore:
    key: str
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (table, outcome) -> cells
    wrong: list[str] = field(default_factory=list)
    silent_missing: list[str] = field(default_factory=list)
    unflagged: list[str] = field(default_factory=list)  # recorded inconsistencies not raised
    flagged: int = 0
    error: str = ""

    def exact_share(self, table: str) -> tuple[int, int]:
        exact = self.counts[(table, "exact")]
        scored = exact + self.counts[(table, "missing")] + self.counts[(table, "wrong")]
        return exact, scored


def load_cases(root: Path = CORPUS) -> list[Case]:
    cases = []
    for case_file in sorted(root.glob("*/case.toml")):
        with case_file.open("rb") as handle:
            cases.append(Case(case_file.parent.name, case_file.parent, tomllib.load(handle)))
    return cases


def _matches(expected: object, cell: Cell) -> bool:
    if isinstance(expected, str):
        return cell.status is EXPECTED_STATUS[expected]
    return cell.status is CellStatus.READ and cell.value == Decimal(str(expected))


def score(case: Case, result: AuditResult | None = None) -> CaseScore:
    result = result or audit_path(str(case.source))
    out = CaseScore(case.key)
    if result.report is None:
        out.error = result.error
        return out
    report = result.report
    # A missing cell counts as said only when a finding names that very cell.
    named = {key for f in result.findings if f.code in MISSING_CODES for key in f.cells}
    for (table, row, column), expected in case.expected(report.layout).items():
        cell = report.cells.get((table, row, column))
        where = f"{table}.{row}.{column}"
        unread = cell is None or cell.status in (CellStatus.MISSING, CellStatus.UNREADABLE)
        if expected == "?":
            # Lost in this copy: any reading other than 'missing, and said so' is wrong.
            if cell is not None and not unread:
                out.counts[(table, "wrong")] += 1
                out.wrong.append(f"{where}: 源文本已丢失，却读作 {cell.status.value} {cell.raw!r}")
            elif (table, row, column) not in named:
                out.silent_missing.append(where)
            out.counts[(table, "lost")] += 1
            continue
        if cell is not None and _matches(expected, cell):
            out.counts[(table, "exact")] += 1
        elif unread:
            out.counts[(table, "missing")] += 1
            if (table, row, column) not in named:
                out.silent_missing.append(where)
        elif cell is not None:
            out.counts[(table, "wrong")] += 1
            shown = cell.value if cell.status is CellStatus.READ else cell.status.value
            out.wrong.append(f"{where}: 报告为 {expected}，读作 {shown}")
    for item in case.meta.get("inconsistency", []):
        if flagged(item, result.findings):
            out.flagged += 1
        else:
            out.unflagged.append(item["what"])
    return out


def flagged(item: dict[str, Any], findings: list[Finding]) -> bool:
    """Is the inconsistency said by a finding: one of its codes, whose message quotes every text of
    its `says` (the numbers that disagree, the cells or rows)? A finding of the right code that
    does not say what is wrong does not count, and neither does an entry with no `says`: two
    inconsistencies of one code are not both flagged by a single finding."""
    says = item.get("says", [])
    return bool(says) and any(
        f.code in item["codes"] and all(text in f.message for text in says) for f in findings
    )
