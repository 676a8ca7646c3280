"""The checks of a published or generated annual report, each a coded finding in Chinese.

Sources for each rule are in statute.md §5. Blank cells count as 0 in arithmetic and the message
says so; missing or unreadable cells are never guessed: a sum that needs one is not checked, and
the cells are listed by CELLS-UNREADABLE instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.core.outcomes import OutcomeGroup, outcome
from gongkai.core.report_due import due_words, is_government_report, report_due_on
from gongkai.core.reports.layouts import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    T1_STOCK_COLUMNS,
    T2_COLUMNS,
    TABLE_NAMES,
    CellKey,
    value_fault,
)
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus, plain_number
from gongkai.core.reports.registry import CHECKS, Check, Input, Severity
from gongkai.core.reports.sums import Sum, table2_sums, table3_sums
from gongkai.core.written_dates import chinese_date


@dataclass
class Finding:
    code: str
    message: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def check(self) -> Check:
        return CHECKS[self.code]

    @property
    def severity(self) -> Severity:
        return CHECKS[self.code].severity


def _usable(cells: list[Cell]) -> bool:
    return all(c.status in (CellStatus.READ, CellStatus.BLANK, CellStatus.NOTHING) for c in cells)


def _v(cell: Cell) -> Decimal:
    return cell.value if cell.value is not None else Decimal(0)


def _blank_note(cells: list[Cell]) -> str:
    return "（空白按0计）" if any(c.status is not CellStatus.READ for c in cells) else ""


_n = plain_number


def check_table1(report: AnnualReport) -> list[Finding]:
    """A stock row whose documents added this year exceed what stands at the year's end plus what
    was repealed within it (layouts.T1_STOCK_COLUMNS); rows with a cell not read are not checked."""
    added_key, repealed_key, standing_key = T1_STOCK_COLUMNS[report.template]
    table = report.layout.table("t1")
    findings = []
    for row in table.rows:
        if standing_key not in row.columns:
            continue
        keys = [("t1", row.key, c) for c in (added_key, repealed_key, standing_key) if c is not None]
        cells = [report.cells.get(key) for key in keys]
        found = [c for c in cells if c is not None]
        if len(found) < len(cells) or not _usable(found):
            continue
        added, standing = _v(found[0]), _v(found[-1])
        repealed = _v(found[1]) if repealed_key is not None else Decimal(0)
        if added <= standing + repealed:
            continue
        said = [f"{table.column(added_key).label}{_n(added)}件"]
        if repealed_key is not None:
            said.append(f"{table.column(repealed_key).label}{_n(repealed)}件")
        message = (
            f"主动公开情况表“{row.label}”行：{'、'.join(said)}，{table.column(standing_key).label}却为"
            f"{_n(standing)}件{_blank_note(found)}；"
            + (
                f"本年制发的文件到年底或仍现行有效，或已计入本年废止，现行有效件数不应少于{_n(added - repealed)}件。"
                if repealed_key is not None
                else f"对外公开总数量包括本年新公开的文件，不应少于{_n(added)}件。"
            )
        )
        findings.append(Finding("T1-IN-FORCE", message, keys))
    return findings


def check_table2(report: AnnualReport) -> list[Finding]:
    return [f for f in (_sum_finding(report, one) for one in table2_sums(report.layout)) if f]


def check_table3(report: AnnualReport) -> list[Finding]:
    return [f for f in (_sum_finding(report, one) for one in table3_sums()) if f]


BLOCK_LABELS = dict(APPEAL_BLOCKS)


def _sum_finding(report: AnnualReport, one: Sum) -> Finding | None:
    """The finding of a sum of the form (sums.py) that fails; None when it holds or cannot be checked."""
    if one.holds(report.cells) is not False:
        return None
    cells = [report.cells[key] for key in one.keys]
    parts, totals = cells[: len(one.parts)], cells[len(one.parts) :]
    table = report.layout.table(one.keys[0][0])
    blank = _blank_note(cells)
    part_sum, total = _n(sum(map(_v, parts), Decimal(0))), _n(sum(map(_v, totals), Decimal(0)))
    if one.code == "T2-BALANCE":
        (a, b), (c, d) = parts, totals
        message = (
            f"依申请公开情况表“{table.column(one.subject).label}”列：一（{_n(_v(a))}）+二（{_n(_v(b))}）={part_sum}，"
            f"不等于（七）总计（{_n(_v(c))}）+四（{_n(_v(d))}）={total}{blank}。"
        )
    elif one.code == "T2-OUTCOME-SUM":
        message = f"依申请公开情况表“{table.column(one.subject).label}”列：各项办理结果之和为{part_sum}，（七）总计为{total}{blank}。"
    elif one.code == "T2-ROW-TOTAL":
        message = f"依申请公开情况表“{table.row(one.subject).label}”行：六类申请人之和为{part_sum}，总计为{total}{blank}。"
    else:
        message = f"复议诉讼情况表“{BLOCK_LABELS[one.subject]}”：维持、纠正、其他、尚未审结之和为{part_sum}，总计为{total}{blank}。"
    return Finding(one.code, message, list(one.keys))


NAMED_CELLS = 5  # unreadable cells named in the message; all of them are in the finding's cells


def check_values(report: AnnualReport) -> list[Finding]:
    findings, unreadable = [], []
    for key, cell in report.cells.items():
        if cell.status in (CellStatus.MISSING, CellStatus.UNREADABLE):
            unreadable.append(key)
            continue
        if cell.value is None:
            continue
        fault = value_fault(cell.column, cell.value)
        if fault:
            message = f"{report.cell_name(key)}：“{cell.raw}”不是合理的数值（{fault}）。"
            findings.append(Finding("VALUE-DOMAIN", message, [key]))
    if unreadable:
        tables = [TABLE_NAMES[t] for t in ("t1", "t2", "t3") if any(key[0] == t for key in unreadable)]
        named = "；".join(report.cell_name(key) for key in unreadable[:NAMED_CELLS])
        more = "等" if len(unreadable) > NAMED_CELLS else ""
        message = (
            f"{len(unreadable)}个单元格缺失或无法读取（{'、'.join(tables)}）：{named}{more}。相关合计未检查。"
        )
        findings.append(Finding("CELLS-UNREADABLE", message, unreadable))
    return findings


TEMPLATE_NAMES = {"2019": "2019年试行格式（〔2019〕60号）", "2021": "2021年格式（〔2021〕30号）"}


def check_readings(report: AnnualReport) -> list[Finding]:
    findings = [
        Finding(
            note.code or ("READING-SETTLED" if note.settled else "READING-UNSETTLED"),
            note.message,
            list(note.cells),
        )
        for note in report.readings
    ]
    printed = report.table2_template
    if printed is not None and printed != report.template:
        findings.append(_template_mix(report, printed))
    return findings


def _template_mix(report: AnnualReport, printed: str) -> Finding:
    """Table 2 in the other template than table 1; the report's year says which one was due."""
    due = report.due_template
    if due is None:
        verdict = "年报年度不明，无法确定应使用哪一格式"
    else:
        used = (("主动公开情况表", report.template), ("依申请公开情况表", printed))
        verdict = (
            f"{report.year}年度应使用{TEMPLATE_NAMES[due]}，{'、'.join(n for n, t in used if t != due)}不符"
        )
    message = (
        f"年报的主动公开情况表为{TEMPLATE_NAMES[report.template]}，依申请公开情况表却是"
        f"{TEMPLATE_NAMES[printed]}（（六）其他处理{'只有一行' if printed == '2019' else '分为三项'}）；"
        f"{verdict}。表格按所印格式读取。"
    )
    return Finding("T2-TEMPLATE-MIX", message, list(_group_totals(report, OutcomeGroup.OTHER)))


def check_document(report: AnnualReport) -> list[Finding]:
    findings = []
    expected = report.due_template
    if expected is not None and report.template != expected:
        message = f"{report.year}年度年报使用了{TEMPLATE_NAMES[report.template]}，应使用{TEMPLATE_NAMES[expected]}。"
        findings.append(Finding("TEMPLATE-YEAR", message))
    numbers = [number for number, _, _ in report.sections]
    expected_numbers = ["一", "二", "三", "四", "五", "六"]
    missing = [n for n in expected_numbers if n not in numbers]
    if missing or numbers != sorted(set(numbers), key=expected_numbers.index):
        message = f"缺少第{'、'.join(missing)}部分。" if missing else "章节顺序与规定格式不一致。"
        findings.append(Finding("SECTIONS", message))
    findings += _check_date(report)
    findings += _check_text_numbers(report)
    return findings


def _check_date(report: AnnualReport) -> list[Finding]:
    if report.signed_on is None:
        return [Finding("NO-DATE", "未找到落款日期。")]
    if report.year is None:
        return []
    if report.signed_on < date(report.year, 12, 31):
        return [
            Finding(
                "SIGNED-EARLY",
                f"{report.year}年度年报落款日期为{chinese_date(report.signed_on)}，早于{report.year}年12月31日。",
            )
        ]
    government = is_government_report(report.body_name)
    due = report_due_on(report.year, government=government)
    if report.signed_on > due:
        return [
            Finding(
                "SIGNED-LATE",
                f"落款日期{chinese_date(report.signed_on)}晚于{chinese_date(due)}，"
                f"即{due_words(government)}。",
            )
        ]
    return []


# Numbers the text quotes, each tied to the table cells whose sum it must equal:
# (pattern, cells, what they are).
_REVIEW_TOTAL = ("t3", "appeals", "review.total")
_LITIGATION_TOTALS = (
    ("t3", "appeals", "litigation_direct.total"),
    ("t3", "appeals", "litigation_after_review.total"),
)
# An outcome group stands for the total column of every table-2 row of the group in the report's
# layout (（三）不予公开 is eight rows; （六）其他处理 one row in 2019, three in 2021).
TEXT_NUMBERS: tuple[tuple[str, tuple[CellKey, ...] | OutcomeGroup, str], ...] = (
    (
        r"(?:依申请公开的政府信息|(?:收到|受理|新收)[^。，；]{0,12}?申请(?:数量)?(?:为|共计?)?)(\d+)\s*[件条]",
        (("t2", "new", "total"),),
        "依申请公开情况表本年新收申请总计",
    ),
    (
        r"上一?年度?结转(?:[^。，；\d]{0,8}?)(\d+)\s*件",
        (("t2", "carried_in", "total"),),
        "依申请公开情况表上年结转总计",
    ),
    (
        r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?(\d+)\s*件",
        (("t2", "carried_out", "total"),),
        "依申请公开情况表结转下年度总计",
    ),
    (r"(?<!不)予以公开(\d+)\s*件", (("t2", "granted", "total"),), "依申请公开情况表（一）予以公开总计"),
    (
        r"(?<!不)予以公开(?:及|和|与|、)部分公开(\d+)\s*件",
        (("t2", "granted", "total"), ("t2", "partial", "total")),
        "依申请公开情况表（一）予以公开与（二）部分公开总计之和",
    ),
    (
        r"(?<![及和与、])部分公开(\d+)\s*件",
        (("t2", "partial", "total"),),
        "依申请公开情况表（二）部分公开总计",
    ),
    (r"不予公开(\d+)\s*件", OutcomeGroup.WITHHELD, "依申请公开情况表（三）不予公开各项总计之和"),
    (r"无法提供(\d+)\s*件", OutcomeGroup.UNAVAILABLE, "依申请公开情况表（四）无法提供各项总计之和"),
    (r"不予处理(\d+)\s*件", OutcomeGroup.NOT_PROCESSED, "依申请公开情况表（五）不予处理各项总计之和"),
    (r"其他处理(\d+)\s*件", OutcomeGroup.OTHER, "依申请公开情况表（六）其他处理总计"),
    (
        r"行政事业性收费[^。，；\d]{0,10}?(\d+(?:\.\d+)?)\s*万元",
        (("t1", "fees", "fee_amount"),),
        "主动公开情况表行政事业性收费本年收费金额（万元）",
    ),
    (r"行政复议(?:案件|申请)?(\d+)\s*[件起宗]", (_REVIEW_TOTAL,), "复议诉讼情况表行政复议总计"),
    (
        r"行政诉讼(?:案件)?(\d+)\s*[件起宗]",
        _LITIGATION_TOTALS,
        "复议诉讼情况表行政诉讼总计（直接起诉与复议后起诉之和）",
    ),
)
# 「均获维持」「均予维持」「全部维持」: every appeal upheld, which the table must bear out.
ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|予)?维持")
NOT_UPHELD = tuple(
    (f"{block}.{result}", f"{block_label}{result_label}")
    for block, block_label in APPEAL_BLOCKS
    for result, result_label in APPEAL_RESULTS
    if result in ("corrected", "other", "pending")
)


def _check_text_numbers(report: AnnualReport) -> list[Finding]:
    findings = []
    for pattern, tied, label in TEXT_NUMBERS:
        keys = _group_totals(report, tied) if isinstance(tied, OutcomeGroup) else tied
        readings = _tied_readings(report, keys)
        if not readings:
            continue
        for line in report.text:
            for match in re.finditer(pattern, line.replace(" ", "")):
                if Decimal(match.group(1)) not in readings.values():
                    message = f"正文“{match.group(0)}”与{label}（{_reading_words(readings)}）不一致。"
                    findings.append(Finding("TEXT-NUMBER", message, list(keys)))
    findings += _check_all_upheld(report)
    return findings


def _tied_readings(report: AnnualReport, keys: tuple[CellKey, ...]) -> dict[str, Decimal]:
    """What the table says a quoted number is: the 总计 cells as printed and, for table-2 rows,
    the sum of each row's six applicant columns. A report whose 总计 column is left blank (its
    own T2-ROW-TOTAL finding) still states the counts in its columns, and a text number that
    matches neither reading contradicts the table. Empty when no tied cell was read at all."""
    readings = {}
    printed = _read_sum([report.cells.get(key) for key in keys])
    if printed is not None:
        readings["printed"] = printed
    if all(key[0] == "t2" and key[2] == "total" for key in keys):
        applicants = T2_COLUMNS[:-1]
        parts = _read_sum(
            [report.cells.get(("t2", row, column)) for _, row, _ in keys for column in applicants]
        )
        if parts is not None:
            readings["parts"] = parts
            # 总计 cells all blank while the columns are not: as printed, blank counts 0.
            readings.setdefault("printed", Decimal(0))
    return readings


def _read_sum(cells: list[Cell | None]) -> Decimal | None:
    """The sum of the cells when every one is usable and at least one was read; else None."""
    found = [c for c in cells if c is not None]
    if len(found) < len(cells) or not _usable(found) or all(c.status is not CellStatus.READ for c in found):
        return None
    return sum(map(_v, found), Decimal(0))


def _reading_words(readings: dict[str, Decimal]) -> str:
    printed, parts = readings.get("printed"), readings.get("parts")
    if parts is None or parts == printed:
        return _n(printed if printed is not None else Decimal(0))
    if printed is None:
        return f"各类申请人之和{_n(parts)}"
    return f"总计栏为{_n(printed)}，各类申请人之和为{_n(parts)}"


def _group_totals(report: AnnualReport, group: OutcomeGroup) -> tuple[CellKey, ...]:
    rows = report.layout.table("t2").rows
    return tuple(
        ("t2", row.key, "total") for row in rows if row.outcomes and outcome(row.outcomes[0]).group is group
    )


def _check_all_upheld(report: AnnualReport) -> list[Finding]:
    said = next((line.strip() for line in report.text if ALL_UPHELD.search(line.replace(" ", ""))), None)
    if said is None:
        return []
    others = []
    for column, label in NOT_UPHELD:
        cell = report.cells.get(("t3", "appeals", column))
        if cell is not None and cell.status is CellStatus.READ and cell.value:
            others.append((column, f"{label}{_n(cell.value)}件"))
    if not others:
        return []
    claim = ALL_UPHELD.search(said.replace(" ", "")).group(0)  # type: ignore[union-attr]
    message = f"正文称“{claim}”，复议诉讼情况表却有{'、'.join(text for _, text in others)}。"
    return [Finding("TEXT-UPHELD", message, [("t3", "appeals", column) for column, _ in others])]


# The per-report checks, in the order their findings are listed within a severity.
REPORT_CHECKS: tuple[Callable[[AnnualReport], list[Finding]], ...] = (
    check_document,
    check_readings,
    check_values,
    check_table1,
    check_table2,
    check_table3,
)


def run_checks(report: AnnualReport, *, to: Input = Input.PUBLISHED) -> list[Finding]:
    """Every registered check that applies to this kind of report, errors first."""
    findings = [f for check in REPORT_CHECKS for f in check(report) if to in CHECKS[f.code].inputs]
    return sorted(findings, key=lambda f: f.severity.rank)
