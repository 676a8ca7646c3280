"""Reader for HTML reports: government web pages and Word's "save as web page" output.

Scope:
- Encoding from a byte-order mark, else the page's <meta charset> (gb2312/gbk read as GB18030),
  else UTF-8, else GB18030; a page whose bytes contradict its declared charset is decoded with
  the one that works and a warning says so.
- Text is collected in document order. Block elements (p, div, h1-h6, li, br, tr, ...) end a line;
  whitespace is collapsed as a browser would, and a source line break between two Chinese
  characters is dropped (Word wraps its HTML source mid-sentence). &nbsp; counts as a space;
  each line is stripped, empty lines are not emitted. <o:p> and nested spans are plain inline.
- Skipped as noise: head, script, style, noscript, template, iframe, nav, header, footer, aside,
  form controls, svg, comments (incl. Word's conditional comments), and anything hidden with
  `display:none` or the `hidden` attribute.
- A table is a data table unless it contains another table, is only one column wide, or has a
  cell of running text (more than 3 paragraphs or 400 characters); such layout tables (common
  on government CMS pages) are read as running text so the data tables inside them are found. Data tables become SourceTables: rowspan/colspan expanded (rowspan=0
  runs to the end), several paragraphs in a cell joined with a newline, Word's invisible
  column-width row (`<tr height=0>` of empty cells) dropped.

Known limits: CSS-generated content, text drawn by scripts, and tables published as images are
not seen (a warning notes images when no table is found); a layout table whose cells hold
only short texts is read as a data table; a nested table inside a data table cell
contributes only its text to that cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from lxml import etree

from gongkai.core.reports.readers.grid import MAX_SPAN, GridBuilder, GridTooLarge
from gongkai.core.reports.readers.sniff import ReadError, declared_charset
from gongkai.core.reports.source import Location, SourceDocument, SourceLine, SourceTable

SKIP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside",
        "select", "option", "button", "textarea", "input", "svg", "object", "embed", "map", "audio", "video",
        "canvas", "title",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th",
        "table", "tbody", "thead", "tfoot", "caption", "section", "article", "main", "blockquote", "pre",
        "center", "address", "hr", "br", "form", "fieldset", "figure", "figcaption", "body", "html",
    }
)  # fmt: skip
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_RUN_OF_SPACES = re.compile(" {2,}")
_NEEDS_WORK = re.compile(r"[ \t\r\n\f\v\xa0]")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)
_ZERO_HEIGHT = re.compile(r"(^|;)\s*height\s*:\s*0(\.0+)?(pt|px|cm)?\s*(;|$)", re.IGNORECASE)


MAX_BYTES = 30 * 1024 * 1024
LAYOUT_BLOCKS = 3  # paragraphs in one cell beyond which a table is taken as page layout
LAYOUT_CHARS = 400  # characters in one cell beyond which a table is taken as page layout


def read(data: bytes, name: str) -> SourceDocument:
    if not data.strip():
        raise ReadError(f"{name}：文件为空。")
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}：网页超过{MAX_BYTES // (1024 * 1024)}MB，拒绝读取。")
    warnings: list[str] = []
    text = _decode(data, name, warnings)
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    if not text.strip():
        raise ReadError(f"{name}：文件为空。")
    parser = etree.HTMLParser(huge_tree=True)  # nesting up to 2048 levels instead of 256
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"{name}：无法解析为网页（{type(exc).__name__}）。") from exc
    if root is None:
        raise ReadError(f"{name}：网页没有可读取的内容。")
    if any(error.level_name == "FATAL" for error in parser.error_log):
        warnings.append(f"{name}：网页结构异常（如嵌套过深），部分内容可能未读取。")
    document = SourceDocument(path=name, kind="html", warnings=warnings)
    _Walker(document).run(root)
    if not document.tables():
        images = sum(1 for el in root.iter("img") if not _hidden(el))
        note = f"，页面含{images}张图片，表格可能以图片形式发布" if images else ""
        document.warnings.append(f"{name}：未发现表格{note}。")
    if not document.blocks:
        document.warnings.append(f"{name}：页面没有可读取的文字。")
    return document


def _decode(data: bytes, name: str, warnings: list[str]) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    declared = declared_charset(data)
    candidates = [declared] if declared else []
    candidates += [c for c in ("utf-8", "gb18030") if c != declared]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if declared and codec != declared:
            warnings.append(f"{name}：网页声明的编码为{declared}，实际按{codec}解码。")
        return text
    warnings.append(f"{name}：网页含有无法解码的字节，部分字符显示为“\ufffd”。")
    decoded = []
    for codec in candidates:
        try:
            decoded.append(data.decode(codec, "replace"))
        except LookupError:
            continue
    return min(decoded, key=lambda text: text.count("\ufffd"))  # the codec that fits best


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN.search(style))


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def normalise(raw: str) -> str:
    """Collapse whitespace as a browser does; drop a source line break between two wide characters."""

    def repl(match: re.Match[str]) -> str:
        run = match.group(0)
        start, end = match.start(), match.end()
        if "\n" in run or "\r" in run:
            before = raw[start - 1] if start > 0 else ""
            after = raw[end] if end < len(raw) else ""
            if before and after and _is_wide(before) and _is_wide(after):
                return ""
        return " "

    if not _NEEDS_WORK.search(raw):
        return raw.strip()
    text = _SPACES.sub(repl, raw).replace("\xa0", " ")
    return _RUN_OF_SPACES.sub(" ", text).strip()


class _Walker:
    """Walks the tree without recursion (hostile pages nest deeply), emitting lines and tables."""

    def __init__(self, document: SourceDocument) -> None:
        self.document = document
        self.buffer: list[str] = []
        self.line_no = 0
        self.table_no = 0

    def run(self, root: etree._Element) -> None:
        for kind, value in _flow(root, tables=True):
            if kind == "text":
                self.buffer.append(value)
            elif kind == "break":
                self._flush()
            else:
                self._flush()
                self._table(value)
        self._flush()

    def _flush(self) -> None:
        text = normalise("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.line_no += 1
            self.document.blocks.append(SourceLine(text, Location(line=self.line_no)))

    def _table(self, table: etree._Element) -> None:
        for caption in table.iterchildren("caption", "CAPTION"):
            self.buffer.append(_cell_text(caption))
            self._flush()
        self.table_no += 1
        try:
            grid = _read_table(table)
        except GridTooLarge:
            self.document.warnings.append(f"表{self.table_no}：表格过大，已跳过。")
            return
        if grid is None:
            self.table_no -= 1
            return
        built = grid.build(self.table_no)
        self.document.blocks.append(SourceTable(rows=built.rows, loc=built.loc))


def _flow(root: etree._Element, tables: bool) -> Iterator[tuple[str, Any]]:
    """Yield ("text", s), ("break", None) and (when `tables`) ("table", element) in document order."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            if tag in BLOCK_TAGS:
                yield "break", None
            if node is not root and node.tail:
                yield "text", node.tail
            continue
        if not isinstance(tag, str):  # comment, processing instruction
            if node is not root and node.tail:
                yield "text", node.tail
            continue
        tag = tag.lower()
        if tag in SKIP_TAGS or _hidden(node):
            if node is not root and node.tail:
                yield "text", node.tail
            continue
        if tables and tag == "table" and _is_data_table(node):
            yield "table", node
            if node.tail:
                yield "text", node.tail
            continue
        if tag in BLOCK_TAGS:
            yield "break", None
        if node.text:
            yield "text", node.text
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def _rows(table: etree._Element) -> list[etree._Element]:
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _is_data_table(table: etree._Element) -> bool:
    if any(True for _ in table.iterdescendants("table")):
        return False
    rows = _rows(table)
    widest = max((sum(_span(c, "colspan") for c in _cells(r)) for r in rows), default=0)
    if widest < 2:
        return False
    # A cell holding running text (several paragraphs, or a lot of text) is page layout: a
    # report's data cells hold one label or number each.
    for row in rows:
        for cell in _cells(row):
            blocks = sum(1 for _ in cell.iterdescendants("p", "div", "h1", "h2", "h3", "h4", "li"))
            if blocks > LAYOUT_BLOCKS or len("".join(cell.itertext())) > LAYOUT_CHARS:
                return False
    return True


def _span(cell: etree._Element, attr: str) -> int:
    raw = (cell.get(attr) or "1").strip()
    digits = re.match(r"\d+", raw)
    if digits is None:
        return 1
    return min(int(digits.group(0)), MAX_SPAN)


def _cell_text(cell: etree._Element) -> str:
    lines, buffer = [], []
    for kind, value in _flow(cell, tables=False):
        if kind == "text":
            buffer.append(value)
        else:
            lines.append(normalise("".join(buffer)))
            buffer.clear()
    lines.append(normalise("".join(buffer)))
    return "\n".join(line for line in lines if line)


def _invisible_row(row: etree._Element, texts: list[str]) -> bool:
    if _hidden(row):
        return True
    zero = (row.get("height") or "").strip() in ("0", "0px") or bool(
        _ZERO_HEIGHT.search(row.get("style") or "")
    )
    return zero and not any(texts)


def _read_table(table: etree._Element) -> GridBuilder | None:
    rows = _rows(table)
    grid = GridBuilder()
    r = 0
    for tr in rows:
        cells = [c for c in _cells(tr) if not _hidden(c)]
        texts = [_cell_text(c) for c in cells]
        if not cells or _invisible_row(tr, texts):
            if not cells and not _hidden(tr):
                r += 1
            continue
        c = 0
        for cell, text in zip(cells, texts, strict=True):
            c = grid.next_free(r, c)
            rowspan = _span(cell, "rowspan")
            if rowspan == 0:
                rowspan = max(len(rows) - r, 1)
            colspan = max(_span(cell, "colspan"), 1)
            grid.place(r, c, text, rowspan, colspan)
            c += colspan
        r += 1
    if grid.n_rows == 0:
        return None
    return grid
