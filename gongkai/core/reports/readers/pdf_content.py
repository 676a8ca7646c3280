"""What a PDF engine gives the reader for one page: its characters and its ruling edges.

Both engines (readers.pdf_mupdf, the default, and readers.pdf_page, the pdfminer original) build
these shapes, so that everything downstream is shared. Coordinates are pdfplumber's: x from the
left, `top`/`bottom` from the top of the page. This module imports neither engine's library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A char is a plain dict (pdfplumber's shape); a point is (x, top); a box (x0, top, x1, bottom).
Obj = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]
# A straight ruling edge: ("h" or "v", x0, top, x1, bottom). Tuples, not pdfplumber's dicts:
# a page of a report drawn cell by cell has hundreds of them.
Edge = tuple[str, float, float, float, float]


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: int = 0
    objects: int = 0


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [
        ("h", x0, top, x1, top),
        ("h", x0, bottom, x1, bottom),
        ("v", x0, top, x0, bottom),
        ("v", x1, top, x1, bottom),
    ]


def segment(p: tuple[float, float], q: tuple[float, float]) -> Edge | None:
    (x0, y0), (x1, y1) = p, q
    if y0 == y1:
        return ("h", min(x0, x1), y0, max(x0, x1), y0)
    if x0 == x1:
        return ("v", x0, min(y0, y1), x0, max(y0, y1))
    return None  # diagonal: not a ruling line


def as_pdfplumber_edge(edge: Edge) -> Obj:
    """The edge as the dict pdfplumber's table finder reads (its line strategy ignores object_type)."""
    orientation, x0, top, x1, bottom = edge
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }
