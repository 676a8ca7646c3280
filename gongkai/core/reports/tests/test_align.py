"""The alignment of label candidates to the template's row order (align.py), on its own and on
the damaged label lines seen in real reports (issue 15): OCR-broken words, labels split over
cells or lines, a label alone on its line, rows with no label."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.core.reports.align import EXACT, Match, PrintedRow, Step, align, label_score
from gongkai.core.reports.interpret import flatten
from gongkai.core.reports.layouts import LAYOUTS
from gongkai.core.reports.model import AnnualReport
from gongkai.core.reports.numbers import CellStatus
from gongkai.core.reports.rows import read_rows
from gongkai.core.reports.source import Location, SourceDocument, SourceLine
from gongkai.core.reports.tests.test_read_damaged import NOT_HELD, ZERO, line, replace, table2_lines

# --- the dynamic programme alone, on matches made up for it -----------------------------------


def match(row: int, start: int, score: float = EXACT, rows: int = 1) -> Match:
    """A label of `row` at `start` whose values end 5 pieces later."""
    return Match(row, start, start, start, f"row {row}", score, start + 5, rows)


def nothing_printed(p: int, m: Match) -> Sequence[PrintedRow] | None:
    return None


def always(i: int, printed: Sequence[PrintedRow]) -> bool:
    return True


def aligned(steps: list[Step]) -> list[tuple[int, int | None]]:
    return [(s.row, s.match.start if s.match else None) for s in steps]


def test_the_rows_are_taken_in_template_order_and_a_heading_before_the_table_is_passed_over():
    # Row 2's label printed first (a heading of the section), then rows 0, 1, 2 in the table.
    matches = [match(2, 0), match(0, 10), match(1, 20), match(2, 30)]
    steps = align(3, 0, 40, matches, nothing_printed, always)
    assert aligned(steps) == [(0, 10), (1, 20), (2, 30)]


def test_a_row_the_report_leaves_out_is_a_gap_not_a_reason_to_lose_the_rows_after_it():
    steps = align(4, 0, 40, [match(0, 0), match(2, 10), match(3, 20)], nothing_printed, always)
    assert aligned(steps) == [(0, 0), (2, 10), (3, 20)]


def test_of_two_equal_labels_of_a_row_the_first_is_taken():
    steps = align(2, 0, 40, [match(0, 5), match(0, 15), match(1, 25)], nothing_printed, always)
    assert aligned(steps) == [(0, 5), (1, 25)]


def test_the_order_decides_between_a_better_label_out_of_place_and_two_in_place():
    # Row 1's label at 0 (before row 0) scores more than the damaged one at 20, but taking it
    # would leave row 0 out: the alignment keeps the order.
    matches = [match(1, 0, EXACT + 0.5), match(0, 10, 1.9), match(1, 20, 1.9)]
    steps = align(2, 0, 40, matches, nothing_printed, always)
    assert aligned(steps) == [(0, 10), (1, 20)]


def test_two_rows_glued_in_one_line_take_both_places():
    steps = align(3, 0, 40, [match(0, 0, rows=2), match(2, 10)], nothing_printed, always)
    assert aligned(steps) == [(0, 0), (2, 10)]


def test_rows_between_two_matched_rows_are_placed_only_when_the_printed_rows_fit():
    printed = [("", ["1"]), ("受损的标签", ["2"])]

    def two_rows(p: int, m: Match) -> Sequence[PrintedRow] | None:
        return printed if (p, m.row) == (5, 3) else None

    steps = align(4, 0, 40, [match(0, 0), match(3, 20)], two_rows, always)
    assert aligned(steps) == [(0, 0), (1, None), (2, None), (3, 20)]
    assert [(s.above, s.below, s.printed) for s in steps[1:3]] == [(0, 3, printed[0]), (0, 3, printed[1])]
    # When a label contradicts its place, no row of the gap is placed.
    steps = align(4, 0, 40, [match(0, 0), match(3, 20)], two_rows, lambda i, rows: False)
    assert aligned(steps) == [(0, 0), (3, 20)]


def test_an_item_number_that_agrees_counts_for_a_damaged_label_and_one_that_differs_against():
    agrees = label_score(0.85, "2.其他法律行政止公开", "2.其他法律行政法规禁止公开", full=True)
    differs = label_score(0.85, "3.其他法律行政止公开", "2.其他法律行政法规禁止公开", full=True)
    unnumbered = label_score(0.85, "其他法律行政止公开", "2.其他法律行政法规禁止公开", full=True)
    assert differs < unnumbered < agrees < label_score(None, "", "", full=True)
    assert label_score(None, "", "", full=False) < label_score(None, "", "", full=True)


# --- the reader on the damaged lines real reports print ---------------------------------------


def read_table2(lines: list[str]) -> AnnualReport:
    document = SourceDocument(
        "年报.txt", "text", [SourceLine(text, Location(line=n + 1)) for n, text in enumerate(lines)]
    )
    stream = flatten(document)
    report = AnnualReport(path="年报.txt", template="2021", year=2023)
    assert read_rows(report, LAYOUTS["2021"].table("t2"), stream, 0, len(stream)) == []
    return report


def values(report: AnnualReport, row: str) -> list[object]:
    out: list[object] = []
    for column in report.layout.table("t2").row(row).columns:
        cell = report.cell("t2", row, column)
        out.append(
            int(cell.value)
            if cell.status is CellStatus.READ and cell.value is not None
            else cell.status.value
        )
    return out


def notes(report: AnnualReport, code: str) -> list[str]:
    return [note.message for note in report.readings if note.code == code]


ONES = [1, 0, 0, 0, 0, 0, 1]


def test_an_ocr_broken_label_is_read_as_its_row():
    lines = replace(table2_lines(), "2.其他法律行政法规禁止公开", [line("\t\t2.其他法律行政止公开", ONES)])
    report = read_table2(lines)
    assert values(report, "withheld_prohibited_by_law") == ONES
    assert notes(report, "ROW-BY-PLACE") == [] and notes(report, "ROW-NOT-FOUND") == []


def test_a_label_broken_into_three_pieces_with_stray_letters_is_joined():
    lines = replace(table2_lines(), "一、本年新收", [line("一、本年\tF新收政府·\t信息公开申请数量", ONES)])
    report = read_table2(lines)
    assert values(report, "new") == ONES
    assert values(report, "carried_in") == [1, 0, 0, 0, 0, 0, 1]  # the next row is where it was


def test_a_label_whose_last_character_went_to_the_next_cell_is_joined():
    lines = replace(table2_lines(), "二、上年结转", [line("二、上年结转政府信息公开申请数\t量", ONES)])
    report = read_table2(lines)
    assert values(report, "carried_in") == ONES


def test_a_label_split_over_two_lines_takes_the_values_after_its_second_half():
    lines = replace(
        table2_lines(),
        "（六）其他处理",
        [
            "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公",
            line("开申请", ONES),
        ],
    )
    report = read_table2(lines)
    assert values(report, "other_no_supplement") == ONES
    assert values(report, "other_fee_unpaid") == ZERO


def test_a_label_alone_on_its_line_takes_the_values_on_the_next():
    lines = replace(
        table2_lines(),
        "（四）无法提供",
        ["\t（四）无法提供\t1.本机关不掌握相关政府信息", "\t".join(map(str, NOT_HELD))],
    )
    report = read_table2(lines)
    assert values(report, "unavailable_not_held") == NOT_HELD
    assert notes(report, "ROW-BY-PLACE") == []


def test_a_row_with_no_label_is_placed_by_its_neighbours_and_says_so():
    lines = replace(table2_lines(), "2.重复申请", ["\t".join(map(str, ONES))])
    report = read_table2(lines)
    assert values(report, "not_processed_repeat") == ONES
    assert notes(report, "ROW-BY-PLACE") == [
        "依申请公开情况表“2.重复申请”行没有标签，位于“1.信访举报投诉类申请”行与“3.要求提供公开出版物”行"
        "之间，按表格固定的行序读作该行。"
    ]


def test_rows_the_alignment_cannot_place_are_missing_with_the_reason():
    # Two rows of （五） gone and one unlabelled line printed in their place: which is it?
    lines = replace(table2_lines(), "2.重复申请", ["\t".join(map(str, ONES))])
    lines = replace(lines, "3.要求提供公开出版物", [])
    report = read_table2(lines)
    assert values(report, "not_processed_repeat") == ["missing"] * 7
    assert values(report, "not_processed_publication") == ["missing"] * 7
    assert notes(report, "ROW-NOT-FOUND") == [
        "依申请公开情况表“2.重复申请”至“3.要求提供公开出版物”共2行未能定位：在“1.信访举报投诉类申请”行与"
        "“4.无正当理由大量反复申请”行之间没有找到这些行的标签，其间印有1行数值，而表格在此有2行，无法确定"
        "各是哪一行，这些单元格按缺失处理，不猜测数值。"
    ]


def test_a_row_whose_values_the_copy_lost_says_how_many_were_printed():
    # A copy cut inside the row 「2.其他法律行政法规禁止公开」 (fuyuan-nr-2022): four values of seven.
    lines = table2_lines()
    cut = next(i for i, text in enumerate(lines) if "2.其他法律行政法规禁止公开" in text)
    lines = lines[:cut] + [line("\t\t2.其他法律行政法规禁止公开", [0, 0, 0, 0])]
    report = read_table2(lines)
    assert values(report, "withheld_prohibited_by_law") == [0, 0, 0, 0] + ["missing"] * 3
    assert notes(report, "ROW-VALUES-SHORT") == [
        "依申请公开情况表“2.其他法律行政法规禁止公开”行：标签“2.其他法律行政法规禁止公开”之后只印有4个数值"
        "（该行有7列），缺少的单元格按缺失处理，不猜测数值。"
    ]
    assert notes(report, "ROW-NOT-FOUND")[0].startswith(
        "依申请公开情况表“3.危及“三安全一稳定””至“四、结转下年度继续办理”共19行未能定位：在“2.其他法律行政法规禁止公开”行之后"
    )
