"""From an extracted file (SourceDocument) to an AnnualReport: find the six sections, the title,
year and date, and every cell of the three tables in whichever layout the file follows.

The file is flattened into a stream of cells in reading order: real table rows give their cells
(each merged cell once); a line of text gives its tab- or pipe-separated pieces, or itself; an
empty line separates rows. Each official row is then looked up by its label inside its section
(rows.py: official wording and damaged or split labels by similarity, aligned to the template's
row order by align.py, unlabelled rows placed by their neighbours), and the values that follow it are taken in column order. That copes with one
cell per line (seed 001), tab rows with rows lost (seed 000) and pipe rows (seed 003) alike. A
row whose label is not found, and cells beyond the values found, are reported as missing, never
as zero; a row that can be read several ways is decided by the table's sums (evidence.py) or
left missing. Table 2 is read in the shape the file prints (the 2019 single （六） row in a 2021
report), which the checks then flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongkai.core.reports.evidence import settle
from gongkai.core.reports.labels import core, normalise
from gongkai.core.reports.layouts import SECTION_HEADINGS, TableLayout, template_for_year
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus, is_value_text, parse_value
from gongkai.core.reports.rows import COLLAPSED_CELLS, read_rows
from gongkai.core.reports.source import Location, SourceDocument, SourceLine

SEPARATOR = None
# A line of three or more pipes and nothing else (a page copied one cell per line): see
# rows.COLLAPSED_CELLS; such a row is left missing.
COLLAPSED = re.compile(r"^\s*\|{3,}\s*$")
DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
TITLE_YEAR = re.compile(r"(20\d\d)\s*年.{0,20}?(?:政府信息公开|信息公开).{0,6}?年度报告")
OTHER_SUB_ROWS = ("逾期不补正", "逾期不予补正", "逾期未按收费通知", "缴纳费用")
T3_HEADERS = {
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
}


@dataclass(frozen=True)
class Piece:
    text: str
    loc: Location
    record: int  # pieces of one table row or one line of text share a record number


# The document as one list of pieces, None where a line or paragraph ends.
Stream = list[Piece | None]


def flatten(document: SourceDocument) -> Stream:
    stream: list[Piece | None] = []
    record = 0
    previous = ""
    for block in document.blocks:
        if isinstance(block, SourceLine):
            record += 1
            text = block.text.strip()
            # Pages copied one cell per line sometimes put each cell's closing pipe on a line of
            # its own ('0' / '|'): that pipe closes the cell above, it is not an empty cell
            # (which such copies print as a lone '|' after a line that ends in one).
            if not (text == "|" and previous and not previous.endswith("|")):
                stream += _line_pieces(block, record)
            previous = text
            continue
        previous = ""
        for row in block.rows:
            record += 1
            stream += [Piece(cell.text, cell.loc, record) for cell in row if cell.origin is None]
            stream.append(SEPARATOR)
    return stream


def _line_pieces(line: SourceLine, record: int) -> list[Piece | None]:
    text = line.text.rstrip("\r\n")
    if "\t" not in text and not text.strip():
        return [SEPARATOR]  # an empty line ends a row; a line of tabs is blank cells
    if COLLAPSED.match(text):
        return [Piece(COLLAPSED_CELLS, line.loc, record)]
    if "|" in text:
        parts = [part.strip() for part in text.strip().strip("|").split("|")]
    elif "\t" in text:
        # A leading tab is the cell's own indentation in text extracted one cell per line.
        parts = [part.strip() for part in text[1:].split("\t")] if text.startswith("\t") else text.split("\t")
    else:
        parts = [text.strip().lstrip("#").strip()]
    return [Piece(part.strip(), line.loc, record) for part in parts]


def interpret(document: SourceDocument) -> AnnualReport:
    stream = flatten(document)
    texts = [line.text for line in document.lines()]
    year, title = _title_and_year(texts)
    template, how = _template(stream, year)
    report = AnnualReport(path=document.path, template=template, year=year, title=title, text=texts)
    report.body_name = _body_name(title)
    report.warnings += list(document.warnings)
    if how:
        report.warnings.append(how)
    report.sections = _sections(document)
    report.signed_on = _signature_date(texts)
    regions = _regions(stream)
    start, end = regions.get("t2", (0, len(stream)))
    report.table2_template = _table2_template(template, stream, start, end)
    pending = []
    for table in report.layout.tables:
        start, end = regions.get(table.key, (0, len(stream)))
        if table.key == "t3":
            if "t3" not in regions:
                start = _table3_headers(stream, regions.get("t2", (0, 0))[0])
            _read_table3(report, table, stream, start, end)
        else:
            pending += read_rows(report, table, stream, start, end)
    report.readings += settle(report, pending)
    return report


def _table2_template(template: str, stream: Stream, start: int, end: int) -> str | None:
    """The other template's table 2 when the file prints it: a 2021 report with the single 2019
    row （六）其他处理 followed by its values, or a 2019 report with the 2021 sub-rows of （六）."""
    labels = [normalise(p.text) for p in stream[start:end] if p is not None and p.text.strip()]
    sub_rows = any(marker in text for text in labels for marker in OTHER_SUB_ROWS)
    if template == "2021" and not sub_rows:
        for index in range(start, end - 1):
            piece, nxt = stream[index], stream[index + 1]
            if (
                piece is not None
                and core(piece.text) == "其他处理"
                and nxt is not None
                and is_value_text(nxt.text)
            ):
                return "2019"
    if template == "2019" and sub_rows:
        return "2021"
    return None


def _title_and_year(texts: list[str]) -> tuple[int | None, str]:
    head = " ".join(t.strip() for t in texts[:8] if t.strip())
    match = TITLE_YEAR.search(head.replace(" ", ""))
    title = head[:80]
    return (int(match.group(1)) if match else None), title


def _body_name(title: str) -> str:
    """'燎原街道办事处 2020 年 政府信息公开…' -> '燎原街道办事处' (the text before the year)."""
    match = re.match(r"^[#\s]*(.*?)\s*20\d\d\s*年", title)
    return re.sub(r"\s+", "", match.group(1)) if match else ""


def _template(stream: Stream, year: int | None) -> tuple[str, str]:
    text = "".join(normalise(p.text) for p in stream if p is not None)
    if any(marker in text for marker in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")):
        return "2021", ""
    if any(
        marker in text for marker in ("本年新制作数量", "对外公开总数量", "采购项目数量", "上一年项目数量")
    ):
        return "2019", ""
    if year is not None:
        return template_for_year(year), "表格未能识别格式，按年度推定。"
    return "2021", "表格未能识别格式，也无法确定年度，按2021年格式读取。"


def _sections(document: SourceDocument) -> list[tuple[str, str, Location]]:
    found = []
    for line in document.lines():
        text = normalise(line.text).lstrip("#")
        for number, keywords in SECTION_HEADINGS:
            if text.startswith(f"{number}、") and any(k in text[:40] for k in keywords) and len(text) < 60:
                found.append((number, line.text.strip().lstrip("#").strip(), line.loc))
    return found


def _signature_date(texts: list[str]) -> date | None:
    """The date under the signature: a line near the end that holds a date and little else
    (a sentence like 「统计期限自…至2023年12月31日止」 is not a signature)."""
    for text in reversed(texts[-25:]):
        match = DATE.search(text)
        if match and len(text.strip()) <= len(match.group(0)) + 4:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


def _regions(stream: Stream) -> dict[str, tuple[int, int]]:
    """Where each table's section starts and ends in the stream (section headings 二/三/四/五)."""
    marks = {}
    for index, piece in enumerate(stream):
        if piece is None:
            continue
        text = normalise(piece.text).lstrip("#")
        for number, keywords in SECTION_HEADINGS[1:5]:
            if number not in marks and text.startswith(f"{number}、") and any(k in text for k in keywords):
                marks[number] = index
    regions = {}
    for key, (first, after) in {"t1": ("二", "三"), "t2": ("三", "四"), "t3": ("四", "五")}.items():
        if first in marks:
            regions[key] = (marks[first], marks.get(after, len(stream)))
    return regions


def _cell(table: str, row: str, column: str, values: list[Piece], index: int) -> Cell:
    if index >= len(values):
        return Cell(table, row, column, CellStatus.MISSING)
    piece = values[index]
    parsed = parse_value(piece.text)
    return Cell(table, row, column, parsed.status, parsed.value, piece.text, piece.loc)


def _table3_headers(stream: Stream, after: int) -> int:
    """Where table 3 starts in a file without its section heading: at its own header cells
    (「行政复议」 followed closely by 「结果维持」). Without them the table is not in the file and
    its cells stay missing; reading 15 numbers from anywhere would take table 2's."""
    for index in range(after, len(stream)):
        piece = stream[index]
        if piece is None or normalise(piece.text) != "行政复议":
            continue
        window = [p for p in stream[index + 1 : index + 12] if p is not None]
        if any(normalise(p.text) == "结果维持" for p in window):
            return index
    return len(stream)


def _read_table3(report: AnnualReport, table: TableLayout, stream: Stream, start: int, end: int) -> None:
    after_headers = start
    for index in range(start, end):
        piece = stream[index]
        if piece is not None and normalise(piece.text) in T3_HEADERS:
            after_headers = index + 1
    row = table.rows[0]
    values = [p for p in stream[after_headers:end] if p is not None and is_value_text(p.text)]
    values = (
        [p for p in values if p.text.strip()] if len([p for p in values if p.text.strip()]) >= 15 else values
    )
    for index, column in enumerate(row.columns):
        report.cells[("t3", row.key, column)] = _cell("t3", row.key, column, values[:15], index)
