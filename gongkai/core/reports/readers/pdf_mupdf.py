"""A PDF page's characters and ruling edges from PyMuPDF, in the shape pdf_page.Pages gives.

pdfminer (pure Python) was about 72% of a PDF's reading time; MuPDF builds the same characters
and paths in C. Tables are found by readers.pdf_cells (pdfplumber's algorithm without pdfplumber, which
would import pdfminer); cells, lines and page joins are shared with the pdfminer engine, and
tests/test_pdf_engines.py checks that both give the same document.

Each character's box is computed as pdfminer does, from the baseline and the font's descender
(bottom = baseline - descender x size, top = bottom - size), not from MuPDF's own glyph box,
which depends on the font's ascender and would split lines that pdfminer keeps whole. Ruling
edges come from every straight segment of every drawn path, rectangles as their four sides.
A glyph with no Unicode mapping, which pdfminer shows as "(cid:N)", is shown as "(cid:?)".
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pymupdf

from gongkai.core.reports.readers.pdf_cells import find_tables
from gongkai.core.reports.readers.pdf_content import Box, Edge, PageContent, rect_edges, segment

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_WHITESPACE
    | pymupdf.TEXT_PRESERVE_LIGATURES
    | pymupdf.TEXT_MEDIABOX_CLIP
    | pymupdf.TEXT_INHIBIT_SPACES  # pdfminer adds no space the file does not draw
)
UNMAPPED = "\ufffd"


class EncryptedError(Exception):
    """The file needs a password that is not empty."""


class MuPages:
    """The pages of a PDF, read one at a time with PyMuPDF."""

    def __init__(self, data: bytes) -> None:
        self.document = pymupdf.open(stream=data, filetype="pdf")
        if self.document.needs_pass and not self.document.authenticate(""):
            raise EncryptedError("PDF needs a password")
        if self.document.page_count == 0:
            raise ValueError("PDF without pages")
        self.pages = list(range(self.document.page_count))

    def content(self, number: int) -> PageContent:
        page = self.document.load_page(number)
        content = PageContent(width=page.rect.width, height=page.rect.height)
        descents = self._descents(page)
        add = content.chars.append
        for block in page.get_text("rawdict", flags=TEXT_FLAGS)["blocks"]:
            for line in block.get("lines", ()):
                for span in line["spans"]:
                    size = span["size"]
                    drop = _descent_of(span["font"], descents, span["descender"]) * size
                    for ch in span["chars"]:
                        bottom = ch["origin"][1] - drop
                        text = ch["c"]
                        x0, _, x1, _ = ch["bbox"]
                        add(
                            {
                                "text": "(cid:?)" if text == UNMAPPED else text,
                                "x0": x0,
                                "x1": x1,
                                "top": bottom - size,
                                "bottom": bottom,
                                "size": size,
                            }
                        )
        for path in page.get_cdrawings():  # get_drawings() only wraps these tuples in objects
            for item in path["items"]:
                content.edges += _item_edges(item)
        content.images = len(page.get_images(full=False))
        return content

    @staticmethod
    def tables(content: PageContent) -> list[list[Box]]:
        return find_tables(content.edges)

    def _descents(self, page: pymupdf.Page) -> dict[str, float]:
        """Base font name (without the subset tag) -> /Descent of its font descriptor, as pdfminer reads it."""
        found = {}
        for xref, _ext, kind, basefont, *_ in page.get_fonts(full=True):
            if xref <= 0:
                continue
            font = xref
            if kind == "Type0":
                descendant = _refs(self.document.xref_get_key(xref, "DescendantFonts"))
                if not descendant:
                    continue
                font = descendant[0]
            descriptor = _refs(self.document.xref_get_key(font, "FontDescriptor"))
            if not descriptor:
                continue
            kind_of, value = self.document.xref_get_key(descriptor[0], "Descent")
            if kind_of in ("int", "real"):
                descent = float(value)
                found[basefont.split("+", 1)[-1]] = -abs(descent) / 1000
        return found


def _refs(key: tuple[str, str]) -> list[int]:
    """Object numbers in an xref_get_key answer: ('xref', '12 0 R') or ('array', '[13 0 R]')."""
    kind, value = key
    if kind not in ("xref", "array"):
        return []
    words = value.strip("[]").split()
    return [int(words[i]) for i in range(0, len(words) - 2, 3) if words[i + 2] == "R" and words[i].isdigit()]


def _descent_of(name: str, descents: dict[str, float], fallback: float) -> float:
    # MuPDF shortens long font names: match the descriptor's name by its beginning when unique.
    if name in descents:
        return descents[name]
    matches = [d for base, d in descents.items() if base.startswith(name)]
    return matches[0] if len(matches) == 1 else fallback


def _item_edges(item: tuple[Any, ...]) -> list[Edge]:
    kind = item[0]
    if kind == "re":
        x0, y0, x1, y1 = item[1]
        return rect_edges(x0, y0, x1, y1)
    if kind == "l":
        edge = segment(tuple(item[1]), tuple(item[2]))
        return [edge] if edge else []
    if kind == "qu":
        quad = pymupdf.Quad(item[1])
        corners = [(p.x, p.y) for p in (quad.ul, quad.ur, quad.lr, quad.ll, quad.ul)]
        return [e for e in (segment(p, q) for p, q in pairwise(corners)) if e]
    if kind == "c":  # a Bézier: pdfminer keeps the straight runs between its control points
        points = [tuple(p) for p in item[1:]]
        return [e for e in (segment(p, q) for p, q in pairwise(points)) if e]
    return []
