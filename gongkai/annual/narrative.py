"""Parts 一、五、六 of the annual report drafted from the year's records and the body's 工作台账.

一、总体情况 covers the five subjects of the 2021 format (国办公开办函〔2021〕30号): 主动公开, 依申请公开,
政府信息管理, 平台建设, 监督保障 - for a people's government also 工作考核、社会评议和责任追究结果
(条例第五十条第四项). A subject nothing in the records speaks to is drafted as a 【待确认】 sentence: the
clerk writes what was done or confirms there was nothing, and signing is refused while one remains
("nothing omitted, nothing padded"). Every number a sentence quotes is listed in `quoted_numbers`,
so the text as edited is checked against the records again before signing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from gongkai.annual.facts import DraftFacts
from gongkai.annual.models import LedgerEntry, LedgerKind
from gongkai.annual.rectification import LastYearAudit, rectification_sentence
from gongkai.core.reports.checks import Finding
from gongkai.core.reports.numbers import plain_number

UNCONFIRMED = "【待确认】"
# What a draft leaves for the clerk: 「（请补充……）」「（如有，请补充。）」 and unconfirmed sentences.
PLACEHOLDER = re.compile(r"（(?:请|如有)[^）]*）|【待确认】[^。\n]*。?")
# 条例第五十条第四项: 各级人民政府 report 工作考核、社会评议和责任追究结果. 乡镇人民政府 share the
# township level with 街道办事处; both are asked for it.
GOVERNMENT_LEVELS = ("province", "city", "county", "township")

Ledger = dict[str, list[LedgerEntry]]


def _day(entry: LedgerEntry) -> str:
    return f"{entry.on.month}月{entry.on.day}日"


def _entry(entry: LedgerEntry) -> str:
    """One 台账 entry as a clause: date, what, its content, how many took part."""
    text = f"{_day(entry)}{entry.title.rstrip('。；;，,')}"
    if entry.detail:
        text += f"，{entry.detail.rstrip('。；;，,')}"
    if entry.attendees:
        text += f"（参加{entry.attendees}人）"
    return text


def _entries(entries: list[LedgerEntry]) -> str:
    return "；".join(_entry(e) for e in entries) + "。"


def _attendance(entries: list[LedgerEntry]) -> int:
    return sum(e.attendees or 0 for e in entries)


def _missing(what: str) -> str:
    return f"{UNCONFIRMED}本年度工作台账未记录{what}，请补充或确认本年度没有此项工作。"


def _proactive(facts: DraftFacts, ledger: Ledger) -> str:
    total = sum(n for _, n in facts.items_by_column)
    text = f"（一）主动公开。本年度主动公开政府信息{total}条"
    interpreted, normative = facts.normative_with_interpretation
    if normative:
        text += f"，发布的行政规范性文件{normative}件中{interpreted}件同步发布了政策解读"
    text += f"；超过规定时限公开{facts.items_late}条"
    text += (
        f"，定期更新栏目{len(facts.updates_missed)}个未按期更新（{'、'.join(facts.updates_missed)}）。"
        if facts.updates_missed
        else "，定期更新的栏目均按期更新。"
    )
    if ledger[LedgerKind.WORK_POINTS]:
        text += "围绕年度政务公开工作要点：" + _entries(ledger[LedgerKind.WORK_POINTS])
    return text if total or ledger[LedgerKind.WORK_POINTS] else text + _missing("主动公开的重点工作")


def _on_request(facts: DraftFacts, values: dict) -> str:
    new = int(values.get(("t2", "new", "total")) or 0)
    text = f"（二）依申请公开。本年度新收政府信息公开申请{new}件，作出答复{facts.answered}件"
    if facts.answered:
        text += (
            f"，其中按期答复{facts.answered_on_time}件、超期答复{facts.answered - facts.answered_on_time}件，"
            f"平均用时{plain_number(facts.average_working_days)}个工作日"
        )
    text += f"；发出补正告知{facts.supplements}件，征求第三方意见{facts.consultations}件"
    if facts.turned_proactive:  # 条例第四十四条, said only when it happened
        text += f"，依申请公开转为主动公开{facts.turned_proactive}件"
    return text + "。"


def _management(facts: DraftFacts, ledger: Ledger) -> str:
    masked = sum(m for _, m, _ in facts.hits)
    allowed = sum(a for _, _, a in facts.hits)
    text = f"（三）政府信息管理。坚持先审查、后公开，本年度经保密审查后发布{facts.secrecy_reviewed}条"
    if facts.hits:
        kinds = "、".join(f"{label}{m + a}处" for label, m, a in facts.hits)
        text += f"，发现个人信息等敏感内容（{kinds}），遮盖{masked}处、经审查允许公开{allowed}处"
    text += f"；废止规范性文件{facts.repealed}件。" if facts.repealed else "。"
    if ledger[LedgerKind.INFORMATION_MANAGEMENT]:
        text += _entries(ledger[LedgerKind.INFORMATION_MANAGEMENT])
    return text


def _platform(ledger: Ledger) -> str:
    entries = ledger[LedgerKind.PLATFORM]
    return "（四）平台建设。" + (_entries(entries) if entries else _missing("政府网站和政务新媒体工作"))


def _oversight(facts: DraftFacts, ledger: Ledger, government: bool) -> str:
    parts = []
    urged, replied = facts.urgings
    if urged:
        parts.append(f"收到上级机关对逾期申请的督办{urged}件，已回复办理情况{replied}件。")
    if meetings := ledger[LedgerKind.LEADING_GROUP]:
        parts.append(f"召开领导小组会议{len(meetings)}次：" + _entries(meetings))
    else:
        parts.append(_missing("政务公开领导小组及其会议"))
    if trainings := ledger[LedgerKind.TRAINING]:
        parts.append(
            f"开展政务公开培训{len(trainings)}次，累计参训{_attendance(trainings)}人次："
            + _entries(trainings)
        )
    else:
        parts.append(_missing("政务公开培训"))
    if inspections := ledger[LedgerKind.INSPECTION]:
        parts.append("监督检查和考核：" + _entries(inspections))
    elif government:
        parts.append(_missing("政务公开工作考核"))
    for kind, what in ((LedgerKind.EVALUATION, "社会评议"), (LedgerKind.ACCOUNTABILITY, "责任追究")):
        if ledger[kind]:
            parts.append(f"{what}：" + _entries(ledger[kind]))
        elif government:
            parts.append(_missing(f"{what}结果"))
    return "（五）监督保障。" + "".join(parts)


def overview(
    *, body_name: str, year: int, facts: DraftFacts, ledger: Ledger, values: dict, level: str
) -> str:
    """一、总体情况: an opening line and the five sub-parts, one paragraph each."""
    return "\n".join(
        [
            f"{year}年，{body_name}认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。",
            _proactive(facts, ledger),
            _on_request(facts, values),
            _management(facts, ledger),
            _platform(ledger),
            _oversight(facts, ledger, level in GOVERNMENT_LEVELS),
        ]
    )


def _numbers(numbers: list[str], count: int) -> str:
    return "、".join(numbers) + ("等" if count > len(numbers) else "")


def problems(
    facts: DraftFacts, ledger: Ledger, last_year_published: bool, last_year: LastYearAudit | None = None
) -> str:
    """五: what the records show went wrong, last year's open cases, the findings of last year's
    published report and whether they are corrected (上年度年报问题整改), and the improvements planned."""
    found = []
    late = facts.answered - facts.answered_on_time
    if late:
        found.append(f"超过法定期限答复的申请{late}件（{_numbers(facts.answered_late, late)}）")
    if facts.overdue_count:
        numbers = _numbers(facts.overdue_at_year_end, facts.overdue_count)
        found.append(f"截至年底已超过答复期限仍未办结的申请{facts.overdue_count}件（{numbers}）")
    if facts.items_late:
        found.append(f"超过条例第二十六条规定时限公开的政府信息{facts.items_late}条")
    if facts.updates_missed:
        found.append(f"未按期更新的定期更新栏目{len(facts.updates_missed)}个")
    text = "经核查办理记录，" + ("；".join(found) if found else "本年度未发现超期答复和逾期公开的情况") + "。"
    if last_year_published and facts.last_year_overdue:
        still = facts.last_year_overdue_still_open
        text += f"上年度年报所列截至年底超期未办结的申请{len(facts.last_year_overdue)}件，" + (
            f"仍有{len(still)}件未办结（{'、'.join(still)}）。" if still else "均已办结。"
        )
    text += rectification_sentence(last_year)
    if improvements := ledger[LedgerKind.IMPROVEMENT]:
        text += "改进措施：" + _entries(improvements)
    elif found or (last_year is not None and last_year.still_open):
        text += f"{UNCONFIRMED}请填写针对上述问题的改进措施。"
    return text


def _fees(facts: DraftFacts) -> str:
    cases, amount = facts.fees_paid
    if not cases:
        return "本年度未收取信息处理费。"
    return (
        f"本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{cases}件，共计{plain_number(amount)}元。"
    )


def other_matters(facts: DraftFacts, ledger: Ledger) -> str:
    """六: fees, and the 人大代表建议和政协委员提案 handled and their results published."""
    proposals = ledger[LedgerKind.PROPOSALS]
    return _fees(facts) + (
        "人大代表建议和政协委员提案办理结果公开：" + _entries(proposals)
        if proposals
        else _missing("人大代表建议和政协委员提案办理结果公开")
    )


@dataclass(frozen=True)
class Quoted:
    """A number the drafted text quotes from the records: its wording and its value now."""

    pattern: str  # with one group around the number
    value: Decimal
    label: str


def quoted_numbers(
    facts: DraftFacts, ledger: Ledger, values: dict, last_year: LastYearAudit | None = None
) -> list[Quoted]:
    interpreted, normative = facts.normative_with_interpretation
    cases, amount = facts.fees_paid
    numbers = [
        (
            r"新收政府信息公开申请(\d+)件",
            values.get(("t2", "new", "total")) or 0,
            "依申请公开情况表本年新收总计",
        ),
        (r"主动公开政府信息(\d+)条", sum(n for _, n in facts.items_by_column), "本年度主动公开的政府信息"),
        (r"行政规范性文件(\d+)件中", normative, "本年度发布的行政规范性文件"),
        (r"(\d+)件同步发布了政策解读", interpreted, "同步发布政策解读的行政规范性文件"),
        (r"超过规定时限公开(\d+)条", facts.items_late, "超过条例第二十六条时限公开的信息"),
        (r"定期更新栏目(\d+)个未按期更新", len(facts.updates_missed), "未按期更新的定期更新栏目"),
        (r"作出答复(\d+)件", facts.answered, "本年度作出答复的申请"),
        (r"按期答复(\d+)件", facts.answered_on_time, "按期答复的申请"),
        (r"超期答复(\d+)件", facts.answered - facts.answered_on_time, "超期答复的申请"),
        (r"超过法定期限答复的申请(\d+)件", facts.answered - facts.answered_on_time, "超期答复的申请"),
        (r"仍未办结的申请(\d+)件", facts.overdue_count, "截至年底超期未办结的申请"),
        (r"平均用时(\d+(?:\.\d+)?)个工作日", facts.average_working_days, "平均答复用时（工作日）"),
        (r"发出补正告知(\d+)件", facts.supplements, "发出补正告知的申请"),
        (r"征求第三方意见(\d+)件", facts.consultations, "征求第三方意见的申请"),
        (r"依申请公开转为主动公开(\d+)件", facts.turned_proactive, "由依申请公开转为主动公开的申请"),
        (r"经保密审查后发布(\d+)条", facts.secrecy_reviewed, "经保密审查后发布的信息"),
        (r"遮盖(\d+)处", sum(m for _, m, _ in facts.hits), "遮盖的敏感内容"),
        (r"允许公开(\d+)处", sum(a for _, _, a in facts.hits), "经审查允许公开的内容"),
        (r"废止规范性文件(\d+)件", facts.repealed, "本年度废止的规章和规范性文件"),
        (r"召开领导小组会议(\d+)次", len(ledger[LedgerKind.LEADING_GROUP]), "台账记录的领导小组会议"),
        (r"开展政务公开培训(\d+)次", len(ledger[LedgerKind.TRAINING]), "台账记录的培训"),
        (r"累计参训(\d+)人次", _attendance(ledger[LedgerKind.TRAINING]), "台账记录的培训参加人数"),
        (r"逾期申请的督办(\d+)件", facts.urgings[0], "本年度收到的督办"),
        (r"已回复办理情况(\d+)件", facts.urgings[1], "已回复的督办"),
        (r"收取信息处理费(\d+)件", cases, "缴纳信息处理费的申请"),
        (r"信息处理费\d+件，共计(\d+(?:\.\d+)?)元", amount, "收取的信息处理费（元）"),
    ]
    if last_year is not None:  # without a published previous year, nothing may be said of it
        numbers += [
            (r"上年度年报经核查发现(\d+)处问题", len(last_year.findings), "上年度年报核查发现的问题"),
            (
                r"上年度年报经核查发现\d+处问题[^。]*?已整改(\d+)处",
                len(last_year.corrected),
                "上年度年报问题已整改",
            ),
            (
                r"上年度年报经核查发现\d+处问题[^。]*?尚未整改(\d+)处",
                len(last_year.still_open),
                "上年度年报问题尚未整改",
            ),
        ]
    return [Quoted(p, Decimal(v), label) for p, v, label in numbers if v is not None]


def record_number_findings(texts: list[str], quoted: list[Quoted]) -> list[Finding]:
    """TEXT-NUMBER findings for each number in the text that the records no longer bear out."""
    findings = []
    for q in quoted:
        for text in texts:
            for match in re.finditer(q.pattern, text.replace(" ", "")):
                if Decimal(match.group(1)) != q.value:
                    message = f"正文“{match.group(0)}”与记录不一致：{q.label}为{plain_number(q.value)}。"
                    findings.append(Finding("TEXT-NUMBER", message))
    return findings


def placeholders_left(sections: list[list[str]]) -> list[str]:
    """Each placeholder or unconfirmed sentence still in the text, with the part it is in."""
    return [
        f"{heading}：“{match.group(0)}”" for heading, text in sections for match in PLACEHOLDER.finditer(text)
    ]
