"""Aligning the label candidates found in a table's stream to the template's fixed row sequence.

Both templates are fixed forms: a known sequence of rows. rows.py finds every place in the stream
where a row's label may stand (a Match: the official wording, or a damaged or split label that is
clearly this row's) and align() chooses, by dynamic programming (Needleman-Wunsch style, monotone
in document order), the set of matches with the best total score in which every row is used at
most once and each row starts after the values of the row before it.

The score of a match (label_score):
  * the official wording (numbering, brackets and spacing aside): EXACT, more than any damaged label;
  * a damaged or split label (joined from up to three pieces) that is clearly this row's best match
    in the table: SIMILAR_BASE + its similarity (0.8-1), plus NUMBER_AGREES when its item number
    (「1、」「（1）」「1.」「①」) is the row's, minus NUMBER_DIFFERS when it is another;
  * FULL_VALUES more when as many values as the row has columns follow the label.
A template row the report leaves out costs nothing (a gap in the template), and so does a piece
of the stream that is no row's label (a gap in the document), so a wrong label can only win by
fitting the order better than the right one.

Rows with no label of their own, or a label too damaged to be clearly theirs, take their place from
their neighbours: between two rows matched, the printed rows there can only be the template's rows
between them. When their number is the template's and every label they have agrees with its place
(rows.py's printed() and fits() decide), they are read as those rows, each scoring BY_PLACE - less than any label, so a
row is placed by its neighbours only when no label places it. Otherwise the rows stay missing and
the reader says which rows and why. Ties go to the earliest match, as a reader would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gongkai.core.reports.labels import item_number

EXACT = 2.5  # above any damaged label: SIMILAR_BASE + 1 + NUMBER_AGREES
SIMILAR_BASE = 1.0
NUMBER_AGREES = 0.25
NUMBER_DIFFERS = 0.3
FULL_VALUES = 0.5
BY_PLACE = 0.1


@dataclass(frozen=True)
class Match:
    """A place where template row `row` may stand: its label runs from stream index `first` to
    `last`, its values end before `after`. `rows` is 2 for two rows glued into one line."""

    row: int
    start: int  # where the piece that matched stands (the label's first matched piece)
    first: int  # where the label begins, with a group heading printed before it in its line
    last: int
    text: str
    score: float
    after: int
    rows: int = 1


# A row as the stream prints it: its label text ("" when it has none) and its value pieces.
PrintedRow = tuple[str, Sequence[object]]


@dataclass(frozen=True)
class Choice:
    """How a state's best score is reached: "match" (`match`), "skip-piece", "skip-row"; right
    after a matched row also "go-on" (as if not right after one) or "place" (`printed` rows by
    place, then `match`)."""

    kind: str
    match: Match | None = None
    printed: Sequence[PrintedRow] = ()


SKIP_PIECE, SKIP_ROW, GO_ON = Choice("skip-piece"), Choice("skip-row"), Choice("go-on")


@dataclass(frozen=True)
class Step:
    """A row of the template as aligned: by its own label (`match`), or by place between the rows
    `above` and `below` (`printed`: what the report prints for it, its label text or "")."""

    row: int
    match: Match | None = None
    above: int = -1
    below: int = -1
    printed: PrintedRow | None = None


def label_score(similarity: float | None, text: str, label: str, full: bool) -> float:
    """The score of a label read as `text` for the row officially labelled `label`: None for
    `similarity` means the official wording itself."""
    if similarity is None:
        score = EXACT
    else:
        score = SIMILAR_BASE + similarity
        found, own = item_number(text), item_number(label)
        if found is not None and own is not None:
            score += NUMBER_AGREES if found == own else -NUMBER_DIFFERS
    return score + (FULL_VALUES if full else 0.0)


# printed(p, m): what the stream from p to match m's label prints as rows of the row above m (one
# entry per printed row), None when it is not a sequence of whole rows; fits(i, printed): can
# those rows be read as template rows i, i+1, ...?
Printed = Callable[[int, Match], Sequence[PrintedRow] | None]
Fits = Callable[[int, Sequence[PrintedRow]], bool]


def align(
    count: int, start: int, end: int, matches: Sequence[Match], printed: Printed, fits: Fits
) -> list[Step]:
    """The steps of the best alignment of `count` template rows to stream[start:end]."""
    positions = sorted({start, end} | {m.start for m in matches} | {m.after for m in matches})
    index = {p: k for k, p in enumerate(positions)}
    afters = {m.after for m in matches}
    at: dict[tuple[int, int], list[Match]] = {}  # the matches of row i at position p
    for m in matches:
        at.setdefault((m.start, m.row), []).append(m)
    rows = range(count + 1)
    # best[i][k]: the best score for rows i.. from positions[k] on; fresh[(i, p)]: the same right
    # after a matched row's values at p, where rows may also be placed by their neighbours.
    best = [[0.0] * (len(positions) + 1) for _ in rows]
    how: dict[tuple[int, int], Choice] = {}
    fresh: dict[tuple[int, int], float] = {}
    fresh_how: dict[tuple[int, int], Choice] = {}

    def after_match(m: Match) -> float:
        return m.score + fresh[(min(m.row + m.rows, count), m.after)]

    for k in range(len(positions) - 1, -1, -1):
        p = positions[k]
        for i in range(count - 1, -1, -1):
            # The first option of the highest score: a match here, else the row may still be
            # found further on, and only then is it left out (ties go to the template's order).
            score, choice = float("-inf"), SKIP_PIECE
            for m in at.get((p, i), ()):
                if (total := after_match(m)) > score:
                    score, choice = total, Choice("match", m)
            if best[i][k + 1] > score:
                score, choice = best[i][k + 1], SKIP_PIECE
            if best[i + 1][k] > score:
                score, choice = best[i + 1][k], SKIP_ROW
            best[i][k], how[(i, k)] = score, choice
        if p not in afters:
            continue
        for i in range(count + 1):
            fresh[(i, p)], fresh_how[(i, p)] = best[i][k], GO_ON
        # Rows placed by their neighbours: the printed rows between here and a later match of row
        # `below` can only be the template's rows just above it, as many as are printed.
        for m in matches:
            if m.first < p:
                continue
            rows_between = printed(p, m) if m.row > 0 else None
            if not rows_between:
                continue
            i = m.row - len(rows_between)  # the first row placed; row i - 1 was just matched
            if i < 1 or not fits(i, rows_between):
                continue
            total = BY_PLACE * len(rows_between) + after_match(m)
            if total > fresh[(i, p)]:
                fresh[(i, p)], fresh_how[(i, p)] = total, Choice("place", m, rows_between)
    return _trace(count, positions, index, how, fresh_how)


def _trace(
    count: int,
    positions: list[int],
    index: dict[int, int],
    how: dict[tuple[int, int], Choice],
    fresh_how: dict[tuple[int, int], Choice],
) -> list[Step]:
    steps: list[Step] = []
    i, k, is_fresh = 0, 0, False
    while i < count and k < len(positions):
        choice = fresh_how[(i, positions[k])] if is_fresh else how[(i, k)]
        if choice is GO_ON:
            is_fresh = False
            continue
        if choice.kind == "place" and choice.match is not None:
            for offset, printed in enumerate(choice.printed):
                steps.append(Step(i + offset, above=i - 1, below=choice.match.row, printed=printed))
        if choice.match is not None:  # a match, after the rows placed before it
            m = choice.match
            steps.append(Step(m.row, match=m))
            i, k, is_fresh = m.row + m.rows, index[m.after], True
        elif choice is SKIP_ROW:
            i += 1
        else:
            k += 1
    return steps
