"""Finding the rows of tables 1 and 2 in the flattened stream, and every way to read their values.

Every place where a row's label may stand is a Match (_Finder.matches): the official wording
(numbering, brackets and spacing aside, continued in the next pieces of its line), or - for labels
damaged by typing or OCR, split over two cells or lines - 1 to 3 pieces joined whose best match
among the table's rows is clearly this row. align.align() then chooses the matches that fit the
template's fixed row order best; rows with no label, or a label too damaged to be theirs, are
placed between their aligned neighbours when the printed rows there are as many as the template's
(each with a ROW-BY-PLACE finding); every row still not placed is missing with a ROW-NOT-FOUND
finding that says which rows and why.

The values are read as printed. When a text can be read several ways ('3 0': one wrapped number,
or two cells or two rows run together), or one label cell holds two rows' labels (two rows glued
at a page break), every reading is returned as an Ambiguity for evidence.settle() to decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice, product
from typing import TYPE_CHECKING, TypeGuard, cast

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from gongkai.core.reports.align import Match, PrintedRow, Step, align, label_score
from gongkai.core.reports.evidence import Ambiguity
from gongkai.core.reports.labels import core, item_number, similarity, similarity_key
from gongkai.core.reports.layouts import TABLE_NAMES, Row, TableLayout
from gongkai.core.reports.model import AnnualReport, Cell, ReadingNote
from gongkai.core.reports.numbers import CellStatus, digit_groups, is_value_text, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gongkai.core.reports.interpret import Piece, Stream

CellKey = tuple[str, str, str]
Option = dict[CellKey, Cell]
SIMILAR = 0.8  # a damaged label must score at least this against its row...
MARGIN = 0.08  # ...and this much more than against any other row of the table
RANKED_FLOOR = SIMILAR - MARGIN  # so lower scores never decide a match or its margin
MAX_PIECES = 3  # a label split over more pieces than this is not looked for
MAX_LABEL = 90  # longer texts are sentences, not labels
MAX_READINGS = 256
# The piece interpret.flatten() writes for a line of pipes alone: a row's empty cells collapsed
# into one line after its numbers, so which columns hold the numbers is lost.
COLLAPSED_CELLS = "|||"
HEADER_REACH = 8  # pieces either side of a heading-like label where other headings are looked for


def read_rows(
    report: AnnualReport, table: TableLayout, stream: Stream, start: int, end: int
) -> list[Ambiguity]:
    """Fill report.cells for every row of `table`; return the rows that need the arithmetic."""
    pending: list[Ambiguity] = []
    finder = _Finder(table, stream, end)
    rows = table.rows

    scans: dict[tuple[int, int], _PrintedFrom] = {}
    agrees: dict[tuple[int, str], bool] = {}
    lines = _Lines(stream, start, end)
    # same_columns_until[i]: where the run of rows with as many columns as row i, from i, ends.
    same_columns_until = [len(rows)] * len(rows)
    for i in range(len(rows) - 2, -1, -1):
        if len(rows[i + 1].columns) == len(rows[i].columns):
            same_columns_until[i] = same_columns_until[i + 1]
        else:
            same_columns_until[i] = i + 1

    def between(p: int, below: Match) -> list[tuple[str, list[Piece]]] | None:
        """The rows printed from p to the label of `below`, each with as many values as the row
        just above it in the template has columns."""
        count = len(rows[below.row - 1].columns)
        if (p, count) not in scans:
            scans[(p, count)] = _PrintedFrom(stream, p, count, lines.starting(p, count), limit=len(rows))
        # Rows can be placed only after a row aligned by its label: at most below.row - 1.
        return scans[(p, count)].upto(below.first, limit=below.row - 1)

    def fits(first: int, found: Sequence[PrintedRow]) -> bool:
        """Rows first, first+1, ... can be read from the printed rows `found` by place: they have
        the table's columns, and each label (when there is one) agrees with its place (_agrees)."""
        if same_columns_until[first] < first + len(found):
            return False
        gap = rows[first : first + len(found)]
        for index, (label, _) in enumerate(found):
            key = (first + index, label)
            if key not in agrees:
                agrees[key] = _agrees(finder, gap[index], label)
            if not agrees[key]:
                return False
        return True

    steps = align(len(rows), start, end, finder.matches(start), between, fits)
    # Where each row aligned stands: (first stream index of its label, index after its values).
    spans: dict[int, tuple[int, int]] = {}
    for step in steps:
        row = rows[step.row]
        if step.match is None:
            label, printed_values = step.printed or ("", [])
            _read_values(report, table, row, cast("list[Piece]", printed_values), pending)
            report.readings.append(_by_place_note(table, step, label))
            spans[step.row] = (-1, -1)
            continue
        match = step.match
        spans[step.row] = (match.first, match.after)
        values = values_after(stream, match.last + 1, end, len(row.columns))
        if len(values) < len(row.columns) and _collapsed_next(
            stream, match.after if values else match.last + 1, end
        ):
            report.cells.update(_missing(table, row))  # its numbers' columns are lost: never guess
            report.warnings.append(f"“{row.label}”行：空白单元格合并成一行，数字所在的列无法确定。")
            continue
        # Fewer values than columns even with every 「5 1」 read as two cells: the rest is lost.
        if match.rows == 1 and sum(max(1, len(digit_groups(p.text))) for p in values) < len(row.columns):
            report.readings.append(_values_short_note(table, row, match, len(values)))
        if match.rows == 2:
            following = rows[step.row + 1]
            spans[step.row + 1] = spans[step.row]
            what = f"“{row.label}”与“{following.label}”两行粘连成一行（分页处两行接续）"
            shown = " | ".join(piece.text for piece in values)
            pending.append(Ambiguity(what, shown, _glued_options(table, row, following, values)))
            continue
        _read_values(report, table, row, values, pending)
    _missing_rows(report, table, stream, spans)
    return pending


def _by_place_note(table: TableLayout, step: Step, label: str) -> ReadingNote:
    rows = table.rows
    row = rows[step.row]
    keys = tuple((table.key, row.key, column) for column in row.columns)
    shown = f"标签印作“{label}”" if label else "没有标签"
    message = (
        f"{TABLE_NAMES[table.key]}“{row.label}”行{shown}，位于“{rows[step.above].label}”行与"
        f"“{rows[step.below].label}”行之间，按表格固定的行序读作该行。"
    )
    return ReadingNote(True, message, keys, code="ROW-BY-PLACE")


def _values_short_note(table: TableLayout, row: Row, match: Match, found: int) -> ReadingNote:
    """A row found by its label with fewer values after it than it has columns (the copy was cut
    there, or the cells were lost): the cells beyond those printed are missing, and why."""
    keys = tuple((table.key, row.key, column) for column in row.columns[found:])
    printed = f"只印有{found}个数值（该行有{len(row.columns)}列）" if found else "没有印出数值"
    message = (
        f"{TABLE_NAMES[table.key]}“{row.label}”行：标签“{match.text}”之后{printed}，"
        "缺少的单元格按缺失处理，不猜测数值。"
    )
    return ReadingNote(False, message, keys, code="ROW-VALUES-SHORT")


def _missing_rows(
    report: AnnualReport,
    table: TableLayout,
    stream: Stream,
    spans: dict[int, tuple[int, int]],
) -> None:
    """Every run of rows the alignment could not place: missing, with a note saying why."""
    rows = table.rows
    index = 0
    while index < len(rows):
        if index in spans:
            index += 1
            continue
        last = index
        while last + 1 < len(rows) and last + 1 not in spans:
            last += 1
        run = rows[index : last + 1]
        for row in run:
            report.cells.update(_missing(table, row))
        above = max((i for i in spans if i < index), default=None)
        below = min((i for i in spans if i > last), default=None)
        why = _why_missing(table, stream, spans, run, above, below)
        named = f"“{run[0].label}”" + (f"至“{run[-1].label}”共{len(run)}行" if len(run) > 1 else "行")
        keys = tuple((table.key, row.key, column) for row in run for column in row.columns)
        message = f"{TABLE_NAMES[table.key]}{named}未能定位：{why}，这些单元格按缺失处理，不猜测数值。"
        report.readings.append(ReadingNote(False, message, keys, code="ROW-NOT-FOUND"))
        index = last + 1


def _why_missing(
    table: TableLayout,
    stream: Stream,
    spans: dict[int, tuple[int, int]],
    run: tuple[Row, ...],
    above: int | None,
    below: int | None,
) -> str:
    rows = table.rows
    these = "这些行" if len(run) > 1 else "该行"
    if above is None and below is None:
        return "表中没有找到任何一行的标签"
    if above is None:
        return f"在“{rows[below].label}”行之前没有找到{these}的标签"  # type: ignore[index]
    if below is None:
        return f"在“{rows[above].label}”行之后没有找到{these}的标签"
    where = f"在“{rows[above].label}”行与“{rows[below].label}”行之间没有找到{these}的标签"
    end, start = spans[above][1], spans[below][0]
    if end < 0 or start < 0:
        return where
    printed = _printed_rows(stream, end, start, len(run[0].columns))
    if printed is None:
        return f"{where}，其间的数值不能按行分开"
    if len(printed) != len(run):
        return f"{where}，其间印有{len(printed)}行数值，而表格在此有{len(run)}行，无法确定各是哪一行"
    shown = "、".join(f"“{label}”" for label, _ in printed if label)
    return f"{where}，其间印有的标签{shown}与行序不符（序号不同，或更像别的行的标签）"


def _read_values(
    report: AnnualReport, table: TableLayout, row: Row, values: list[Piece], pending: list[Ambiguity]
) -> None:
    options = readings(table, row, values)
    if len(options) == 1 and not any(digit_groups(piece.text) for piece in values):
        report.cells.update(options[0])
    else:
        shown = "、".join(piece.text for piece in values if digit_groups(piece.text))
        pending.append(Ambiguity(f"“{row.label}”行", shown, options))


PrintedLine = tuple[int, int, "tuple[str, list[Piece]] | None | bool"]


def _printed_rows(
    stream: Stream, start: int, end: int, count: int, limit: int | None = None
) -> list[tuple[str, list[Piece]]] | None:
    """(label text, values) of each line or table row in stream[start:end] that holds `count`
    values after its label (or alone); lines with no value (a group heading, a label alone on its
    line) are passed over. None when a line holds some values but not `count`: rows are not
    reassembled from pieces here; None too when there are more than `limit` such lines."""
    printed: list[tuple[str, list[Piece]]] = []
    for _, _, row in _printed_lines(stream, start, end, count):
        if row is False:
            return None
        if row:
            printed.append(row)  # type: ignore[arg-type]
            if limit is not None and len(printed) > limit:
                return None
    return printed


def _printed_lines(stream: Stream, start: int, end: int, count: int) -> Iterator[PrintedLine]:
    """(first index, last index, what) of each line or table row in stream[start:end]: what is
    (label text, values) for a row of `count` values, None for a line with no value, False for a
    line that is not one row."""
    index = start
    while index < end:
        piece = stream[index]
        if piece is None:
            index += 1
            continue
        record = piece.record
        last = index
        while last + 1 < end and _in_record(stream[last + 1], record):
            last += 1
        pieces = [p for p in stream[index : last + 1] if p is not None]
        labels = [i for i in range(index, last + 1) if _is_label(stream[i])]
        values_from = labels[-1] + 1 if labels else index
        values = [p for p in stream[values_from : last + 1] if p is not None]
        row: tuple[str, list[Piece]] | None | bool = None
        if labels and any(not is_value_text(p.text) for p in values):
            row = False  # label text after the values: not one row
        elif any(p.text.strip() for p in values):
            while len(values) > count and not values[0].text:  # empty cells under a merged label
                values.pop(0)
            row = ("".join(p.text for p in pieces if _is_label(p)), values) if len(values) == count else False
        yield index, last, row
        index = last + 1


class _Lines:
    """The lines of stream[start:end] as _printed_lines reads them, for each count of values,
    read once: the lines from any place where one of them begins are the rest of these (a line is
    a run of one record's pieces, and what it holds depends only on its pieces), so the alignment's
    many questions from each row's end cost no new scan of the stream."""

    def __init__(self, stream: Stream, start: int, end: int) -> None:
        self.stream, self.start, self.end = stream, start, end
        self._read: dict[int, tuple[list[PrintedLine], dict[int, int]]] = {}

    def starting(self, p: int, count: int) -> Iterable[PrintedLine]:
        """_printed_lines(stream, p, end, count)."""
        if count not in self._read:
            lines = list(_printed_lines(self.stream, self.start, self.end, count))
            self._read[count] = (lines, {line[0]: k for k, line in enumerate(lines)})
        lines, first = self._read[count]
        while p < self.end and self.stream[p] is None:  # as _printed_lines passes over them
            p += 1
        k = first.get(p)
        if k is None:  # p stands inside a line: read from there
            return _printed_lines(self.stream, p, self.end, count)
        return islice(lines, k, None)


class _PrintedFrom:
    """The rows printed from a place to each label after it (_printed_rows), from one scan of the
    stream's lines from there: the alignment asks for them from every row's end to every later
    label."""

    def __init__(
        self, stream: Stream, start: int, count: int, lines: Iterable[PrintedLine], limit: int
    ) -> None:
        self.stream, self.start, self.count = stream, start, count
        self.lines: list[PrintedLine] = []
        self.complete = True  # False when the scan stopped at more than `limit` rows
        rows = 0
        for line in lines:
            self.lines.append(line)
            rows += bool(line[2])
            if line[2] is False:
                break
            if rows > limit:
                self.complete = False
                break

    def upto(self, end: int, limit: int) -> list[tuple[str, list[Piece]]] | None:
        printed: list[tuple[str, list[Piece]]] = []
        for first, last, row in self.lines:
            if first >= end:
                break
            if last >= end:  # the line goes on past `end`: read it as cut there
                return _printed_rows(self.stream, self.start, end, self.count, limit)
            if row is False:
                return None
            if row:
                printed.append(row)  # type: ignore[arg-type]
        else:
            if not self.complete:
                return None
        return printed if len(printed) <= limit else None


LOOSE = 0.5  # a label placed by its neighbours must still look like its row this much


def _agrees(finder: _Finder, row: Row, label: str) -> bool:
    if not label:
        return True
    if any(finder.claims(label, other) for other in finder.table.rows if other.key != row.key):
        return False
    if max(similarity(label, text) for text in (row.label, *row.aliases)) < LOOSE:
        return False
    number, own = item_number(label), item_number(row.label)
    return number is None or own is None or number == own


class _Finder:
    def __init__(self, table: TableLayout, stream: Stream, end: int) -> None:
        self.table, self.stream, self.end = table, stream, end
        self.scores: dict[str, list[tuple[float, str]]] = {}
        # Every label and alias of the table, as similarity() compares them, with its row's key.
        pairs = [(r.key, similarity_key(label)) for r in table.rows for label in (r.label, *r.aliases)]
        self._choices = ([key for key, _ in pairs], [text for _, text in pairs])
        # Each row's official wording and aliases as core() reads them, and each row's place.
        self._label_cores = [tuple(core(label) for label in (r.label, *r.aliases)) for r in table.rows]
        self._place = {r.key: index for index, r in enumerate(table.rows)}
        self._exact: dict[str, tuple[int, ...]] = {}

    def matches(self, start: int) -> list[Match]:
        """Every place in stream[start:end] where a row's label may stand: its official wording
        (continued in the next pieces of its line), or 1..MAX_PIECES pieces joined that are clearly
        the row's best match in the table (similarity at least SIMILAR, MARGIN above any other)."""
        found = []
        rows = self.table.rows
        for i in range(start, self.end):
            piece = self.stream[i]
            if not _is_label(piece) or self._column_header(i):
                continue
            exact = self.exact_rows(piece.text)
            if exact:
                last, text = self._extend(i)  # the same label, whichever row it is read as
                found += [self._match(index, i, last, text, None) for index in exact]
            similar: dict[int, tuple[float, int, str]] = {}
            for last, text in self._groups(i):
                ranked = self._ranked(text)
                (score, key), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
                if score < SIMILAR or score - runner_up < MARGIN:
                    continue
                index = next(k for k, r in enumerate(rows) if r.key == key)
                if index not in exact and (index not in similar or score >= similar[index][0]):
                    similar[index] = (score, last, text)
            for index, (score, last, text) in similar.items():
                found.append(self._match(index, i, last, text, score))
        return found

    def _match(self, index: int, start: int, last: int, text: str, score: float | None) -> Match:
        rows, stream = self.table.rows, self.stream
        row = rows[index]
        values = values_after(stream, last + 1, self.end, len(row.columns))
        after = last + 1
        if values:  # the next row is looked for after these values (pieces compare by identity)
            after = next(i for i in range(last + 1, self.end) if stream[i] is values[-1]) + 1
        glued = (
            index + 1 < len(rows)
            and not (len(values) < len(row.columns) and _collapsed_next(stream, after, self.end))
            and _holds_next(text, row, rows[index + 1])
        )
        return Match(
            index,
            start,
            min(start, _label_start(stream, last)),
            last,
            text,
            # Two rows' labels, each as good as the one matched.
            label_score(score, text, row.label, len(values) == len(row.columns)) * (2 if glued else 1),
            after,
            2 if glued else 1,
        )

    def claims(self, text: str, row: Row) -> bool:
        """Is `text` the label of `row`, as printed or clearly its best match when damaged?"""
        return self._place[row.key] in self.exact_rows(text) or self._score(text, row) is not None

    def exact_rows(self, text: str) -> tuple[int, ...]:
        """The rows (by place) whose official wording or an alias `text` is or begins with,
        numbering, brackets and spacing aside. Asked of every piece for every row: kept per text."""
        if text not in self._exact:
            found = core(text)
            self._exact[text] = tuple(
                index
                for index, cores in enumerate(self._label_cores)
                if found and any(found.startswith(label) for label in cores)
            )
        return self._exact[text]

    def _column_header(self, i: int) -> bool:
        """Is the piece a column heading that reads like a row label (the 「总计」 column of table 2
        against its row 「（七）总计」)? It is when other column headings stand next to it."""
        headings, distinct = self._headings()
        piece = self.stream[i]
        if piece is None or core(piece.text) not in headings:
            return False
        near = self.stream[max(0, i - HEADER_REACH) : i] + self.stream[i + 1 : i + 1 + HEADER_REACH]
        return any(p is not None and core(p.text) in distinct for p in near)

    def _headings(self) -> tuple[set[str], set[str]]:
        """The column headings, and those of them no row label shares (「自然人」, not 「总计」)."""
        if not hasattr(self, "_heading_cores"):
            headings = {core(column.label) for column in self.table.columns}
            labels = {core(label) for row in self.table.rows for label in (row.label, *row.aliases)}
            self._heading_cores = (headings, headings - labels)
        return self._heading_cores

    def _extend(self, i: int) -> tuple[int, str]:
        """The label continues in the next pieces of its record ('（二）部分公开' | '（区分处理的…）')."""
        piece = self.stream[i]
        if piece is None:  # find() extends only a label it matched
            return i, ""
        text = piece.text
        while i + 1 < self.end:
            nxt = self.stream[i + 1]
            if not _is_label(nxt) or nxt.record != piece.record or self.exact_rows(nxt.text):
                break
            text += nxt.text
            i += 1
        return i, text

    def _groups(self, i: int) -> Iterator[tuple[int, str]]:
        """(last index, joined text) of 1..MAX_PIECES consecutive label pieces starting at i."""
        text, count = "", 0
        for j in range(i, min(self.end, i + MAX_PIECES + 1)):
            piece = self.stream[j]
            if piece is None:
                if count == 0:
                    return
                continue
            if not _is_label(piece):
                return
            text += piece.text
            count += 1
            yield j, text
            if count == MAX_PIECES:
                return

    def _ranked(self, text: str) -> list[tuple[float, str]]:
        """(similarity, row key) of the rows of the table for `text`, best first. Scores below
        RANKED_FLOOR count as 0: a row that far off is neither a match nor a close runner-up."""
        if text not in self.scores:
            found = similarity_key(text)
            best: dict[str, float] = {}
            if found:
                for _, score, index in extract(
                    found, self._choices[1], scorer=ratio, score_cutoff=100 * RANKED_FLOOR, limit=None
                ):
                    key = self._choices[0][index]
                    best[key] = max(best.get(key, 0.0), score / 100)
            ranked = sorted(((best.get(r.key, 0.0), r.key) for r in self.table.rows), reverse=True)
            self.scores[text] = ranked
        return self.scores[text]

    def _score(self, text: str, row: Row) -> float | None:
        """The similarity of `text` to `row` when `row` is clearly its best match in the table."""
        ranked = self._ranked(text)
        (best, key), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
        if key == row.key and best >= SIMILAR and best - runner_up >= MARGIN:
            return best
        return None


def _label_start(stream: Stream, last: int) -> int:
    """The first stream index of the label whose last piece is at `last`: a group heading printed
    before it in its line or table row (「（三）不予公开」 before 「1.属于国家秘密」) is part of it."""
    piece = stream[last]
    first = last
    while (
        first > 0
        and _is_label(stream[first - 1])
        and _in_record(stream[first - 1], piece.record if piece else -1)
    ):
        first -= 1
    return first


def _in_record(piece: Piece | None, record: int) -> bool:
    return piece is not None and piece.record == record


def _value_in_record(piece: Piece | None, record: int) -> bool:
    return piece is not None and piece.record == record and is_value_text(piece.text)


def _empty(piece: Piece | None) -> bool:
    return piece is None or not piece.text.strip()


def _is_label(piece: Piece | None) -> TypeGuard[Piece]:
    return (
        piece is not None
        and bool(piece.text.strip())
        and len(piece.text) <= MAX_LABEL
        and not is_value_text(piece.text)
    )


def _holds_next(text: str, row: Row, following: Row) -> bool:
    """Does the label text go on with the next row's label ('（一）予以公开（二）部分公开…')?"""
    found = core(text)
    for label in (row.label, *row.aliases):
        own = core(label)
        if found.startswith(own) and len(found) > len(own):
            rest = core(found[len(own) :])
            if any(rest.startswith(core(nxt)) for nxt in (following.label, *following.aliases)):
                return True
    return False


def values_after(stream: Stream, start: int, end: int, count: int) -> list[Piece]:
    label = stream[start - 1]
    same_record = []
    for piece in stream[start:end]:
        if piece is None or label is None or piece.record != label.record or not is_value_text(piece.text):
            break
        same_record.append(piece)
    if len(same_record) > count:
        # A label cell merged over several columns leaves empty cells before the values in tab rows.
        while len(same_record) > count and not same_record[0].text:
            same_record.pop(0)
        return same_record[:count]
    values: list[Piece] = []
    lone = _alone(stream, start - 1)
    for index in range(start, end):
        piece = stream[index]
        if piece is None:
            if values and not (lone and _next_is_lone_value(stream, index, end)):
                break
            continue
        if not is_value_text(piece.text):
            break
        values.append(piece)
        if len(values) == count:
            break
    return values


def _collapsed_next(stream: Stream, index: int, end: int) -> bool:
    piece = stream[index] if index < end else None
    return piece is not None and piece.text == COLLAPSED_CELLS


def _alone(stream: Stream, index: int) -> bool:
    """Is the piece the only one of its line (text copied one cell per line or paragraph)?"""
    piece = stream[index]
    if piece is None:
        return False
    before = stream[index - 1] if index > 0 else None
    after = stream[index + 1] if index + 1 < len(stream) else None
    return not _in_record(before, piece.record) and not _in_record(after, piece.record)


def _next_is_lone_value(stream: Stream, index: int, end: int) -> bool:
    """After empty lines, does the row go on with a value alone on its line? Pages copied one
    cell per paragraph put an empty line between the cells of a row as well as between rows."""
    while index < end and stream[index] is None:
        index += 1
    if index >= end:
        return False
    piece = stream[index]
    return (
        piece is not None and bool(piece.text.strip()) and is_value_text(piece.text) and _alone(stream, index)
    )


def readings(table: TableLayout, row: Row, values: list[Piece]) -> list[Option]:
    """Every reading of the row's value pieces; one when nothing is ambiguous."""
    choices = []
    for piece in values:
        groups = digit_groups(piece.text)
        if not groups:
            choices.append([[(piece, piece.text)]])
            continue
        # One number wrapped in its cell; the first number with the row below glued on; or the
        # numbers of neighbouring cells run together.
        choices.append([[(piece, "".join(groups))], [(piece, groups[0])], [(piece, g) for g in groups]])
    if _count(choices) > MAX_READINGS:
        return [_option(table, row, [(piece, piece.text) for piece in values])]
    flats = [[part for choice in combo for part in choice] for combo in product(*choices)]
    full = [flat for flat in flats if len(flat) >= len(row.columns)] or flats
    return _unique([_option(table, row, flat) for flat in full])


def _glued_options(table: TableLayout, upper: Row, lower: Row, values: list[Piece]) -> list[Option]:
    """Two rows' values printed as one: each text holds the upper row's number, then the lower's."""
    choices = []
    for piece in values:
        groups = digit_groups(piece.text)
        if len(groups) > 2:
            return [{**_missing(table, upper), **_missing(table, lower)}]  # no reading to offer
        # A single number may belong to either row (the other one printed nothing).
        choices.append([(groups[:1], groups[1:])] if groups else [([piece.text], [""]), ([""], [piece.text])])
    if _count(choices) > MAX_READINGS:
        return [{**_missing(table, upper), **_missing(table, lower)}]
    options = []
    for combo in product(*choices):
        top = [(piece, " ".join(a) or "") for piece, (a, _) in zip(values, combo, strict=True)]
        bottom = [(piece, " ".join(b) or "") for piece, (_, b) in zip(values, combo, strict=True)]
        options.append({**_option(table, upper, top), **_option(table, lower, bottom)})
    return _unique(options)


def _option(table: TableLayout, row: Row, parts: list[tuple[Piece, str]]) -> Option:
    option = {}
    for index, column in enumerate(row.columns):
        key = (table.key, row.key, column)
        if index >= len(parts):
            option[key] = Cell(*key, CellStatus.MISSING)
            continue
        piece, text = parts[index]
        parsed = parse_value(text)
        option[key] = Cell(*key, parsed.status, parsed.value, piece.text, piece.loc)
    return option


def _missing(table: TableLayout, row: Row) -> Option:
    return {(table.key, row.key, c): Cell(table.key, row.key, c, CellStatus.MISSING) for c in row.columns}


def _unique(options: list[Option]) -> list[Option]:
    seen, kept = set(), []
    for option in options:
        signature = tuple((key, cell.status, cell.value) for key, cell in option.items())
        if signature not in seen:
            seen.add(signature)
            kept.append(option)
    return kept


def _count(choices: Sequence[Sequence[object]]) -> int:
    total = 1
    for choice in choices:
        total *= len(choice)
    return total
