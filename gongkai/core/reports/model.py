"""An annual report as read from a file or computed from records: its tables cell by cell, its
sections and dates. A cell knows where it came from and whether it was read, blank or unreadable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.core.reports.layouts import LAYOUTS, Layout
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

    @property
    def layout(self) -> Layout:
        return LAYOUTS[self.template]

    def cell(self, table: str, row: str, column: str) -> Cell:
        return self.cells[(table, row, column)]

    def value(self, table: str, row: str, column: str) -> Decimal | None:
        cell = self.cells.get((table, row, column))
        return cell.value if cell else None
