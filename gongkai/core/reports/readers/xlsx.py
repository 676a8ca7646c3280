"""Reader for Excel workbooks (.xlsx/.xlsm): one SourceTable per non-empty worksheet.

Scope:
- The container is checked first (readers.sniff.open_zip: broken zip, more than 50 MB declared
  after decompression, too many members -> ReadError), then opened with openpyxl in read-only
  mode with cached values (data_only). Merged ranges, which read-only mode does not expose, are
  read from each sheet's <mergeCells> and expanded: covered positions carry the origin's text.
- Each sheet becomes a SourceLine with the sheet's name (located at the table's number) followed
  by its table. The grid starts at A1, so a cell's row/col are its Excel row and column numbers;
  trailing empty rows and columns are trimmed.
- Values are shown as Excel would: integers without ".0", floats in the General format with 11
  significant digits (21552.900000001 -> 21552.9), fixed-decimal formats such as 0.00 or
  "0.00_ " honoured (padding, colours and quoted units ignored: "0.00\"万元\"" shows 20.30),
  percentages, thousands separators, dates as YYYY-MM-DD, booleans as TRUE/FALSE.
- A formula without a cached value (workbooks written by scripts) reads as empty, with a warning.

Known limits: custom number formats beyond decimals/percent/thousands (e.g. "0件", conditional
sections) are shown as General; hidden rows and columns are read like visible ones (hidden
sheets are read and flagged); charts, images and text boxes are ignored; .xls (binary) is not
supported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
from openpyxl.utils.cell import range_boundaries

from gongkai.core.reports.readers.grid import GridBuilder, GridTooLarge
from gongkai.core.reports.readers.sniff import ReadError, open_zip
from gongkai.core.reports.source import Location, SourceDocument, SourceLine

MAX_ROWS = 20_000
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)["']""")
# A formula whose cached value is missing or empty: <f>..</f> followed by <v></v>, <v/> or </c>.
_UNCACHED = re.compile(
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)"
)
# Parts of a number format that do not change the digits: padding (_x), colours and locales
# ([Red], [$-804]), quoted literals and escaped characters (Chinese Excel's default is "0_ ").
_FORMAT_NOISE = re.compile(r'_.|\[[^\]]*\]|"[^"]*"|\\.|\*.')
_DECIMALS = re.compile(r"^[#,]*0(?:\.(0+))?(%?)$")


def read(data: bytes, name: str) -> SourceDocument:
    if not data.strip():
        raise ReadError(f"{name}：文件为空。")
    archive = open_zip(data, name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises many types (KeyError, ValueError, XML errors) on bad files
        raise ReadError(f"{name}：无法作为Excel工作簿打开（{type(exc).__name__}）。") from exc
    document = SourceDocument(path=name, kind="xlsx")
    try:
        _read_sheets(workbook, archive, document, name)
    except ReadError:
        raise
    except Exception as exc:  # a sheet whose XML is broken part-way
        raise ReadError(f"{name}：工作表内容已损坏，无法读取（{type(exc).__name__}）。") from exc
    finally:
        workbook.close()
    if not document.tables():
        document.warnings.append(f"{name}：工作簿中没有数据。")
    return document


def _read_sheets(
    workbook: openpyxl.Workbook, archive: zipfile.ZipFile, document: SourceDocument, name: str
) -> None:
    table_no = 0
    uncached = 0
    for sheet in workbook.worksheets:
        if not hasattr(sheet, "iter_rows"):  # chart sheets
            continue
        sheet.reset_dimensions()  # declared dimensions are often wrong; read what is there
        grid = GridBuilder()
        cells: dict[tuple[int, int], str] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if cell.row > MAX_ROWS:
                    document.warnings.append(f"工作表“{sheet.title}”超过{MAX_ROWS}行，其余行未读取。")
                    break
                cells[(cell.row - 1, cell.column - 1)] = display(cell.value, cell.number_format)
            else:
                continue
            break
        raw = _sheet_xml(archive, getattr(sheet, "_worksheet_path", None))
        merges = _merges(raw)
        uncached += len(_UNCACHED.findall(raw))
        if not cells and not merges:
            continue
        table_no += 1
        try:
            for r0, c0, r1, c1 in merges:
                grid.place(r0, c0, cells.pop((r0, c0), ""), r1 - r0 + 1, c1 - c0 + 1)
            for (r, c), text in cells.items():
                if (r, c) not in grid.owner:
                    grid.place(r, c, text)
                elif text:
                    document.warnings.append(
                        f"工作表“{sheet.title}”：合并区域内的单元格有被遮盖的内容“{text}”。"
                    )
        except GridTooLarge:
            document.warnings.append(f"工作表“{sheet.title}”过大，已跳过。")
            table_no -= 1
            continue
        _trim(grid)
        if getattr(sheet, "sheet_state", "visible") != "visible":
            document.warnings.append(f"工作表“{sheet.title}”为隐藏工作表。")
        document.blocks.append(SourceLine(sheet.title, Location(table=table_no)))
        document.blocks.append(grid.build(table_no))
    if uncached:
        document.warnings.append(f"{name}：有{uncached}个公式单元格没有保存计算结果，读作空白。")


def _sheet_xml(archive: zipfile.ZipFile, path: str | None) -> bytes:
    if not path:
        return b""
    try:
        return archive.read(path.lstrip("/"))
    except KeyError:
        return b""


def _merges(raw: bytes) -> list[tuple[int, int, int, int]]:
    result = []
    for ref in _MERGE.findall(raw):
        try:
            c0, r0, c1, r1 = range_boundaries(ref.decode("ascii").upper())
        except ValueError:
            continue
        if None not in (c0, r0, c1, r1) and r0 <= MAX_ROWS:
            result.append((r0 - 1, c0 - 1, min(r1, MAX_ROWS) - 1, c1 - 1))
    return result


def _trim(grid: GridBuilder) -> None:
    """Drop trailing rows and columns in which no position carries text."""
    used_rows = {r for (r, c), o in grid.owner.items() if grid.text.get(o)} | {r for (r, c) in grid.text}
    used_cols = {c for (r, c), o in grid.owner.items() if grid.text.get(o)} | {c for (r, c) in grid.text}
    grid.n_rows = max(used_rows, default=-1) + 1
    grid.n_cols = max(used_cols, default=-1) + 1


def display(value: object, number_format: str | None = "General") -> str:
    """A cell value as Excel shows it (see the module docstring for what is covered)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, int):
        return _thousands(str(value), number_format)
    if isinstance(value, float):
        return _number(value, number_format or "General")
    return str(value).strip()


def _number(value: float, number_format: str) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    match = _DECIMALS.match(_FORMAT_NOISE.sub("", number_format.split(";")[0]).strip())
    if match:
        places = len(match.group(1) or "")
        if match.group(2):
            return f"{value * 100:.{places}f}%"
        return _thousands(f"{value:.{places}f}", number_format)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.11g}"
    if "e" in text:
        text = f"{value:.15g}"
    return text


def _thousands(text: str, number_format: str | None) -> str:
    if not number_format or "," not in number_format:
        return text
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + (f".{frac}" if frac else "")
