"""The form's arithmetic as evidence for a row that can be read more than one way.

'3 0' in a cell is 30 wrapped in a narrow column, or 3 with the 0 of the row below glued on at
a page break, or two cells run together; a label cell holding two rows' labels means two rows
share one line of values. The interpreter gives such rows every reading (an Ambiguity); settle()
keeps the combinations under which no sum of the form fails and every ambiguous row takes part
in at least one sum that holds. A row the sums single out is read so, with a note; a row they
cannot decide - no reading fits, or several do - gets missing cells and a note naming the rows
and the reason. A value is never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from gongkai.core.reports.layouts import CellKey
from gongkai.core.reports.model import AnnualReport, Cell, ReadingNote
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.sums import Sum, table2_sums, table3_sums

MAX_COMBINATIONS = 4096


@dataclass
class Ambiguity:
    labels: str  # the rows in words, e.g. "（一）予以公开"
    text: str  # what was printed, e.g. "3 0"
    options: list[dict[tuple[str, str, str], Cell]] = field(default_factory=list)


def settle(report: AnnualReport, pending: list[Ambiguity]) -> list[ReadingNote]:
    """Write each ambiguous row's cells into the report: the one reading the sums support, or missing."""
    if not pending:
        return []
    sums = table2_sums(report.layout) + table3_sums()
    keys = [set().union(*(option.keys() for option in a.options)) for a in pending]
    touching = [s for s in sums if any(set(s.keys) & k for k in keys)]
    counts = [len(a.options) for a in pending]
    survivors = []
    if _product(counts) <= MAX_COMBINATIONS:
        for combo in product(*(range(n) for n in counts)):
            cells = dict(report.cells)
            for ambiguity, choice in zip(pending, combo, strict=True):
                cells.update(ambiguity.options[choice])
            if _supported(touching, cells, keys):
                survivors.append(combo)
    notes = []
    for index, ambiguity in enumerate(pending):
        choices = {combo[index] for combo in survivors}
        if len(choices) == 1:
            chosen = ambiguity.options[choices.pop()]
            report.cells.update(chosen)
            read = "、".join(_shown(cell) for cell in chosen.values())
            message = f"“{ambiguity.labels}”的“{ambiguity.text}”有多种读法，只有读作{read}时表内合计成立，按此读取。"
            notes.append(ReadingNote(True, message, tuple(chosen)))
            continue
        why = "任何读法下表内合计都不成立" if not choices else "几种读法都符合表内合计"
        for key in keys[index]:
            report.cells[key] = Cell(*key, CellStatus.MISSING, raw=ambiguity.text)
        message = f"“{ambiguity.labels}”的“{ambiguity.text}”有多种读法（可能是分页处两行粘连或数字连在一起），{why}，这些单元格按缺失处理。"
        notes.append(ReadingNote(False, message, tuple(sorted(keys[index]))))
    return notes


def _supported(sums: list[Sum], cells: dict[CellKey, Cell], keys: list[set[CellKey]]) -> bool:
    backed = [False] * len(keys)
    for one in sums:
        holds = one.holds(cells)
        if holds is False:
            return False
        if holds:
            for index, wanted in enumerate(keys):
                backed[index] = backed[index] or bool(wanted & set(one.keys))
    return all(backed)


def _product(counts: list[int]) -> int:
    total = 1
    for count in counts:
        total *= count
    return total


def _shown(cell: Cell) -> str:
    if cell.status is CellStatus.READ and cell.value is not None:
        return f"{cell.value:f}"
    return "空白"
