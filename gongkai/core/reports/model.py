"""An annual report as read from a file or computed from records: its tables cell by cell, its
sections and dates. A cell knows where it came from and whether it was read, blank or unreadable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.core.reports.layouts import CellKey, Layout, cell_name, layout_for, template_for_year
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.source import Location


@dataclass
class Cell:
    table: str
    row: str
    column: str
    status: CellStatus
    value: Decimal | None = None
    raw: str = ""
    loc: Location | None = None

    def describe_location(self) -> str:
        return self.loc.describe() if self.loc else "未找到"


@dataclass(frozen=True)
class ReadingNote:
    """How an ambiguous row was read (settled by the table's sums, or placed by its neighbours)
    or why it was left missing."""

    settled: bool
    message: str
    cells: tuple[tuple[str, str, str], ...]
    code: str = ""  # the check that reports it, when not READING-SETTLED / READING-UNSETTLED


@dataclass
class AnnualReport:
    path: str
    template: str  # the layout the file follows ("2019" or "2021")
    year: int | None = None
    title: str = ""
    body_name: str = ""
    signed_on: date | None = None
    sections: list[tuple[str, str, Location]] = field(default_factory=list)  # (number, heading, where)
    text: list[str] = field(default_factory=list)  # running text lines, for the text checks
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    readings: list[ReadingNote] = field(default_factory=list)
    # Set when table 2 follows the other template than table 1 (a 2021 report with the 2019
    # single （六）其他处理 row): the table is read as printed and the deviation is a finding.
    table2_template: str | None = None

    @property
    def layout(self) -> Layout:
        return layout_for(self.template, self.table2_template)

    @property
    def due_template(self) -> str | None:
        """The template the report's year calls for (None when the year is not known)."""
        return template_for_year(self.year) if self.year is not None else None

    def cell_name(self, key: CellKey) -> str:
        """The cell in words - table, row label, column label - and where it stands in the file."""
        cell = self.cells.get(key)
        where = f"（{cell.describe_location()}）" if cell is not None and cell.loc is not None else ""
        return cell_name(self.layout, key) + where

    def cell(self, table: str, row: str, column: str) -> Cell:
        return self.cells[(table, row, column)]

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        cell = self.cells.get((table, row, column))
        return cell.value if cell else None
