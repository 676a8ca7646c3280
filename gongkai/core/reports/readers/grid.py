"""Building rectangular SourceTables from cells that span rows and columns (shared by all readers).

A reader places each source cell at its grid position with its span; positions covered by a
span point back to the cell's origin. Positions nothing covers (ragged rows) become empty cells.
Spans and grid size are capped so that a hostile file cannot make the grid explode.
"""

from __future__ import annotations

from gongkai.core.reports.source import Location, SourceCell, SourceTable

MAX_SPAN = 1000  # HTML's own colspan limit; rowspans are capped the same way
MAX_CELLS = 200_000  # positions in one table


class GridTooLarge(Exception):
    """The table would exceed MAX_CELLS positions."""


class GridBuilder:
    def __init__(self) -> None:
        self.owner: dict[tuple[int, int], tuple[int, int]] = {}
        self.text: dict[tuple[int, int], str] = {}
        self.n_rows = 0
        self.n_cols = 0

    def next_free(self, row: int, col: int) -> int:
        while (row, col) in self.owner:
            col += 1
        return col

    def place(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        """Put a cell at (row, col), 0-based; already-taken positions inside its span are left alone."""
        rowspan = min(max(rowspan, 1), MAX_SPAN)
        colspan = min(max(colspan, 1), MAX_SPAN)
        self.n_rows = max(self.n_rows, row + rowspan)
        self.n_cols = max(self.n_cols, col + colspan)
        if self.n_rows * self.n_cols > MAX_CELLS:
            raise GridTooLarge
        origin = (row, col)
        self.text[origin] = text
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                self.owner.setdefault((r, c), origin)

    def extend_down(self, row: int, col: int, colspan: int = 1) -> bool:
        """Cover (row, col..col+colspan) with the merge owning the position above; False if none."""
        above = self.owner.get((row - 1, col))
        if above is None:
            return False
        self.n_rows = max(self.n_rows, row + 1)
        self.n_cols = max(self.n_cols, col + colspan)
        if self.n_rows * self.n_cols > MAX_CELLS:
            raise GridTooLarge
        for c in range(col, col + colspan):
            self.owner.setdefault((row, c), above)
        return True

    def extend_right(self, row: int, col: int) -> bool:
        """Cover (row, col) with the merge owning the position to its left; False if none."""
        left = self.owner.get((row, col - 1))
        if left is None:
            return False
        self.n_cols = max(self.n_cols, col + 1)
        self.owner.setdefault((row, col), left)
        return True

    def build(self, table: int, pages: list[int | None] | int | None = None) -> SourceTable:
        """The SourceTable; `pages` is one page for all rows, or the page of each row."""
        rows = []
        for r in range(self.n_rows):
            page_of = pages[r] if isinstance(pages, list) else pages
            cells = []
            for c in range(self.n_cols):
                loc = Location(page=page_of, table=table, row=r + 1, col=c + 1)
                origin = self.owner.get((r, c))
                if origin is None:
                    cells.append(SourceCell("", loc))
                elif origin == (r, c):
                    cells.append(SourceCell(self.text[origin], loc))
                else:
                    o_page = pages[origin[0]] if isinstance(pages, list) else pages
                    origin_loc = Location(page=o_page, table=table, row=origin[0] + 1, col=origin[1] + 1)
                    cells.append(SourceCell(self.text[origin], loc, origin_loc))
            rows.append(tuple(cells))
        return SourceTable(rows=tuple(rows), loc=Location(page=_first(pages), table=table))


def _first(pages: list[int | None] | int | None) -> int | None:
    if isinstance(pages, list):
        return pages[0] if pages else None
    return pages
