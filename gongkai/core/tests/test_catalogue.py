"""The default 目录, the 索引号 rule and the publication deadlines (条例第十二条、第二十条、第二十六条)."""

from datetime import date

import pytest

from gongkai.core.catalogue import (
    IndexRuleError,
    UpdateEvery,
    check_index_rule,
    default_catalogue,
    format_index_number,
    next_update_due,
    publication_due_on,
)
from gongkai.core.workcalendar import UnknownYearError, default_calendar


def _columns(nodes):
    for node in nodes:
        yield node
        yield from _columns(node.children)


@pytest.mark.parametrize(
    ("level", "article_21_items"),
    [("township", {"一", "二", "三", "四", "五", "六", "七"}), ("department", set())],
)
def test_every_statutory_item_has_a_column(level, article_21_items):
    bases = " ".join(node.basis for node in _columns(default_catalogue(level)))
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [f"十{n}" for n in "一二三四五"]
    for numeral in numerals:
        assert f"条例第二十条第（{numeral}）项" in bases, numeral
    for numeral in article_21_items:
        assert f"条例第二十一条第（{numeral}）项" in bases, numeral
    if not article_21_items:
        assert "第二十一条" not in bases


def test_column_codes_are_unique_in_every_default():
    for level in ("province", "city", "county", "township", "department"):
        codes = [node.code for node in _columns(default_catalogue(level))]
        assert len(codes) == len(set(codes)), level


def test_the_default_index_rule_formats_a_credit_code_year_and_serial():
    number = format_index_number(
        "{credit_code}/{year}-{seq:05d}",
        credit_code="11440300007542343F",
        body="x",
        column="c",
        year=2026,
        seq=7,
    )
    assert number == "11440300007542343F/2026-00007"


@pytest.mark.parametrize(
    ("rule", "complaint"),
    [
        ("{credit_code}/{seq}", "年份"),
        ("{credit_code}-{year}", "序号"),
        ("{org}/{year}-{seq}", "{org}"),
        ("{year}-{seq:x}", "格式"),
        ("{year}-{seq", "写法有误"),
    ],
)
def test_a_rule_that_cannot_give_unique_numbers_is_refused(rule, complaint):
    with pytest.raises(IndexRuleError, match=complaint):
        check_index_rule(rule)


def test_publication_is_due_twenty_working_days_after_forming_across_the_national_day():
    # Formed Friday 2026-09-25: 国庆 2026-10-01..07, with 2026-09-20 and 2026-10-10 make-up days.
    # Working days after: 9/28, 9/29, 9/30 (3), 10/8, 10/9, 10/10 (Sat, 调休) (6), 10/12-16 (11),
    # 10/19-23 (16), 10/26, 10/27, 10/28, 10/29 (20).
    assert publication_due_on(date(2026, 9, 25), default_calendar()) == date(2026, 10, 29)


def test_a_deadline_in_an_unknown_year_is_an_error_not_a_guess():
    with pytest.raises(UnknownYearError):
        publication_due_on(date(2026, 12, 20), default_calendar())


@pytest.mark.parametrize(
    ("every", "last", "due"),
    [
        (UpdateEvery.MONTH, date(2026, 9, 15), date(2026, 10, 31)),
        (UpdateEvery.MONTH, date(2026, 12, 1), date(2027, 1, 31)),
        (UpdateEvery.MONTH, date(2027, 1, 31), date(2027, 2, 28)),
        (UpdateEvery.QUARTER, date(2026, 9, 15), date(2026, 12, 31)),
        (UpdateEvery.QUARTER, date(2026, 11, 2), date(2027, 3, 31)),
        (UpdateEvery.YEAR, date(2026, 3, 1), date(2027, 12, 31)),
        (UpdateEvery.NEVER, date(2026, 3, 1), None),
    ],
)
def test_a_scheduled_column_is_due_again_by_the_end_of_the_next_period(every, last, due):
    assert next_update_due(every, last) == due
