"""A PDF page's characters and ruling edges straight from pdfminer, and the ruled tables on it.

pdfplumber builds a dictionary with every attribute of every object on a page; the reader needs
only each character's box, text and size and the edges of drawn rectangles, lines and curves,
so this module collects those from pdfminer's layout objects itself (about a third faster) and
hands the edges to pdfplumber's own table finder (line strategy, default tolerances).
Coordinates are pdfplumber's: x from the left, `top`/`bottom` from the top of the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from itertools import pairwise

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfplumber.table import TableFinder


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    images: int = 0
    objects: int = 0


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
                kind = "line" if isinstance(obj, LTLine) else "curve_edge"
                content.edges += [e for e in (segment(p, q, kind) for p, q in pairwise(points)) if e]
            elif isinstance(obj, LTImage):
                content.images += 1
            elif isinstance(obj, LTContainer):  # form XObjects (LTFigure)
                stack.extend(obj)
        return content


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str, kind: str) -> dict:
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
    return [
        _edge(x0, top, x1, top, "h", "rect_edge"),
        _edge(x0, bottom, x1, bottom, "h", "rect_edge"),
        _edge(x0, top, x0, bottom, "v", "rect_edge"),
        _edge(x1, top, x1, bottom, "v", "rect_edge"),
    ]


def segment(p: tuple[float, float], q: tuple[float, float], kind: str) -> dict | None:
    (x0, y0), (x1, y1) = p, q
    if y0 == y1:
        return _edge(min(x0, x1), y0, max(x0, x1), y0, "h", kind)
    if x0 == x1:
        return _edge(x0, min(y0, y1), x0, max(y0, y1), "v", kind)
    return None  # diagonal: not a ruling line


class _EdgesOnly:
    """What pdfplumber's TableFinder reads from a page under the line strategy."""

    def __init__(self, content: PageContent) -> None:
        self.edges = content.edges
        self.bbox = (0, 0, content.width, content.height)


def find_tables(content: PageContent) -> list[list[tuple[float, float, float, float]]]:
    """The cell rectangles (x0, top, x1, bottom) of each ruled table on the page."""
    if not content.edges:
        return []
    finder = TableFinder(_EdgesOnly(content), {})  # type: ignore[arg-type]
    return [table.cells for table in finder.tables]
