"""What a reader extracts from a published report file, before any interpretation.

Every reader (plain text, HTML, DOCX, PDF, XLSX) turns its file into a SourceDocument: the
document's lines of text and its tables, in reading order, each piece carrying the place in
the source it came from. The interpreter that maps them onto the official layouts works on
this shape only, so it never needs to know which file type it is looking at.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a piece of text stands in its source file. Every field is 1-based; None = not applicable."""

    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    # Text outside the body's flow, named for a clerk: '页眉', '页脚', '首页页眉', '文本框1' ...
    # (DOCX only); its `line` then counts that part's own paragraphs.
    part: str | None = None

    def describe(self) -> str:
        """The location in words a clerk understands, e.g. '第2页 表3 第4行第2列' or '页眉 第1段'."""
        if self.part is not None and self.table is None:
            return f"{self.part} 第{self.line}段" if self.line is not None else self.part
        parts = [] if self.part is None else [self.part]
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        if self.row is not None and self.col is not None:
            parts.append(f"第{self.row}行第{self.col}列")
        elif self.line is not None:
            parts.append(f"第{self.line}行")
        return " ".join(parts) or "位置不明"


@dataclass(frozen=True)
class SourceLine:
    """One line of running text (a paragraph, a heading, or a flattened table row)."""

    text: str
    loc: Location


@dataclass(frozen=True)
class SourceCell:
    """One cell of a rectangular grid.

    Merged cells are expanded: every grid position covered by a merged cell holds a SourceCell
    with the same text, and `origin` is the location of the top-left cell of the merge (None when
    the cell is not part of a merge or is itself the origin).
    """

    text: str
    loc: Location
    origin: Location | None = None


@dataclass(frozen=True)
class SourceTable:
    """A table as a rectangular grid of cells (rows of equal length after merge expansion)."""

    rows: tuple[tuple[SourceCell, ...], ...]
    loc: Location


@dataclass
class SourceDocument:
    """A report file as extracted: its blocks in reading order and what the reader noticed."""

    path: str
    kind: str  # "text", "markdown", "html", "docx", "pdf", "xlsx"
    blocks: list[SourceLine | SourceTable] = field(default_factory=list)
    pages: int | None = None
    # False for a scanned PDF whose pages carry no text layer (see readers.pdf).
    has_text_layer: bool = True
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[SourceLine]:
        return [b for b in self.blocks if isinstance(b, SourceLine)]

    def tables(self) -> list[SourceTable]:
        return [b for b in self.blocks if isinstance(b, SourceTable)]
