"""Plain text and Markdown: every line is a SourceLine; Markdown pipe tables become SourceTables.

Text extracted from PDFs and web pages keeps tables as loose lines (one cell per line, or cells
separated by tabs); recognising those is the interpreter's job, so they stay lines here. Only a
run of lines that are plainly a pipe table (`| a | b |`, with or without the `|---|` rule) is
turned into a grid.
"""

from __future__ import annotations

import re

from gongkai.core.reports.readers.sniff import ReadError, decode_text
from gongkai.core.reports.source import Location, SourceCell, SourceDocument, SourceLine, SourceTable

RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    if set(stripped) == {"|"}:
        return False  # pipes alone: a page copy's collapsed empty cells, not a table row
    return stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def read(data: bytes, name: str) -> SourceDocument:
    text = decode_text(data)
    if text is None:
        raise ReadError(f"{name}：无法识别文字编码（支持 UTF-8、GB18030/GBK、UTF-16）。")
    kind = "markdown" if name.lower().endswith((".md", ".markdown")) else "text"
    document = SourceDocument(path=name, kind=kind)
    lines = text.lstrip("\ufeff").splitlines()
    table_number = 0
    index = 0
    while index < len(lines):
        if not _is_pipe_row(lines[index]):
            document.blocks.append(SourceLine(lines[index], Location(line=index + 1)))
            index += 1
            continue
        start = index
        while index < len(lines) and (_is_pipe_row(lines[index]) or RULE.match(lines[index])):
            index += 1
        table_number += 1
        document.blocks.append(_table(lines, start, index, table_number))
    return document


def _table(lines: list[str], start: int, end: int, number: int) -> SourceTable:
    rows = [(i, _cells(lines[i])) for i in range(start, end) if not RULE.match(lines[i])]
    width = max(len(cells) for _, cells in rows)
    grid = tuple(
        tuple(
            _cell(cells, col, Location(line=i + 1, table=number, row=r, col=col + 1)) for col in range(width)
        )
        for r, (i, cells) in enumerate(rows, start=1)
    )
    return SourceTable(grid, Location(line=start + 1, table=number))


def _cell(cells: list[str], col: int, loc: Location) -> SourceCell:
    if col < len(cells):
        return SourceCell(cells[col], loc)
    # A row shorter than the table prints a label merged over the columns it lacks (web tables
    # copied as pipe rows): those positions continue the row's first cell, they are not blank
    # cells, or the row's values would be read one column off.
    return SourceCell("", loc, origin=Location(line=loc.line, table=loc.table, row=loc.row, col=1))
