"""What a PDF engine gives the reader for one page: characters and ruling edges as plain dicts.

Both engines (readers.pdf_mupdf, the default, and readers.pdf_page, the pdfminer original) build
these shapes, so that everything downstream is shared. Coordinates are pdfplumber's: x from the
left, `top`/`bottom` from the top of the page. This module imports neither engine's library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A char or an edge is a plain dict (pdfplumber's shape); a point is (x, top); a box (x0, top, x1, bottom).
Obj = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass
class PageContent:
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    edges: list[Obj] = field(default_factory=list)
    images: int = 0
    objects: int = 0


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str, kind: str) -> Obj:
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


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Obj]:
    return [
        _edge(x0, top, x1, top, "h", "rect_edge"),
        _edge(x0, bottom, x1, bottom, "h", "rect_edge"),
        _edge(x0, top, x0, bottom, "v", "rect_edge"),
        _edge(x1, top, x1, bottom, "v", "rect_edge"),
    ]


def segment(p: tuple[float, float], q: tuple[float, float], kind: str) -> Obj | None:
    (x0, y0), (x1, y1) = p, q
    if y0 == y1:
        return _edge(min(x0, x1), y0, max(x0, x1), y0, "h", kind)
    if x0 == x1:
        return _edge(x0, min(y0, y1), x0, max(y0, y1), "v", kind)
    return None  # diagonal: not a ruling line
