"""The cells of a page's ruled tables, found from its ruling edges alone (pdfplumber's "lines"
strategy with its default tolerances, without pdfplumber).

pdfplumber's TableFinder was about half of a PDF's reading time once PyMuPDF built the pages:
it copies a dictionary for every edge it snaps or joins, and importing it loads pdfminer. This
finder does the same steps on tuples:
1. edges shorter than 1 pt are dropped; collinear edges within SNAP (3 pt) of one another are
   moved to their mean position (a doubled rule, a cell border drawn by both neighbours);
2. edges on one line with gaps of at most JOIN (3 pt) become one (dashed rules drawn as short
   segments, a border drawn cell by cell); edges then shorter than MIN_LENGTH (3 pt) are dropped;
3. every vertical and horizontal edge that come within INTERSECT (3 pt) of one another cross at
   (the vertical's x, the horizontal's y);
4. a cell is, for each crossing, the smallest rectangle whose four corners are crossings joined
   by ruled sides (a side missing inside a table makes a larger, merged cell);
5. cells sharing a corner form one table; a single cell is not a table (a framed note).
The arithmetic and the order of every step are pdfplumber's, so that the cells are the same to
the last bit: tests compare them with pdfplumber's TableFinder on every page the tests build,
and tests/test_pdf_engines.py reads every built PDF with both engines (the pdfminer one still
uses pdfplumber) and compares the documents.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from itertools import groupby

from gongkai.core.reports.readers.pdf_content import Box, Edge, Point

PREFILTER = 1.0  # points: shorter edges are ignored before snapping (pdfplumber's edge_min_length_prefilter)
SNAP = 3.0  # points: collinear edges this close are moved onto one line
JOIN = 3.0  # points: gaps this short between edges on one line are closed
MIN_LENGTH = 3.0  # points: shorter merged edges are not ruling lines
INTERSECT = 3.0  # points: a vertical and a horizontal edge this close cross

# A ruling line as (position, start, end): position is x for a vertical line and y (top) for a
# horizontal one; start/end run along it (top/bottom, or x0/x1).
Line = tuple[float, float, float]


def find_tables(edges: list[Edge]) -> list[list[Box]]:
    """The cell rectangles (x0, top, x1, bottom) of each ruled table drawn by `edges`."""
    vertical: list[Line] = []
    horizontal: list[Line] = []
    for orientation, x0, top, x1, bottom in edges:
        if orientation == "v":
            if bottom - top >= PREFILTER:
                vertical.append((x0, top, bottom))
        elif x1 - x0 >= PREFILTER:
            horizontal.append((top, x0, x1))
    if not vertical and not horizontal:
        return []
    v_lines = _merge(_snap(vertical))
    h_lines = _merge(_snap(horizontal))
    return tables_of(cells_of(crossings(v_lines, h_lines)))


def _snap(edges: list[Line]) -> list[Line]:
    """pdfplumber.utils.snap_objects: cluster by position (values chained within SNAP, as
    cluster_list does on the distinct sorted values), move each cluster to its members' mean
    by adding (mean - position), in pdfplumber's order (clusters by position, members as drawn)."""
    distinct = sorted(set(e[0] for e in edges))
    cluster_of: dict[float, int] = {}
    number, last = 0, None
    for value in distinct:
        if last is not None and value > last + SNAP:
            number += 1
        cluster_of[value] = number
        last = value
    clusters: dict[int, list[Line]] = defaultdict(list)
    for e in edges:
        clusters[cluster_of[e[0]]].append(e)
    snapped: list[Line] = []
    for number in sorted(clusters):
        members = clusters[number]
        mean = sum([e[0] for e in members]) / len(members)
        snapped += [(e[0] + (mean - e[0]), e[1], e[2]) for e in members]
    return snapped


def _merge(edges: list[Line]) -> list[Line]:
    """pdfplumber.table.merge_edges after snapping: on each line, edges sorted by start, joined
    when the next starts at most JOIN after the current ends; then too short ones dropped."""
    merged: list[Line] = []
    for position, group in groupby(sorted(edges, key=lambda e: e[0]), key=lambda e: e[0]):
        line: list[Line] = []
        for e in sorted(group, key=lambda e: e[1]):
            if line and e[1] <= line[-1][2] + JOIN:
                if e[2] > line[-1][2]:
                    line[-1] = (position, line[-1][1], e[2])
            else:
                line.append(e)
        merged += [e for e in line if e[2] - e[1] >= MIN_LENGTH]
    return merged


def crossings(v_lines: list[Line], h_lines: list[Line]) -> dict[Point, tuple[set[int], set[int]]]:
    """pdfplumber.table.edges_to_intersections: (x, y) -> (the vertical lines through it, the
    horizontal ones), each line named by its index. Horizontals are looked up by y, not scanned."""
    h_sorted = sorted(range(len(h_lines)), key=lambda i: h_lines[i][0])
    h_ys = [h_lines[i][0] for i in h_sorted]
    # The window is 1 pt wider than the test below, which alone decides (as pdfplumber writes it).
    points: dict[Point, tuple[set[int], set[int]]] = {}
    for v_index, (x, top, bottom) in enumerate(v_lines):
        first = bisect.bisect_left(h_ys, top - INTERSECT - 1)
        last = bisect.bisect_right(h_ys, bottom + INTERSECT + 1)
        for h_index in h_sorted[first:last]:
            y, x0, x1 = h_lines[h_index]
            if top <= y + INTERSECT and bottom >= y - INTERSECT and x0 - INTERSECT <= x <= x1 + INTERSECT:
                through = points.setdefault((x, y), (set(), set()))
                through[0].add(v_index)
                through[1].add(h_index)
    return points


def cells_of(points: dict[Point, tuple[set[int], set[int]]]) -> list[Box]:
    """For each crossing, in (x, y) order, the smallest cell with it as top-left corner: the
    nearest crossing below on a shared vertical, then the nearest to the right on a shared
    horizontal, whose opposite corner is a crossing joined to both (pdfplumber's search)."""
    ordered = sorted(points)
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for point in ordered:  # a column's points by y, a row's points by x
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    place = {p: i for column in columns.values() for i, p in enumerate(column)}
    place_in_row = {p: i for row in rows.values() for i, p in enumerate(row)}
    cells: list[Box] = []
    for point in ordered:
        down = points[point][0]
        for below in columns[point[0]][place[point] + 1 :]:
            if down.isdisjoint(points[below][0]):
                continue
            cell = _first_corner(point, below, rows[point[1]][place_in_row[point] + 1 :], points)
            if cell is not None:
                cells.append(cell)
                break
    return cells


def _first_corner(
    point: Point, below: Point, right: list[Point], points: dict[Point, tuple[set[int], set[int]]]
) -> Box | None:
    across = points[point][1]
    for beside in right:
        if across.isdisjoint(points[beside][1]):
            continue
        corner = (beside[0], below[1])
        joined = points.get(corner)
        if (
            joined is not None
            and not joined[0].isdisjoint(points[beside][0])
            and not joined[1].isdisjoint(points[below][1])
        ):
            return (point[0], point[1], corner[0], corner[1])
    return None


def tables_of(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber.table.cells_to_tables: starting from the first cell left, sweep the others in
    order, adding each that shares a corner with the table so far, until a sweep adds none;
    tables of one cell are dropped."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    while remaining:
        table = [remaining[0]]
        corners = set(_corners(remaining[0]))
        remaining = remaining[1:]
        added = True
        while added:
            added = False
            left: list[Box] = []
            for cell in remaining:
                mine = _corners(cell)
                if not corners.isdisjoint(mine):
                    corners.update(mine)
                    table.append(cell)
                    added = True
                else:
                    left.append(cell)
            remaining = left
        tables.append(table)
    # Top to bottom, then left to right, by each table's topmost-then-leftmost cell; a lone box
    # (a framed note, a text box) is not a table.
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _corners(box: Box) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = box
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
