"""Every check of an annual report, registered once: its code, severity, Chinese title, explanation
and the inputs it applies to. The CLI's --explain, the exports, the audit screens and the annual
app's signing gate all read this table; nothing else names a check's severity or filters codes.

Inputs: a PUBLISHED report read from a file; a COMPUTED report (the tables counted from the
records, its text as drafted - no signature date and no headings to look for yet); a BATCH of
reports of one body compared year to year; the RECORDS behind a computed report (Django-side,
gongkai.annual.record_checks); a FILE that could not be read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return ("error", "warning", "info").index(self.value)


class Input(Enum):
    PUBLISHED = "published"
    COMPUTED = "computed"
    BATCH = "batch"
    RECORDS = "records"
    FILE = "file"


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    title: str
    explanation: str
    inputs: frozenset[Input]
    # A warning that still stops a report being signed: the text contradicting its own tables.
    stops_signing_too: bool = False

    @property
    def stops_signing(self) -> bool:
        """Whether a finding of this check refuses the 负责人's signature (annual.services)."""
        return self.severity is Severity.ERROR or self.stops_signing_too

    @property
    def name(self) -> str:
        """The title with the code beside it, as the audit screens show a check."""
        return f"{self.title}（{self.code}）"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BOTH = frozenset({Input.PUBLISHED, Input.COMPUTED})  # the per-report checks a computed report shares
PUBLISHED_ONLY = frozenset({Input.PUBLISHED})

_ALL = (
    Check(
        "UNREADABLE-FILE",
        ERROR,
        "文件无法读取",
        "文件损坏、格式不支持、扫描件没有文字层，或超出上传限制，未能读取任何内容。",
        frozenset({Input.FILE}),
    ),
    Check(
        "T1-IN-FORCE",
        WARNING,
        "主动公开情况表现行有效件数少于本年新增",
        "规章、行政规范性文件本年新增的文件，到年底或仍然有效，或已在本年废止：2021年格式中本年制发件数不应超过"
        "现行有效件数与本年废止件数之和；2019年试行格式中本年新公开数量不应超过对外公开总数量。"
        "例外：年底成文、次年初才发布的文件计入本年制发，却不在年底的现行有效件数中，请核对。",
        # Not for a computed report: its 本年制发 counts such a document by its 成文日期
        # (publishing/statistics.py), so the table may rightly fall short by it.
        PUBLISHED_ONLY,
    ),
    Check(
        "T2-BALANCE",
        ERROR,
        "依申请公开情况表勾稽关系不成立",
        "每一列：一（本年新收）+ 二（上年结转）应等于 三（七）总计 + 四（结转下年度）。依据：表格左上角的勾稽说明（国办公开办函〔2019〕60号、〔2021〕30号）。",
        BOTH,
    ),
    Check(
        "T2-ROW-TOTAL",
        ERROR,
        "依申请公开情况表行合计不等",
        "每一行的“总计”应等于自然人和五类法人或其他组织之和。",
        BOTH,
    ),
    Check(
        "T2-OUTCOME-SUM",
        ERROR,
        "办理结果合计不等",
        "（七）总计应等于（一）至（六）各项办理结果之和。部分公开只计一次。",
        BOTH,
    ),
    Check(
        "T3-BLOCK-TOTAL",
        ERROR,
        "复议诉讼情况表合计不等",
        "行政复议、未经复议直接起诉、复议后起诉三部分，每部分的总计应等于维持、纠正、其他结果、尚未审结之和。",
        BOTH,
    ),
    Check(
        "TEMPLATE-YEAR",
        ERROR,
        "年报格式与年度不符",
        "2021年度起应使用国办公开办函〔2021〕30号格式（制发/废止/现行有效件数等），2019、2020年度使用〔2019〕60号试行格式。",
        BOTH,
    ),
    Check(
        "SECTIONS",
        WARNING,
        "缺少章节或顺序不对",
        "年报应依次包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项（条例第五十条）。",
        PUBLISHED_ONLY,
    ),
    Check(
        "SIGNED-EARLY",
        ERROR,
        "落款日期早于报告年度结束",
        "年报统计本年度1月1日至12月31日的情况，落款日期不应早于12月31日。",
        PUBLISHED_ONLY,
    ),
    Check(
        "SIGNED-LATE",
        WARNING,
        "落款日期晚于公布期限",
        "县级以上人民政府部门应于每年1月31日前公布上一年度年报（条例第四十九条）；县级以上地方人民政府本级年报"
        "（按报告所署机关名称判断）按设置的期限（默认3月31日，条例未规定）。",
        PUBLISHED_ONLY,
    ),
    Check(
        "NO-DATE",
        INFO,
        "未找到落款日期",
        "文末未找到“某年某月某日”形式的落款日期，无法检查发布时限。",
        PUBLISHED_ONLY,
    ),
    Check(
        "TEXT-NUMBER",
        WARNING,
        "正文数字与表格不一致",
        "正文中“本年新收（收到）……申请N件”“上年结转N件”“结转下年度继续办理N件”“予以公开N件”“部分公开N件”等数字应与依申请公开情况表相应的总计一致，"
        "“行政复议N件”“行政诉讼N件”应与复议诉讼情况表的总计一致，“收费N万元”应与主动公开情况表的收费金额一致。",
        BOTH,
        stops_signing_too=True,
    ),
    Check(
        "TEXT-UPHELD",
        WARNING,
        "正文称均获维持，表格却不全是维持",
        "正文说行政复议、行政诉讼“均获维持”（或“全部维持”），复议诉讼情况表却有结果纠正、其他结果或尚未审结的案件。"
        "尚未审结的案件还没有结果，不能说已获维持。",
        BOTH,
    ),
    Check(
        "VALUE-DOMAIN",
        ERROR,
        "数值不合理",
        "件数应为非负整数；只有2019年格式的“本年增/减”可为负数，只有金额可有小数。",
        BOTH,
    ),
    Check(
        "CARRY-OVER",
        WARNING,
        "结转数与上年不一致",
        "本年“二、上年结转”应等于上一年度年报的“四、结转下年度继续办理”（逐列；见 cross.py）。",
        frozenset({Input.BATCH}),
    ),
    Check(
        "SIMILAR-TEXT",
        WARNING,
        "正文与上年高度雷同",
        "与同一机关上一年度年报的正文相似度达到90%以上，可能照抄往年内容（2021年格式通知：内容雷同将被追责）。",
        frozenset({Input.BATCH}),
    ),
    Check(
        "T2-TEMPLATE-MIX",
        WARNING,
        "依申请公开情况表格式与年报格式不一致",
        "2021年格式的依申请公开情况表将（六）其他处理分为三项（逾期不补正、逾期未缴费、其他），2019年试行格式只有一行（六）其他处理。"
        "本报告的表格按所印格式读取；应按报告年度适用的格式填报（2019、2020年度用〔2019〕60号，2021年度起用〔2021〕30号）。",
        PUBLISHED_ONLY,
    ),
    Check(
        "READING-SETTLED",
        INFO,
        "按表内合计确定了有歧义的读法",
        "某些单元格的文字可以有几种读法（例如分页处两行粘连、数字连在一起的“3 0”）；只有一种读法使表内合计"
        "（行合计、一+二=三（七）+四、（七）=各项办理结果之和、复议诉讼各部分总计）全部成立，已按该读法读取。",
        PUBLISHED_ONLY,
    ),
    Check(
        "READING-UNSETTLED",
        WARNING,
        "有歧义的单元格无法确定，按缺失处理",
        "某些单元格的文字可以有几种读法（例如分页处两行粘连、数字连在一起的“3 0”），而表内合计不能确定是哪一种"
        "（没有一种读法使合计成立，或有几种都成立）。这些单元格按缺失处理，不猜测数值，请人工核对原件。",
        PUBLISHED_ONLY,
    ),
    Check(
        "ROW-BY-PLACE",
        INFO,
        "标签受损或缺失的行按行序读取",
        "两种格式的表格行序固定。某行的标签受损（打字、OCR错误）或没有印出，而它上下两行都已找到、两者之间恰好印有"
        "相应数目的行时，按固定行序读作该行；其标签须与该行的序号一致、相似，且不是别的行的标签。请人工核对原件。",
        PUBLISHED_ONLY,
    ),
    Check(
        "ROW-NOT-FOUND",
        WARNING,
        "有的行未能定位，按缺失处理",
        "两种格式的表格行序固定。某些行的标签没有找到，按行序也无法确定它们印在哪里（上下两行之间印出的行数与表格不符，"
        "标签与行序不符，或整张表都没有找到）。消息说明是哪些行、为什么；这些单元格按缺失处理，不猜测数值。",
        PUBLISHED_ONLY,
    ),
    Check(
        "ROW-VALUES-SHORT",
        WARNING,
        "有的行数值不全，缺少的单元格按缺失处理",
        "某行的标签找到了，其后印出的数值却少于该行的列数（文件在此处截断，或单元格在转换中丢失）。消息说明是哪一行、"
        "印出了几个数值；缺少的单元格按缺失处理，不猜测数值。",
        PUBLISHED_ONLY,
    ),
    Check(
        "CELLS-UNREADABLE",
        WARNING,
        "有单元格未能读取",
        "这些单元格在文件中缺失或不是数字，相关合计未作检查。不会把它们当作0。",
        PUBLISHED_ONLY,
    ),
    Check(
        "REC-ONCE",
        ERROR,
        "案件未恰好计数一次",
        "本年度办理中的每件申请，应恰好计入一次：三（办理结果）的某一行，或四（结转下年度）；"
        "一 + 二 = 三（七）+ 四 由记录逐件核对。",
        frozenset({Input.RECORDS}),
    ),
    Check(
        "REC-CARRY",
        ERROR,
        "上年结转与上年度已发布年报不一致",
        "本年“二、上年结转”应等于上一年度已发布年报（最新一版）的“四、结转下年度继续办理”。",
        frozenset({Input.RECORDS}),
    ),
)

CHECKS: dict[str, Check] = {check.code: check for check in _ALL}


def applies(code: str, to: Input) -> bool:
    return to in CHECKS[code].inputs


def codes_for(to: Input) -> tuple[str, ...]:
    return tuple(code for code, check in CHECKS.items() if to in check.inputs)
