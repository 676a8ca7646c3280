"""The six sections of the annual report, drafted from the data for the clerk to edit.

Every number quoted comes from the computed tables; when the clerk edits the text, the auditor's
TEXT-NUMBER check compares the numbers in it with the tables again before the report is signed.
"""

from __future__ import annotations

from gongkai.annual import narrative
from gongkai.core.reports.layouts import LAYOUTS

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def _n(value) -> int:
    return int(value or 0)


def _proactive(facts) -> str:
    if facts is None or not facts.items_by_column:
        return "本年度主动公开政府信息情况见下表。（请补充公开的重点领域和方式。）"
    total = sum(n for _, n in facts.items_by_column)
    columns = "、".join(f"{name}{n}条" for name, n in facts.items_by_column)
    kinds = "、".join(f"{name}{n}件" for name, n in facts.items_by_kind)
    interpreted, normative = facts.normative_with_interpretation
    text = f"本年度通过政府信息公开平台主动公开政府信息{total}条，其中{columns}；按类别分，{kinds}。"
    if normative:
        text += f"本年度发布的行政规范性文件{normative}件中，{interpreted}件同步发布了政策解读。"
    return text + "主动公开政府信息情况见下表。"


def draft_sections(
    *,
    body_name: str,
    year: int,
    template: str,
    values: dict,
    facts=None,
    ledger=None,
    level: str = "",
    last_year_published: bool = False,
    last_year=None,
) -> list[list[str]]:
    """The six parts. `facts` (gongkai.annual.facts.DraftFacts) and `ledger` (the 工作台账 by kind)
    draft 一、五、六 from the records (gongkai.annual.narrative); without them those parts are
    placeholders for the clerk. `last_year` (gongkai.annual.rectification.LastYearAudit) is the
    audit of last year's published report, drafted in 五."""
    t2 = LAYOUTS[template].table("t2")
    new, carried = _n(values[("t2", "new", "total")]), _n(values[("t2", "carried_in", "total")])
    done, carried_out = _n(values[("t2", "total", "total")]), _n(values[("t2", "carried_out", "total")])
    outcomes = [
        f"{row.label.split('（区分')[0]}{_n(values[('t2', row.key, 'total')])}件"
        for row in t2.rows
        if row.key not in ("new", "carried_in", "total", "carried_out")
        and _n(values[("t2", row.key, "total")])
    ]
    appeals = sum(_n(v) for (t, _, c), v in values.items() if t == "t3" and c.endswith(".total"))
    if facts is not None and ledger is not None:
        overview = narrative.overview(
            body_name=body_name, year=year, facts=facts, ledger=ledger, values=values, level=level
        )
        problems = narrative.problems(facts, ledger, last_year_published, last_year)
        other = narrative.other_matters(facts, ledger)
    else:
        overview = (
            f"{year}年，{body_name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "推进主动公开，规范依申请公开办理，加强政府信息管理和平台建设。（请补充本机关情况。）"
        )
        problems = "（请写明存在的主要问题和改进情况。）"
        other = "信息处理费收取情况：（请据实填写。）其他需要报告的事项：（如有，请补充。）"
    return [
        [HEADINGS[0], overview],
        [HEADINGS[1], _proactive(facts)],
        [
            HEADINGS[2],
            f"本年度收到政府信息公开申请{new}件，上年结转{carried}件；办结{done}件"
            + (f"，其中{'，'.join(outcomes)}" if outcomes else "")
            + f"；结转下年度继续办理{carried_out}件。",
        ],
        [
            HEADINGS[3],
            f"本年度因政府信息公开工作被申请行政复议、提起行政诉讼共{appeals}件。"
            if appeals
            else "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
        ],
        [HEADINGS[4], problems],
        [HEADINGS[5], other],
    ]
