"""A PDF page's characters and ruling edges straight from pdfminer, and the ruled tables on it.

pdfplumber builds a dictionary with every attribute of every object on a page; the reader needs
only each character's box, text and size and the edges of drawn rectangles, lines and curves,
so this module collects those from pdfminer's layout objects itself (about a third faster) and
hands the edges to pdfplumber's own table finder (line strategy, default tolerances), whose cell
search is replaced by an equivalent one (intersections_to_cells) that does not slow down with the
square of a page's grid points.
Coordinates are pdfplumber's: x from the left, `top`/`bottom` from the top of the page.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

from gongkai.core.reports.readers.pdf_content import (
    Box,
    Obj,
    PageContent,
    Point,
    as_pdfplumber_edge,
    rect_edges,
    segment,
)


class Pages:
    """The pages of a PDF, interpreted one at a time."""

    def __init__(self, data: bytes) -> None:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        self.pages = list(PDFPage.create_pages(document))
        manager = PDFResourceManager(caching=True)
        self.device = PDFPageAggregator(manager, laparams=None)
        self.interpreter = PDFPageInterpreter(manager, self.device)

    def content(self, page: PDFPage) -> PageContent:
        self.interpreter.process_page(page)
        layout = self.device.get_result()
        content = PageContent(width=layout.width, height=layout.height)
        top_of = layout.y1
        stack = list(layout)
        while stack:
            obj = stack.pop()
            content.objects += 1
            if isinstance(obj, LTChar):
                content.chars.append(
                    {
                        "text": obj.get_text(),
                        "x0": obj.x0,
                        "x1": obj.x1,
                        "top": top_of - obj.y1,
                        "bottom": top_of - obj.y0,
                        "size": obj.size,
                    }
                )
            elif isinstance(obj, LTRect):
                content.edges += rect_edges(obj.x0, top_of - obj.y1, obj.x1, top_of - obj.y0)
            elif isinstance(obj, LTCurve):  # LTLine too: every straight segment of the path
                points = [(x, top_of - y) for x, y in obj.pts]
                content.edges += [e for e in (segment(p, q) for p, q in pairwise(points)) if e]
            elif isinstance(obj, LTImage):
                content.images += 1
            elif isinstance(obj, LTContainer):  # form XObjects (LTFigure)
                stack.extend(obj)
        return content

    @staticmethod
    def tables(content: PageContent) -> list[list[Box]]:
        return find_tables(content)


class _EdgesOnly:
    """What pdfplumber's TableFinder reads from a page under the line strategy."""

    def __init__(self, content: PageContent) -> None:
        self.edges = [as_pdfplumber_edge(e) for e in content.edges]
        self.bbox = (0, 0, content.width, content.height)


def find_tables(content: PageContent) -> list[list[Box]]:
    """The cell rectangles (x0, top, x1, bottom) of each ruled table on the page: pdfplumber's
    TableFinder (line strategy, default settings) step by step, with its cell search replaced by
    intersections_to_cells below."""
    if not content.edges:
        return []
    finder = TableFinder.__new__(TableFinder)  # its __init__ would run the slow cell search
    finder.page = _EdgesOnly(content)
    finder.settings = TableSettings.resolve({})
    settings = finder.settings
    intersections = edges_to_intersections(
        finder.get_edges(), settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    tables: list[list[Box]] = cells_to_tables(intersections_to_cells(intersections))
    return tables


def intersections_to_cells(intersections: dict[Point, Obj]) -> list[Box]:
    """pdfplumber.table.intersections_to_cells with the same result, without its quadratic work:
    each point's edges are turned into sets once (not at every comparison), and the points below
    and to the right of a point are looked up by column and row instead of scanning all points."""
    points = sorted(intersections)
    vertical = {p: {obj_to_bbox(e) for e in intersections[p]["v"]} for p in points}
    horizontal = {p: {obj_to_bbox(e) for e in intersections[p]["h"]} for p in points}
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for point in points:  # sorted by (x, top): a column's points by top, a row's by x
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    place = {point: (columns[point[0]].index(point), rows[point[1]].index(point)) for point in points}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    cells: list[Box] = []
    for point in points:
        in_column, in_row = place[point]
        below = columns[point[0]][in_column + 1 :]
        right = rows[point[1]][in_row + 1 :]
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Obj],
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    for below_pt in below:
        if not connects(point, below_pt):
            continue
        for right_pt in right:
            if not connects(point, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (point[0], point[1], corner[0], corner[1])
    return None
