"""The sums a correctly filled table 2 and table 3 obey, as data (statute.md §1.4, §2.4, §5).

Each Sum says: the parts add up to the totals. They are the form's own arithmetic - the 勾稽
note at the top of table 2, the 总计 column and row, table 3's block totals - and serve as
evidence when a cell can be read more than one way (evidence.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.reports.layouts import APPEAL_BLOCKS, APPEAL_RESULTS, T2_COLUMNS, Layout
from gongkai.core.reports.model import Cell
from gongkai.core.reports.numbers import CellStatus

Key = tuple[str, str, str]
USABLE = (CellStatus.READ, CellStatus.BLANK, CellStatus.NOTHING)
BALANCE_ROWS = ("new", "carried_in", "total", "carried_out")


@dataclass(frozen=True)
class Sum:
    code: str  # the check that reports it when it fails
    parts: tuple[Key, ...]
    totals: tuple[Key, ...]
    subject: str  # the column, row or block it is about, for the message

    @property
    def keys(self) -> tuple[Key, ...]:
        return self.parts + self.totals

    def holds(self, cells: Mapping[Key, Cell]) -> bool | None:
        """True or False when every cell is usable (blank counts 0); None when it cannot be checked."""
        found = [cells.get(key) for key in self.keys]
        if any(cell is None or cell.status not in USABLE for cell in found):
            return None

        def total(keys: tuple[Key, ...]) -> Decimal:
            return sum((cells[k].value or Decimal(0) for k in keys), Decimal(0))

        return total(self.parts) == total(self.totals)


def table2_sums(layout: Layout) -> list[Sum]:
    """Per column 一+二 = （七）+四 and （七） = the outcomes; then per row the 总计 column."""
    rows = [row.key for row in layout.table("t2").rows]
    outcomes = [row for row in rows if row not in BALANCE_ROWS]
    sums = []
    for column in T2_COLUMNS:
        sums.append(
            Sum(
                "T2-BALANCE",
                (("t2", "new", column), ("t2", "carried_in", column)),
                (("t2", "total", column), ("t2", "carried_out", column)),
                column,
            )
        )
        sums.append(
            Sum(
                "T2-OUTCOME-SUM",
                tuple(("t2", row, column) for row in outcomes),
                (("t2", "total", column),),
                column,
            )
        )
    sums += [
        Sum("T2-ROW-TOTAL", tuple(("t2", row, c) for c in T2_COLUMNS[:-1]), (("t2", row, "total"),), row)
        for row in rows
    ]
    return sums


def table3_sums() -> list[Sum]:
    return [
        Sum(
            "T3-BLOCK-TOTAL",
            tuple(("t3", "appeals", f"{block}.{result}") for result, _ in APPEAL_RESULTS[:4]),
            (("t3", "appeals", f"{block}.total"),),
            block,
        )
        for block, _ in APPEAL_BLOCKS
    ]
