"""The shipped calendar, checked against an independent source for every day, and its rules."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.workcalendar import (
    ArrangementError,
    UnknownYearError,
    default_calendar,
    parse_arrangement,
    shipped_arrangements,
)

CALENDAR = default_calendar()


def test_every_day_2019_to_2026_agrees_with_chinese_calendar():
    day, disagreements = date(2019, 1, 1), []
    while day <= date(2026, 12, 31):
        if CALENDAR.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []


def test_2026_matches_the_state_council_notice_by_hand():
    # statute.md §6.3, typed in by hand from the 2026 notice.
    makeup = {
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    }
    assert set(shipped_arrangements()[-1].makeup_workdays) == makeup
    for start, end, name in [
        (date(2026, 1, 1), date(2026, 1, 3), "元旦"),
        (date(2026, 2, 15), date(2026, 2, 23), "春节"),
        (date(2026, 4, 4), date(2026, 4, 6), "清明节"),
        (date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
        (date(2026, 6, 19), date(2026, 6, 21), "端午节"),
        (date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
        (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
    ]:
        day = start
        while day <= end:
            assert CALENDAR.describe(day) == f"{name}假期", day
            day += timedelta(days=1)


@pytest.mark.parametrize(
    ("received", "due", "worked_by_hand"),
    [
        (
            date(2026, 2, 13),
            date(2026, 3, 19),
            "2-14 调休(1); 2-15..23 春节; 2-24..27 (5); 2-28 调休(6); 3-2..6 (11); 3-9..13 (16); 3-16..19 (20)",
        ),
        (
            date(2026, 9, 30),
            date(2026, 11, 3),
            "10-1..7 国庆; 10-8,9 (2); 10-10 调休(3); 10-12..16 (8); 19..23 (13); 26..30 (18); 11-2,3 (20)",
        ),
        (
            date(2025, 1, 24),
            date(2025, 2, 27),
            "1-26 调休(1); 1-27 (2); 1-28..2-4 春节; 2-5..7 (5); 2-8 调休(6); 2-10..14 (11); 17..21 (16); 24..27 (20)",
        ),
        (
            date(2025, 12, 15),
            date(2026, 1, 13),
            "12-16..19 (4); 22..26 (9); 29..31 (12); 1-1..3 元旦; 1-4 调休(13); 1-5..9 (18); 1-12,13 (20)",
        ),
        (date(2026, 3, 2), date(2026, 3, 30), "3-3..6 (4); 9..13 (9); 16..20 (14); 23..27 (19); 3-30 (20)"),
    ],
)
def test_twentieth_working_day_worked_by_hand(received, due, worked_by_hand):
    assert CALENDAR.add_working_days(received, 20) == due, worked_by_hand


def test_a_year_the_calendar_does_not_know_is_an_error_not_a_guess():
    with pytest.raises(UnknownYearError, match="日历中没有2027年的节假日安排"):
        CALENDAR.is_working_day(date(2027, 1, 4))
    # A deadline that merely runs into 2027 fails too.
    with pytest.raises(UnknownYearError):
        CALENDAR.add_working_days(date(2026, 12, 15), 20)


def test_an_imported_year_replaces_the_shipped_one():
    changed = shipped_arrangements()[-1].to_dict()
    changed["makeup_workdays"] = []  # e.g. a corrected notice
    calendar = default_calendar([parse_arrangement(changed)])
    assert not calendar.is_working_day(date(2026, 2, 14))
    assert CALENDAR.is_working_day(date(2026, 2, 14))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": 1999, "holidays": []}, "年份“1999”无效"),
        ({"year": 2027, "holidays": []}, "没有任何假期"),
        (
            {"year": 2027, "holidays": [{"name": "春节", "start": "2027-02-30", "end": "2027-03-01"}]},
            "不是有效日期",
        ),
        (
            {"year": 2027, "holidays": [{"name": "春节", "start": "2027-02-10", "end": "2027-02-05"}]},
            "起止日期不合理",
        ),
        (
            {
                "year": 2027,
                "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-01"}],
                "makeup_workdays": ["2027-01-04"],
            },
            "是星期一，应为周六或周日",
        ),
        (
            {
                "year": 2027,
                "holidays": [{"name": "元旦", "start": "2027-01-02", "end": "2027-01-03"}],
                "makeup_workdays": ["2027-01-02"],
            },
            "既是假期又是调休上班日",
        ),
        ("not a dict", "应为一个对象"),
    ],
)
def test_a_bad_import_is_explained(data, message):
    with pytest.raises(ArrangementError, match=message):
        parse_arrangement(data)


days_2026 = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 10, 31))


@given(days_2026, st.integers(1, 40))
def test_adding_then_counting_back_returns_the_same_number(start, count):
    end = CALENDAR.add_working_days(start, count)
    assert CALENDAR.is_working_day(end)
    assert CALENDAR.working_days_between(start, end) == count


@given(st.dates(min_value=date(2018, 12, 31), max_value=date(2026, 12, 31)), st.integers(1, 60))
def test_the_binary_search_agrees_with_walking_day_by_day(start, count):
    day, left = start, count
    try:
        while left:
            day += timedelta(days=1)
            left -= CALENDAR.is_working_day(day)
    except UnknownYearError:
        with pytest.raises(UnknownYearError):
            CALENDAR.add_working_days(start, count)
        return
    assert CALENDAR.add_working_days(start, count) == day
    walked = sum(CALENDAR.is_working_day(start + timedelta(days=i)) for i in range(1, (day - start).days + 1))
    assert CALENDAR.working_days_between(start, day) == walked == count


def test_a_provisional_calendar_counts_an_unknown_year_as_weekends_only():
    # 2026-12-31 (Thu) + 1 -> 2027-01-01 (Fri): no 元旦 known yet; + 2 -> Mon 2027-01-04.
    provisional = CALENDAR.provisional()
    assert provisional.add_working_days(date(2026, 12, 31), 2) == date(2027, 1, 4)
    assert provisional.working_days_between(date(2026, 12, 25), date(2027, 1, 4)) == 6
