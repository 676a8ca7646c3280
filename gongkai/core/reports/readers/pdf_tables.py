"""Ruled PDF tables as geometry: cells found on a page, joined across page breaks, then gridded.

A table part is the list of cell rectangles pdfplumber found on one page; rows are the distinct
horizontal cell edges of that part. Parts are kept as geometry (x range, row band) until the
whole document is read, because a continuation on the next page may have column boundaries the
first part lacks (a label column split only further down). The final grid's columns are the
union of all x boundaries; a cell covers every grid column between its edges.

Joining a continuation (see PdfTable.join) — heuristics, each reported by a warning:
- same outer left and right edges (within 3 pt) and the previous part ends on the previous page;
- leading rows equal to the table's first rows (a repeated header) are dropped;
- a split row: when Word/LibreOffice break a row across pages, the continuation's first row has
  the same cells as the previous last row, some empty under non-empty ones, and each non-empty
  one continues a cell whose last line ran to its right edge, and none is a number under a number
  (that is the next row's value). Its texts are appended to the row above and the row disappears;
- a cut vertical merge: an empty cell at the top of the continuation, under a non-empty cell
  with the same x range, where either part spans two or more rows, continues that cell.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field

from gongkai.core.reports.readers.grid import GridBuilder
from gongkai.core.reports.source import SourceTable

TOLERANCE = 1.5  # points: edges closer than this are the same grid line
SAME_EDGE = 3.0  # points: outer edges of two parts of one table


@dataclass
class Cell:
    x0: float
    x1: float
    r0: int
    r1: int  # exclusive
    text: str = ""
    full: bool = False  # the last text line reaches the right edge: the text may continue


@dataclass
class PdfTable:
    cells: list[Cell]
    n_rows: int
    row_pages: list[int]
    top: float
    parts: list[int] = field(default_factory=list)
    headers_dropped: int = 0
    rows_rejoined: int = 0
    spans_joined: int = 0

    @property
    def left(self) -> float:
        return min(c.x0 for c in self.cells)

    @property
    def right(self) -> float:
        return max(c.x1 for c in self.cells)

    def notes(self) -> str:
        notes = ""
        if self.headers_dropped:
            notes += f"，续表重复的{self.headers_dropped}行表头已去除"
        if self.rows_rejoined:
            notes += f"，{self.rows_rejoined}个被分页断开的行已接续"
        if self.spans_joined:
            notes += f"，{self.spans_joined}个跨页的纵向合并单元格已接续"
        return notes

    def join(self, new: PdfTable, page: int) -> bool:
        """Append `new`, the first table on `page`, if it continues this table."""
        if self.row_pages[-1] != page - 1:
            return False
        if abs(self.left - new.left) > SAME_EDGE or abs(self.right - new.right) > SAME_EDGE:
            return False
        skip = 0
        while skip < min(new.n_rows - 1, self.n_rows) and _row_key(new, skip) == _row_key(self, skip):
            skip += 1
        cells = [c for c in new.cells if c.r0 >= skip]
        bottom = [c for c in self.cells if c.r1 == self.n_rows]
        first = [c for c in cells if c.r0 == skip]
        above = {id(c): _counterpart(c, bottom) for c in first}
        consumed: set[int] = set()
        offset = self.n_rows - skip
        split = _is_split_row(first, above)
        if split:
            self.rows_rejoined += 1
            for cell in first:
                upper = above[id(cell)]
                assert upper is not None
                upper.text = join_lines([upper.text, cell.text])
                upper.full = cell.full
                upper.r1 += cell.r1 - skip - 1
                consumed.add(id(cell))
            offset -= 1
        else:
            for cell in first:
                upper = above[id(cell)]
                if (
                    upper is not None
                    and not cell.text
                    and upper.text
                    and (upper.r1 - upper.r0 > 1 or cell.r1 - cell.r0 > 1)
                ):
                    upper.r1 += cell.r1 - skip
                    consumed.add(id(cell))
                    self.spans_joined += 1
        for cell in cells:
            if id(cell) not in consumed:
                cell.r0 += offset
                cell.r1 += offset
                self.cells.append(cell)
        added = new.n_rows - skip - (1 if split else 0)
        self.headers_dropped += skip
        self.row_pages += [page] * added
        self.n_rows += added
        self.parts.append(page)
        return True

    def build(self, number: int) -> SourceTable:
        xs = cluster([c.x0 for c in self.cells] + [c.x1 for c in self.cells])
        grid = GridBuilder()
        for cell in sorted(self.cells, key=lambda c: (c.r0, c.x0)):
            c0, c1 = index(xs, cell.x0), index(xs, cell.x1)
            if c1 > c0 and cell.r1 > cell.r0 and (cell.r0, c0) not in grid.owner:
                grid.place(cell.r0, c0, cell.text, cell.r1 - cell.r0, c1 - c0)
        pages: list[int | None] = list((self.row_pages + [self.row_pages[-1]] * grid.n_rows)[: grid.n_rows])
        return grid.build(number, pages)


def _row_key(table: PdfTable, row: int) -> list[tuple[int, int, int, str]]:
    return sorted((round(c.x0), round(c.x1), c.r1 - c.r0, c.text) for c in table.cells if c.r0 == row)


def _counterpart(cell: Cell, bottom: list[Cell]) -> Cell | None:
    for upper in bottom:
        if abs(upper.x0 - cell.x0) <= SAME_EDGE and abs(upper.x1 - cell.x1) <= SAME_EDGE:
            return upper
    return None


def _is_split_row(first: list[Cell], above: dict[int, Cell | None]) -> bool:
    if not first or any(above[id(c)] is None for c in first):
        return False
    emptied = any(not c.text and above[id(c)].text for c in first)  # type: ignore[union-attr]
    continued = [c for c in first if c.text]
    # A number under a number is the next row's value, not the rest of a wrapped one: joining
    # them printed 30 for 3 in a real report.
    numbers = any(_is_number(c.text) and _is_number(above[id(c)].text) for c in continued)  # type: ignore[union-attr]
    return (
        emptied
        and bool(continued)
        and not numbers
        and all(above[id(c)].text and above[id(c)].full for c in continued)  # type: ignore[union-attr]
    )


def _is_number(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip().replace(".", "", 1).isdigit()


def cluster(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > TOLERANCE:
            result.append(value)
    return result


def index(lines: list[float], value: float) -> int:
    return min(bisect.bisect_left(lines, value - TOLERANCE), len(lines) - 1)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def join_lines(lines: list[str]) -> str:
    """Join visually wrapped lines: nothing between Chinese characters, a space between Latin ones."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and not (is_wide(text[-1]) or is_wide(line[0])):
            text += " "
        text += line
    return text
