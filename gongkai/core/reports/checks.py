"""The checks of a published or generated annual report, each a coded finding in Chinese.

Sources for each rule are in statute.md §5. Blank cells count as 0 in arithmetic and the message
says so; missing or unreadable cells are never guessed: a sum that needs one is not checked, and
the cells are listed by CELLS-UNREADABLE instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.core.reports.layouts import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    DECIMAL_COLUMNS,
    SIGNED_COLUMNS,
    template_for_year,
)
from gongkai.core.reports.model import AnnualReport, Cell
from gongkai.core.reports.numbers import CellStatus, plain_number
from gongkai.core.reports.sums import Sum, table2_sums, table3_sums
from gongkai.core.written_dates import chinese_date

ERROR, WARNING, INFO = "error", "warning", "info"
TABLE_NAMES = {"t1": "主动公开情况表", "t2": "依申请公开情况表", "t3": "复议诉讼情况表"}


@dataclass(frozen=True)
class CheckInfo:
    severity: str
    title: str
    explanation: str


CHECKS: dict[str, CheckInfo] = {
    "T2-BALANCE": CheckInfo(
        ERROR,
        "依申请公开情况表勾稽关系不成立",
        "每一列：一（本年新收）+ 二（上年结转）应等于 三（七）总计 + 四（结转下年度）。依据：表格左上角的勾稽说明（国办公开办函〔2019〕60号、〔2021〕30号）。",
    ),
    "T2-ROW-TOTAL": CheckInfo(
        ERROR, "依申请公开情况表行合计不等", "每一行的“总计”应等于自然人和五类法人或其他组织之和。"
    ),
    "T2-OUTCOME-SUM": CheckInfo(
        ERROR, "办理结果合计不等", "（七）总计应等于（一）至（六）各项办理结果之和。部分公开只计一次。"
    ),
    "T3-BLOCK-TOTAL": CheckInfo(
        ERROR,
        "复议诉讼情况表合计不等",
        "行政复议、未经复议直接起诉、复议后起诉三部分，每部分的总计应等于维持、纠正、其他结果、尚未审结之和。",
    ),
    "TEMPLATE-YEAR": CheckInfo(
        ERROR,
        "年报格式与年度不符",
        "2021年度起应使用国办公开办函〔2021〕30号格式（制发/废止/现行有效件数等），2019、2020年度使用〔2019〕60号试行格式。",
    ),
    "SECTIONS": CheckInfo(
        WARNING,
        "缺少章节或顺序不对",
        "年报应依次包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项（条例第五十条）。",
    ),
    "SIGNED-EARLY": CheckInfo(
        ERROR, "落款日期早于报告年度结束", "年报统计本年度1月1日至12月31日的情况，落款日期不应早于12月31日。"
    ),
    "SIGNED-LATE": CheckInfo(
        WARNING,
        "落款日期晚于1月31日",
        "县级以上人民政府部门应于每年1月31日前公布上一年度年报（条例第四十九条）；本级人民政府年报为3月31日前。",
    ),
    "NO-DATE": CheckInfo(
        INFO, "未找到落款日期", "文末未找到“某年某月某日”形式的落款日期，无法检查发布时限。"
    ),
    "TEXT-NUMBER": CheckInfo(
        WARNING,
        "正文数字与表格不一致",
        "正文中“收到……申请N件”“上年结转N件”“结转下年度继续办理N件”“予以公开N件”“部分公开N件”等数字应与依申请公开情况表相应的总计一致，"
        "“行政复议N件”“行政诉讼N件”应与复议诉讼情况表的总计一致。",
    ),
    "TEXT-UPHELD": CheckInfo(
        WARNING,
        "正文称均获维持，表格却不全是维持",
        "正文说行政复议、行政诉讼“均获维持”（或“全部维持”），复议诉讼情况表却有结果纠正、其他结果或尚未审结的案件。"
        "尚未审结的案件还没有结果，不能说已获维持。",
    ),
    "VALUE-DOMAIN": CheckInfo(
        ERROR, "数值不合理", "件数应为非负整数；只有2019年格式的“本年增/减”可为负数，只有金额可有小数。"
    ),
    "CARRY-OVER": CheckInfo(
        WARNING,
        "结转数与上年不一致",
        "本年“二、上年结转”应等于上一年度年报的“四、结转下年度继续办理”（逐列；见 cross.py）。",
    ),
    "SIMILAR-TEXT": CheckInfo(
        WARNING,
        "正文与上年高度雷同",
        "与同一机关上一年度年报的正文相似度达到90%以上，可能照抄往年内容（2021年格式通知：内容雷同将被追责）。",
    ),
    "T2-TEMPLATE-MIX": CheckInfo(
        WARNING,
        "依申请公开情况表格式与年报格式不一致",
        "2021年格式的依申请公开情况表将（六）其他处理分为三项（逾期不补正、逾期未缴费、其他），2019年试行格式只有一行（六）其他处理。"
        "本报告的表格按所印格式读取；应按报告年度适用的格式填报（2019、2020年度用〔2019〕60号，2021年度起用〔2021〕30号）。",
    ),
    "READING-SETTLED": CheckInfo(
        INFO,
        "按表内合计确定了有歧义的读法",
        "某些单元格的文字可以有几种读法（例如分页处两行粘连、数字连在一起的“3 0”）；只有一种读法使表内合计"
        "（行合计、一+二=三（七）+四、（七）=各项办理结果之和、复议诉讼各部分总计）全部成立，已按该读法读取。",
    ),
    "READING-UNSETTLED": CheckInfo(
        WARNING,
        "有歧义的单元格无法确定，按缺失处理",
        "某些单元格的文字可以有几种读法（例如分页处两行粘连、数字连在一起的“3 0”），而表内合计不能确定是哪一种"
        "（没有一种读法使合计成立，或有几种都成立）。这些单元格按缺失处理，不猜测数值，请人工核对原件。",
    ),
    "CELLS-UNREADABLE": CheckInfo(
        WARNING, "有单元格未能读取", "这些单元格在文件中缺失或不是数字，相关合计未作检查。不会把它们当作0。"
    ),
}


@dataclass
class Finding:
    code: str
    message: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return CHECKS[self.code].severity


def _usable(cells: list[Cell]) -> bool:
    return all(c.status in (CellStatus.READ, CellStatus.BLANK, CellStatus.NOTHING) for c in cells)


def _v(cell: Cell) -> Decimal:
    return cell.value if cell.value is not None else Decimal(0)


def _blank_note(cells: list[Cell]) -> str:
    return "（空白按0计）" if any(c.status is not CellStatus.READ for c in cells) else ""


_n = plain_number


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
    part_sum, total = _n(sum(map(_v, parts))), _n(sum(map(_v, totals)))
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


def check_values(report: AnnualReport) -> list[Finding]:
    findings, unreadable = [], []
    for key, cell in report.cells.items():
        if cell.status in (CellStatus.MISSING, CellStatus.UNREADABLE):
            unreadable.append(key)
            continue
        if cell.value is None:
            continue
        signed = cell.column in SIGNED_COLUMNS
        decimal_ok = cell.column in DECIMAL_COLUMNS
        if (cell.value < 0 and not signed) or (cell.value != cell.value.to_integral() and not decimal_ok):
            findings.append(
                Finding("VALUE-DOMAIN", f"{cell.describe_location()}：“{cell.raw}”不是合理的数值。", [key])
            )
    if unreadable:
        tables = [TABLE_NAMES[t] for t in ("t1", "t2", "t3") if any(key[0] == t for key in unreadable)]
        findings.append(
            Finding(
                "CELLS-UNREADABLE",
                f"{len(unreadable)}个单元格缺失或无法读取（{'、'.join(tables)}），相关合计未检查。",
                unreadable,
            )
        )
    return findings


TEMPLATE_NAMES = {"2019": "2019年试行格式（〔2019〕60号）", "2021": "2021年格式（〔2021〕30号）"}


def check_readings(report: AnnualReport) -> list[Finding]:
    findings = [
        Finding("READING-SETTLED" if note.settled else "READING-UNSETTLED", note.message, list(note.cells))
        for note in report.readings
    ]
    printed = report.table2_template
    if printed is not None and printed != report.template:
        due = template_for_year(report.year) if report.year is not None else report.template
        findings.append(
            Finding(
                "T2-TEMPLATE-MIX",
                f"年报的主动公开情况表为{TEMPLATE_NAMES[report.template]}，依申请公开情况表却是"
                f"{TEMPLATE_NAMES[printed]}（（六）其他处理{'只有一行' if printed == '2019' else '分为三项'}）；"
                f"{'本年度' if report.year is None else f'{report.year}年度'}应使用{TEMPLATE_NAMES[due]}。表格按所印格式读取。",
            )
        )
    return findings


def check_document(report: AnnualReport) -> list[Finding]:
    findings = []
    year = report.year
    if year is not None:
        expected = template_for_year(year)
        if report.template != expected:
            names = TEMPLATE_NAMES
            findings.append(
                Finding(
                    "TEMPLATE-YEAR",
                    f"{year}年度年报使用了{names[report.template]}，应使用{names[expected]}。",
                )
            )
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
    if report.signed_on > date(report.year + 1, 1, 31):
        return [
            Finding(
                "SIGNED-LATE", f"落款日期{chinese_date(report.signed_on)}晚于{report.year + 1}年1月31日。"
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
TEXT_NUMBERS = (
    (
        r"(?:依申请公开的政府信息|收到[^。，；]{0,12}?申请|受理[^。，；]{0,12}?申请)(\d+)\s*[件条]",
        (("t2", "new", "total"),),
        "依申请公开情况表本年新收申请总计",
    ),
    (
        r"上年结转(?:[^。，；\d]{0,8}?)(\d+)\s*件",
        (("t2", "carried_in", "total"),),
        "依申请公开情况表上年结转总计",
    ),
    (
        r"结转下一?年度?(?:继续办理)?(\d+)\s*件",
        (("t2", "carried_out", "total"),),
        "依申请公开情况表结转下年度总计",
    ),
    (r"(?<!不)予以公开(\d+)\s*件", (("t2", "granted", "total"),), "依申请公开情况表（一）予以公开总计"),
    (r"部分公开(\d+)\s*件", (("t2", "partial", "total"),), "依申请公开情况表（二）部分公开总计"),
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
    for pattern, keys, label in TEXT_NUMBERS:
        cells = [report.cells.get(key) for key in keys]
        if (
            any(c is None for c in cells)
            or not _usable(cells)
            or all(c.status is not CellStatus.READ for c in cells)
        ):
            continue
        value = sum(map(_v, cells))
        for line in report.text:
            for match in re.finditer(pattern, line.replace(" ", "")):
                if Decimal(match.group(1)) != value:
                    message = f"正文“{match.group(0)}”与{label}（{_n(value)}）不一致。"
                    findings.append(Finding("TEXT-NUMBER", message, list(keys)))
    findings += _check_all_upheld(report)
    return findings


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


def run_checks(report: AnnualReport) -> list[Finding]:
    findings = (
        check_document(report)
        + check_readings(report)
        + check_values(report)
        + check_table2(report)
        + check_table3(report)
    )
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])
