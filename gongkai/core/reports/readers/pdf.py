"""Reader for PDF reports with a text layer: ruled tables as grids, other text as lines.

Scope:
- PyMuPDF opens the file and gives each page's characters and ruling edges (readers.pdf_mupdf;
  the pdfminer original in readers.pdf_page gives the same document, more slowly); an encrypted
  file that needs a password, or one that cannot be parsed, raises ReadError. Files encrypted
  with an empty user password are read.
- Ruled tables are found from the drawn edges by pdfplumber's algorithm (line strategy):
  readers.pdf_cells with PyMuPDF, pdfplumber's own TableFinder with pdfminer; they are rebuilt
  from the cells' rectangles (readers.pdf_tables): a cell spanning rows or
  columns covers several grid positions, all pointing at its origin. A cell's text is the characters
  whose centres fall inside it; visually wrapped lines are joined with nothing between Chinese
  characters and a space between Latin/digit ones. Characters printed twice at the same place
  (fake bold) are kept once.
- Text outside tables becomes lines (characters grouped by baseline, a space only at a visible
  gap), each located by page and its line number on that page; blocks run top to bottom.
- A table continued on the next page is joined to its first part (see readers.pdf_tables for the
  rules: repeated headers dropped, rows broken by the page break and cut vertical merges
  re-joined). Page numbers and running headers/footers (lines in the top or bottom 8 % of the
  page) between the two parts do not prevent the join. Every join is reported in a warning.
- No characters on any page -> a document with has_text_layer=False and the warning
  「扫描件，无文字层，无法读取表格」 (no OCR). Single image-only pages and text that cannot be
  mapped to Unicode ("(cid:N)") are reported in warnings.

Known limits: tables without full ruling (three-line tables, tables aligned by spaces) are read
as text lines; multi-column page layouts and rotated text are read line by line across the page;
a paragraph wrapped over several lines gives several lines; a genuine line break inside a cell
cannot be told from a visual wrap; the join heuristics can in rare cases glue a new row whose
numeric cells are blank onto the row above (only when each of its texts continues a cell whose
last line ran to the right edge); only the first 500 pages are read.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import TYPE_CHECKING

from gongkai.core.reports.readers.grid import GridTooLarge
from gongkai.core.reports.readers.pdf_content import Box, Obj, PageContent
from gongkai.core.reports.readers.pdf_mupdf import EncryptedError, MuPages
from gongkai.core.reports.readers.pdf_tables import Cell, PdfTable, cluster, index, is_wide, join_lines
from gongkai.core.reports.readers.sniff import ReadError
from gongkai.core.reports.source import Location, SourceDocument, SourceLine

if TYPE_CHECKING:
    from gongkai.core.reports.readers.pdf_page import Pages

MAX_PAGES = 500
MARGIN_BAND = 0.08  # lines this close to the top or bottom edge are running headers/footers for joins
SCANNED = "扫描件，无文字层，无法读取表格"
_BY_POSITION = itemgetter("top", "x0")
_BY_X = itemgetter("x0")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第?\s*\d+\s*页?)(\s*[/／共]\s*\d+\s*页?)?[-—–－\s]*$")


def read(data: bytes, name: str, engine: str = "mupdf") -> SourceDocument:
    """`engine` builds each page's characters and edges: "mupdf" (PyMuPDF, fast) or "pdfminer"
    (the pure-Python original, kept to check that both give the same document)."""
    if not data.strip():
        raise ReadError(f"{name}：文件为空。")
    try:
        pages = MuPages(data) if engine == "mupdf" else _pdfminer_pages(data)
    except EncryptedError as exc:
        raise ReadError(f"{name}：PDF已加密，需要密码才能打开，无法读取。") from exc
    except Exception as exc:  # both libraries raise many types on broken or encrypted files
        raise _open_error(exc, name) from exc
    document = SourceDocument(path=name, kind="pdf")
    try:
        _read_pages(pages, document, name)
    except ReadError:
        raise
    except Exception as exc:  # a page whose content stream is broken part-way
        raise ReadError(f"{name}：PDF内容已损坏，无法读取（{type(exc).__name__}）。") from exc
    return document


def _pdfminer_pages(data: bytes) -> Pages:
    # Imported here: pdfminer and pdfplumber take about 0.12 s to import, which the default
    # engine does not need.
    from gongkai.core.reports.readers.pdf_page import Pages

    return Pages(data)


def _open_error(exc: Exception, name: str) -> ReadError:
    chain: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 5:
        chain.append(type(seen).__name__ + " " + str(seen))
        seen = seen.__cause__ or (seen.args[0] if seen.args and isinstance(seen.args[0], Exception) else None)
    text = " ".join(chain)
    if "Password" in text or "Encrypt" in text or "password" in text or "encrypt" in text:
        return ReadError(f"{name}：PDF已加密，需要密码才能打开，无法读取。")
    return ReadError(f"{name}：不是有效的PDF文件或文件已损坏（{type(exc).__name__}）。")


def _read_pages(source: Pages | MuPages, document: SourceDocument, name: str) -> None:
    pages = source.pages
    document.pages = len(pages)
    if len(pages) > MAX_PAGES:
        document.warnings.append(f"{name}：共{len(pages)}页，只读取前{MAX_PAGES}页。")
    blocks: list[SourceLine | PdfTable] = []
    margins: set[int] = set()  # id() of lines in the top/bottom margin band (running headers, footers)
    textless: list[int] = []
    cid_chars = 0
    any_text = False
    for number, page in enumerate(pages[:MAX_PAGES], start=1):
        content = source.content(page)
        chars = _dedupe(content.chars)
        if not chars:
            if content.images:
                textless.append(number)
            continue
        any_text = True
        cid_chars += sum(1 for ch in chars if ch["text"].startswith("(cid:"))
        page_blocks = _page_blocks(content, source.tables(content), chars, number, margins)
        first = _first_table(page_blocks, margins)
        if first is not None and blocks:
            previous = _last_table(blocks, margins)
            if previous is not None and previous.join(first, number):
                page_blocks.remove(first)
        blocks.extend(page_blocks)
    if not any_text:
        document.has_text_layer = False
        document.warnings.append(f"{name}：{SCANNED}。")
        return
    if textless:
        listed = "、".join(str(n) for n in textless[:20])
        document.warnings.append(f"{name}：第{listed}页无文字层（可能是扫描页），该页内容未读取。")
    if cid_chars:
        document.warnings.append(f"{name}：有{cid_chars}个字符因字体缺少编码映射无法识别，显示为(cid:N)。")
    table_no = 0
    for block in blocks:
        if isinstance(block, SourceLine):
            document.blocks.append(block)
            continue
        table_no += 1
        try:
            document.blocks.append(block.build(table_no))
        except GridTooLarge:
            document.warnings.append(f"表{table_no}：表格过大，已跳过。")
            continue
        if len(block.parts) > 1:
            listed = "、".join(str(p) for p in block.parts)
            document.warnings.append(f"表{table_no}跨页（第{listed}页），已合并为一个表格{block.notes()}。")
    if table_no == 0:
        document.warnings.append(f"{name}：未发现带框线的表格。")


def _last_table(blocks: list[SourceLine | PdfTable], margins: set[int]) -> PdfTable | None:
    for block in reversed(blocks):
        if isinstance(block, PdfTable):
            return block
        if id(block) not in margins and not _PAGE_NUMBER.match(block.text):
            return None
    return None


def _dedupe(chars: list[Obj]) -> list[Obj]:
    """Drop characters printed twice at (almost) the same place, as fake-bold text is drawn."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for ch in chars:
        key = (ch["text"], round(ch["x0"]), round(ch["top"]))
        if key not in seen:
            seen.add(key)
            kept.append(ch)
    return kept


def _first_table(blocks: list[SourceLine | PdfTable], margins: set[int]) -> PdfTable | None:
    for block in blocks:
        if isinstance(block, PdfTable):
            return block
        if id(block) not in margins and not _PAGE_NUMBER.match(block.text):
            return None
    return None


def _page_blocks(
    content: PageContent, tables: list[list[Box]], chars: list[Obj], number: int, margins: set[int]
) -> list[SourceLine | PdfTable]:
    parts = [part for part in (_Part(cells, number) for cells in tables) if part.cells]
    outside = _outside(parts, chars)
    placed: list[tuple[float, SourceLine | PdfTable]] = [(part.top, part.finish()) for part in parts]
    line_no = 0
    for top, raw in _lines(outside):
        text = raw.strip()
        if text:
            line_no += 1
            line = SourceLine(text, Location(page=number, line=line_no))
            if top < MARGIN_BAND * content.height or top > (1 - MARGIN_BAND) * content.height:
                margins.add(id(line))
            placed.append((top, line))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _outside(parts: list[_Part], chars: list[Obj]) -> list[Obj]:
    """The characters that fall in no table part's cell; the others are given to their cells."""
    if not parts:  # most pages of a report: text only
        return chars
    outside = []
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for part in parts:
            if part.take(ch, cx, cy):
                break
        else:
            outside.append(ch)
    return outside


class _Part:
    """The cells of one table found on one page, collecting the characters inside them."""

    def __init__(self, boxes: list[tuple[float, float, float, float]], page: int) -> None:
        self.page = page
        self.xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
        self.ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
        self.top = self.ys[0] if self.ys else 0.0
        self.cells: list[Cell] = []
        self.owner: dict[tuple[int, int], int] = {}
        self.chars: list[list[Obj]] = []
        if len(self.xs) < 2 or len(self.ys) < 2:
            return
        for x0, top, x1, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
            c0, c1 = index(self.xs, x0), index(self.xs, x1)
            r0, r1 = index(self.ys, top), index(self.ys, bottom)
            if c1 <= c0 or r1 <= r0 or (r0, c0) in self.owner:
                continue
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.owner.setdefault((r, c), len(self.cells))
            self.cells.append(Cell(x0=self.xs[c0], x1=self.xs[c1], r0=r0, r1=r1))
            self.chars.append([])

    def take(self, ch: Obj, cx: float, cy: float) -> bool:
        if not (self.xs[0] <= cx <= self.xs[-1] and self.ys[0] <= cy <= self.ys[-1]):
            return False
        col = bisect.bisect_right(self.xs, cx) - 1
        row = bisect.bisect_right(self.ys, cy) - 1
        owner = self.owner.get((row, col))
        if owner is None:
            return False
        self.chars[owner].append(ch)
        return True

    def finish(self) -> PdfTable:
        for cell, chars in zip(self.cells, self.chars, strict=True):
            if chars:
                lines = _lines(chars)
                cell.text = join_lines([raw for _, raw in lines])
                last_top = lines[-1][0]
                last = [ch for ch in chars if abs(ch["top"] - last_top) <= 3]
                size = max(ch.get("size", 10.0) for ch in last)
                cell.full = cell.x1 - max(ch["x1"] for ch in last) < 1.6 * size + 6
        n_rows = max((c.r1 for c in self.cells), default=0)
        return PdfTable(
            cells=self.cells, n_rows=n_rows, row_pages=[self.page] * n_rows, top=self.top, parts=[self.page]
        )


def _lines(chars: list[Obj]) -> list[tuple[float, str]]:
    """(top, text) of each visual line: characters whose tops lie within 3 pt, ordered by x."""
    lines: list[list[Obj]] = []
    line: list[Obj] = []
    line_top = 0.0
    for ch in sorted(chars, key=_BY_POSITION):
        if line and abs(ch["top"] - line_top) <= 3:
            line.append(ch)
        else:
            line, line_top = [ch], ch["top"]
            lines.append(line)
    return [(line[0]["top"], _collate(line)) for line in lines]


def _collate(line: list[Obj]) -> str:
    """Join a line's characters, adding a space at a visible gap: more than 3 pt, or between two
    Chinese characters more than a character's size (justified Chinese is spread out)."""
    text: list[str] = []
    last = None
    for ch in sorted(line, key=_BY_X):
        if last is not None:
            gap = ch["x0"] - last["x1"]
            # Width is looked up only at a gap: most characters in a line have none.
            if gap > 3.0 and not (
                is_wide(ch["text"][:1])
                and is_wide(last["text"][:1])
                and gap <= max(ch.get("size", 10.0), 3.0)
            ):
                text.append(" ")
        text.append(ch["text"])
        last = ch
    return "".join(text)
