"""The 政府信息公开目录 of a body, its 索引号 rule, and the publication deadlines (no Django).

- The default catalogue covers the 15 items of 条例第二十条 and the 第二十一条 items of the body's
  level; a body edits its own copy afterwards. Each column names the article item it serves, so a
  test can prove that every statutory item has a home.
- 索引号 (the index number every portal item shows, 条例第十二条 "目录") comes from a per-body rule
  such as "{credit_code}/{year}-{seq:05d}"; the rule must make numbers unique, so it has to
  contain the year and the yearly serial.
- 条例第二十六条: information is published within 20 working days of being formed or changed.
- Columns updated on a schedule (低保 monthly, 预决算 yearly) are due again by the end of the
  period after the last update.
"""

from __future__ import annotations

import calendar as month_calendar
import re
import string
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongkai.core.guide import ARTICLE_20_ITEMS, ARTICLE_21_COUNTY_ITEMS, ARTICLE_21_TOWNSHIP_ITEMS
from gongkai.core.workcalendar import WorkCalendar

PUBLICATION_PERIOD_WORKING_DAYS = 20  # 条例第二十六条


class UpdateEvery(StrEnum):
    NEVER = ""
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


UPDATE_LABELS = {
    UpdateEvery.NEVER: "不定期",
    UpdateEvery.MONTH: "每月",
    UpdateEvery.QUARTER: "每季度",
    UpdateEvery.YEAR: "每年",
}


class ItemKind(StrEnum):
    """What an item is; 规章 and 行政规范性文件 are counted in annual-report table 1."""

    RULE = "rule"
    NORMATIVE = "normative"
    INTERPRETATION = "interpretation"
    OTHER = "other"


ITEM_KIND_LABELS = {
    ItemKind.RULE: "规章",
    ItemKind.NORMATIVE: "行政规范性文件",
    ItemKind.INTERPRETATION: "政策解读",
    ItemKind.OTHER: "其他文件",
}

# Who may make 规章 (《立法法》第九十三条): the people's governments of 省、自治区、直辖市 and of
# 设区的市、自治州 - the levels recorded as "province" and "city" (bodies.models.Level). A county,
# a township or 街道, or a government department makes 行政规范性文件 at most. The one statement
# of the rule: the new-item form leaves 规章 out for other bodies and the service refuses it.
RULE_MAKING_LEVELS = frozenset({"province", "city"})
RULE_REFUSED = (
    "信息类别：只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章（《立法法》第九十三条），"
    "本机关的文件请选择“行政规范性文件”或“其他文件”。"
)


def may_make_rules(level: str | None) -> bool:
    return level in RULE_MAKING_LEVELS


# 主题分类 as used by 中国政府网 and most provincial portals.
TOPICS = (
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
)


@dataclass(frozen=True)
class DefaultNode:
    code: str
    name: str
    basis: str = ""  # e.g. "条例第二十条第（七）项"
    update_every: UpdateEvery = UpdateEvery.NEVER
    children: tuple[DefaultNode, ...] = field(default_factory=tuple)


NUMERALS = "一二三四五六七八九十"


def _item(number: int) -> str:
    numeral = NUMERALS[number - 1] if number <= 10 else "十" + NUMERALS[number - 11]
    return f"条例第二十条第（{numeral}）项"


def _art21(number: int) -> str:
    return f"条例第二十一条第（{NUMERALS[number - 1]}）项"


def _col(code: str, name: str, basis: str = "", every: UpdateEvery = UpdateEvery.NEVER) -> DefaultNode:
    return DefaultNode(code, name, basis, every)


def _category(code: str, name: str, *children: DefaultNode) -> DefaultNode:
    return DefaultNode(code, name, children=children)


_COMMON = (
    _category(
        "gaikuang",
        "概况信息",
        _col("jigou", "机构职能", _item(2)),
        _col("lingdao", "领导信息", _item(2)),
        _col("lianxi", "办公地址和联系方式", _item(2)),
    ),
    _category(
        "zhengce",
        "政策文件",
        _col("guizhang", "规章", _item(1)),
        _col("guifanxing", "行政规范性文件", _item(1)),
        _col("qitawenjian", "其他文件", _item(1)),
        _col("jiedu", "政策解读", _item(1)),
    ),
    _category(
        "guihua",
        "规划和统计",
        _col("guihuajihua", "规划计划", _item(3)),
        _col("tongji", "统计信息", _item(4), UpdateEvery.QUARTER),
    ),
    _category(
        "guanli",
        "行政执法和服务",
        _col("xuke", "行政许可和服务事项", _item(5)),
        _col("chufa", "行政处罚和行政强制", _item(6)),
        _col("shoufei", "行政事业性收费", _item(8)),
    ),
    _category(
        "caizheng",
        "财政资金",
        _col("yujuesuan", "财政预决算", _item(7), UpdateEvery.YEAR),
        _col("caigou", "政府集中采购", _item(9)),
        _col("jianshe", "重大建设项目", _item(10)),
    ),
    _category(
        "minsheng",
        "民生保障",
        _col("shebao", "扶贫、教育、医疗、社会保障和就业", _item(11)),
        _col("dibao", "最低生活保障", _item(11), UpdateEvery.MONTH),
        _col("yingji", "应急管理", _item(12)),
        _col("jiancha", "监督检查", _item(13)),
    ),
    _category(
        "renshi",
        "人事信息",
        _col("zhaokao", "公务员招考和录用", _item(14)),
    ),
    _category(
        "qita",
        "其他法定公开信息",
        _col("qitafading", "其他法定主动公开信息", _item(15)),
    ),
)

_TOWNSHIP = _category(
    "xiangcun",
    "乡村和社区信息",
    _col("nongcun", "农业农村政策和农田水利", f"{_art21(1)}、{_art21(2)}"),
    _col("tudi", "土地流转、宅基地和征收", f"{_art21(3)}、{_art21(4)}、{_art21(5)}"),
    _col("chouzi", "筹资筹劳", _art21(6)),
    _col("jiuzhu", "社会救助款物", _art21(7), UpdateEvery.QUARTER),
)

_COUNTY = _category(
    "shizheng",
    "市政和公共服务",
    _col("gongyi", "市政建设、公共服务和公益事业", "条例第二十一条"),
    _col("zhengshou", "土地征收、房屋征收、治安管理和社会救助", "条例第二十一条"),
)


def default_catalogue(level: str) -> tuple[DefaultNode, ...]:
    """The starting 目录 of a body of the given level (bodies.Level values)."""
    if level == "township":
        return (*_COMMON, _TOWNSHIP)
    if level in ("county", "city"):
        return (*_COMMON, _COUNTY)
    return _COMMON


def statutory_items(level: str) -> tuple[str, ...]:
    """The article items a body of this level must cover: 第二十条's 15, plus 第二十一条's."""
    items = tuple(ARTICLE_20_ITEMS)
    if level == "township":
        return items + tuple(ARTICLE_21_TOWNSHIP_ITEMS)
    if level in ("county", "city"):
        return items + tuple(ARTICLE_21_COUNTY_ITEMS)
    return items


# ---- 索引号 ----

DEFAULT_INDEX_RULE = "{credit_code}/{year}-{seq:05d}"
INDEX_FIELDS = {"credit_code", "body", "column", "year", "seq"}


class IndexRuleError(ValueError):
    """A 索引号 rule that cannot produce unique numbers; the message is Chinese."""


def check_index_rule(rule: str) -> None:
    names = set()
    try:
        for _, name, spec, _ in string.Formatter().parse(rule):
            if name is None:
                continue
            if name not in INDEX_FIELDS:
                raise IndexRuleError(
                    f"索引号规则中的“{{{name}}}”无效；可用：{{credit_code}}、{{body}}、{{column}}、{{year}}、{{seq}}。"
                )
            if spec and not re.fullmatch(r"0?\d{1,2}d", spec):
                raise IndexRuleError(f"索引号规则中的格式“{spec}”无效；序号可写作 {{seq:05d}}。")
            names.add(name)
    except ValueError as error:
        if isinstance(error, IndexRuleError):
            raise
        raise IndexRuleError(f"索引号规则写法有误：{rule}") from None
    if not {"year", "seq"} <= names:
        raise IndexRuleError("索引号规则必须包含年份 {year} 和序号 {seq}，否则编号会重复。")
    if len(rule) > 60:
        raise IndexRuleError("索引号规则过长（不超过60个字符）。")


def format_index_number(rule: str, *, credit_code: str, body: str, column: str, year: int, seq: int) -> str:
    check_index_rule(rule)
    return rule.format(credit_code=credit_code, body=body, column=column, year=year, seq=seq)


# ---- deadlines ----


def publication_due_on(formed_on: date, calendar: WorkCalendar) -> date:
    """The last day to publish information formed or changed on `formed_on` (条例第二十六条).

    Counting starts the day after (《民法典》第二百零一条), as for applications. Raises
    UnknownYearError when the period runs into a year the calendar does not know.
    """
    return calendar.add_working_days(formed_on, PUBLICATION_PERIOD_WORKING_DAYS)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, month_calendar.monthrange(year, month)[1])


def next_update_due(every: UpdateEvery, last_update: date) -> date | None:
    """The end of the period after the one holding the last update; None for unscheduled columns.

    A 低保 column updated on 2026-09-15 (monthly) is due again by 2026-10-31; quarterly by the end
    of the next quarter; yearly by the end of the next year.
    """
    if every is UpdateEvery.NEVER:
        return None
    if every is UpdateEvery.MONTH:
        year, month = divmod(last_update.year * 12 + last_update.month, 12)  # the month after
        return _end_of_month(year, month + 1)
    if every is UpdateEvery.QUARTER:
        quarter_end_month = ((last_update.month - 1) // 3 + 1) * 3
        year, month = divmod(last_update.year * 12 + quarter_end_month - 1 + 3, 12)
        return _end_of_month(year, month + 1)
    return date(last_update.year + 1, 12, 31)
