"""Finding the rows of tables 1 and 2 in the flattened stream, and every way to read their values.

A row's label is looked for in template order from where the previous row was found: first as
the official wording (numbering, brackets and spacing aside), then - for labels damaged by typing
or OCR, split over two cells or lines - as the best match among the table's rows by similarity,
joining up to three consecutive label pieces. A row printed with no label takes its place from
its neighbours: a run of values right after the row above and right before the row below. Then
the rows still missing are aligned to the template's fixed order: between two rows found, the
printed rows can only be the template's rows between them, and when their number, item numbers
and (damaged) labels agree they are read as those rows, each with a ROW-BY-PLACE finding.

The values are read as printed. When a text can be read several ways ('3 0': one wrapped number,
or two cells or two rows run together), or one label cell holds two rows' labels (two rows glued
at a page break), every reading is returned as an Ambiguity for evidence.settle() to decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise, product
from typing import TYPE_CHECKING, TypeGuard

from gongkai.core.reports.evidence import Ambiguity
from gongkai.core.reports.labels import core, item_number, similarity
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
    cursor, index, previous_found = start, 0, False
    rows = table.rows
    # Where each row found stands: (first stream index of its label, index after its values).
    # The rows left missing between two found ones are aligned to what lies between (_fill_gaps).
    anchors: dict[int, tuple[int, int]] = {}
    while index < len(rows):
        row = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        found = finder.find(row, cursor)
        if found is None and previous_found and following is not None:
            found = finder.unlabelled(row, following, cursor)
        if found is None:
            report.cells.update(_missing(table, row))
            previous_found = False
            index += 1
            continue
        position, text = found
        cursor = position + 1
        values = values_after(stream, position + 1, end, len(row.columns))
        if values:  # the next row is looked for after these values (pieces compare by identity)
            cursor = next(i for i in range(position + 1, end) if stream[i] is values[-1]) + 1
        previous_found = True
        anchors[index] = (_label_start(stream, position, text), cursor)
        if len(values) < len(row.columns) and _collapsed_next(
            stream, cursor if values else position + 1, end
        ):
            report.cells.update(_missing(table, row))  # its numbers' columns are lost: never guess
            report.warnings.append(f"“{row.label}”行：空白单元格合并成一行，数字所在的列无法确定。")
            index += 1
            continue
        if following is not None and _holds_next(text, row, following):
            what = f"“{row.label}”与“{following.label}”两行粘连成一行（分页处两行接续）"
            shown = " | ".join(piece.text for piece in values)
            pending.append(Ambiguity(what, shown, _glued_options(table, row, following, values)))
            anchors[index + 1] = anchors[index]
            index += 2
            continue
        _read_values(report, table, row, values, pending)
        index += 1
    _fill_gaps(report, table, stream, anchors, finder, pending)
    return pending


def _read_values(
    report: AnnualReport, table: TableLayout, row: Row, values: list[Piece], pending: list[Ambiguity]
) -> None:
    options = readings(table, row, values)
    if len(options) == 1 and not any(digit_groups(piece.text) for piece in values):
        report.cells.update(options[0])
    else:
        shown = "、".join(piece.text for piece in values if digit_groups(piece.text))
        pending.append(Ambiguity(f"“{row.label}”行", shown, options))


def _label_start(stream: Stream, position: int, text: str) -> int:
    """The first stream index of the label whose last piece is at `position` (after it for a row
    found with no label, whose values start right after `position`)."""
    if not text:
        return position + 1
    piece = stream[position]
    first = position
    while (
        first > 0
        and _is_label(stream[first - 1])
        and _in_record(stream[first - 1], piece.record if piece else -1)
    ):
        first -= 1
    return first


def _fill_gaps(
    report: AnnualReport,
    table: TableLayout,
    stream: Stream,
    anchors: dict[int, tuple[int, int]],
    finder: _Finder,
    pending: list[Ambiguity],
) -> None:
    """Align the rows left missing between two found rows to the printed rows between them.

    The form fixes the order of its rows, so the printed rows between the row found above and the
    row found below can only be the template's rows between them. A gap is filled only when it
    holds exactly as many printed rows as the template has rows there, each with all its values
    in its own line or table row, and each label (when it has one) agrees with its place: its item
    number is the row's, it is at least LOOSE-similar to the row, and it is not clearly another
    row's label. Anything less and the rows stay missing. Each row so placed is a finding.
    """
    rows = table.rows
    found = sorted(anchors)
    for above, below in pairwise(found):
        gap = rows[above + 1 : below]
        if not gap:
            continue
        printed = _printed_rows(stream, anchors[above][1], anchors[below][0], len(gap[0].columns))
        if (
            printed is None
            or len(printed) != len(gap)
            or any(len(r.columns) != len(gap[0].columns) for r in gap)
        ):
            continue
        if not all(_agrees(finder, row, label) for row, (label, _) in zip(gap, printed, strict=True)):
            continue
        for row, (label, values) in zip(gap, printed, strict=True):
            _read_values(report, table, row, values, pending)
            keys = tuple((table.key, row.key, column) for column in row.columns)
            shown = f"标签印作“{label}”" if label else "没有标签"
            message = (
                f"{TABLE_NAMES[table.key]}“{row.label}”行{shown}，位于“{rows[above].label}”行与"
                f"“{rows[below].label}”行之间，按表格固定的行序读作该行。"
            )
            report.readings.append(ReadingNote(True, message, keys, code="ROW-BY-PLACE"))


def _printed_rows(stream: Stream, start: int, end: int, count: int) -> list[tuple[str, list[Piece]]] | None:
    """(label text, values) of each line or table row in stream[start:end] that holds `count`
    values after its label (or alone); lines with no value (a group heading, a label alone on its
    line) are passed over. None when a line holds some values but not `count`: rows are not
    reassembled from pieces here."""
    printed = []
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
        if labels and any(not is_value_text(p.text) for p in values):
            return None  # label text after the values: not one row
        numbers = [p for p in values if p.text.strip()]
        if numbers:
            if len(values) != count:
                while len(values) > count and not values[0].text:  # empty cells under a merged label
                    values.pop(0)
                if len(values) != count:
                    return None
            printed.append(("".join(p.text for p in pieces if _is_label(p)), values))
        index = last + 1
    return printed


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

    def find(self, row: Row, cursor: int) -> tuple[int, str] | None:
        """(index of the label's last piece, the label's text), or None."""
        labels = (row.label, *row.aliases)
        for i in range(cursor, self.end):
            piece = self.stream[i]
            if _is_label(piece) and matches(piece.text, labels) and not self._column_header(i):
                return self._extend(i)
        for i in range(cursor, self.end):
            best = None
            if _is_label(self.stream[i]) and self._column_header(i):
                continue
            for last, text in self._groups(i):
                score = self._score(text, row)
                if score is not None and (best is None or score >= best[0]):
                    best = (score, last, text)
            if best is not None:
                return best[1], best[2]
        return None

    def unlabelled(self, row: Row, following: Row, cursor: int) -> tuple[int, str] | None:
        """A run of exactly as many values as `row` has columns, followed by the next row's label."""
        i = cursor
        while i < self.end and self.stream[i] is None:
            i += 1
        if i >= self.end:
            return None
        first = self.stream[i]
        if first is None:
            return None
        record, run = first.record, i
        while run < self.end and _value_in_record(self.stream[run], record):
            run += 1
        if run - i != len(row.columns) or _in_record(self.stream[run] if run < self.end else None, record):
            return None
        after = run
        while after < self.end and _empty(self.stream[after]):
            after += 1
        label = self.stream[after] if after < self.end else None
        if not _is_label(label):
            return None
        labels = (following.label, *following.aliases)
        if matches(label.text, labels) or any(
            self._score(text, following) is not None for _, text in self._groups(after)
        ):
            return i - 1, ""
        return None

    def claims(self, text: str, row: Row) -> bool:
        """Is `text` the label of `row`, as printed or clearly its best match when damaged?"""
        return matches(text, (row.label, *row.aliases)) or self._score(text, row) is not None

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
            if not _is_label(nxt) or nxt.record != piece.record or self._exact_row(nxt.text):
                break
            text += nxt.text
            i += 1
        return i, text

    def _exact_row(self, text: str) -> bool:
        return any(matches(text, (r.label, *r.aliases)) for r in self.table.rows)

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

    def _score(self, text: str, row: Row) -> float | None:
        """The similarity of `text` to `row` when `row` is clearly its best match in the table."""
        if text not in self.scores:
            ranked = sorted(
                (
                    (max(similarity(text, label) for label in (r.label, *r.aliases)), r.key)
                    for r in self.table.rows
                ),
                reverse=True,
            )
            self.scores[text] = ranked
        ranked = self.scores[text]
        (best, key), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
        if key == row.key and best >= SIMILAR and best - runner_up >= MARGIN:
            return best
        return None


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


def matches(piece_text: str, labels: tuple[str, ...]) -> bool:
    found = core(piece_text)
    return bool(found) and any(found == core(label) or found.startswith(core(label)) for label in labels)


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
