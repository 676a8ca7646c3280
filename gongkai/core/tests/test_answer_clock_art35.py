"""第三十五条 on the answer clock: the wait for the applicant's 说明理由 (a setting), and the
延迟答复 date fixed by the body. Dates worked out by hand in the comments (2026 calendar)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.answer_clock import (
    DEFAULT_SETTINGS,
    ClockError,
    ClockSettings,
    Entry,
    EntryKind,
    art35_entry,
    compute_clock,
)
from gongkai.core.workcalendar import default_calendar

CALENDAR = default_calendar()
K = EntryKind
RECEIVED = Entry(K.RECEIVED, date(2026, 3, 2))  # Mon; 20 working days: 3-3 .. 3-30
PAUSES = ClockSettings(art35_reason_pauses_clock=True)
ASKED = art35_entry(K.ART35_REASON_REQUESTED, date(2026, 3, 9), date(2026, 3, 16))


def clock(*entries, today=date(2026, 3, 2), settings=DEFAULT_SETTINGS):
    return compute_clock([RECEIVED, *entries], CALENDAR, today, settings)


def test_an_art35_entry_keeps_its_date_as_calendar_days():
    assert ASKED.days == 7 and ASKED.until == date(2026, 3, 16)


def test_by_default_the_clock_runs_while_waiting_for_the_reason():
    state = clock(ASKED, today=date(2026, 3, 12))
    assert state.due_on == date(2026, 3, 30)
    assert state.running
    assert "等待说明理由期间照常计时。" in state.explanation


def test_with_the_setting_the_wait_pauses_until_the_reply_by_date():
    # 3-3..3-9 used (5); 15 left from the reply-by day 3-16: 3-17..20 (4), 23..27 (9),
    # 3-30..4-3 (14), 4-4..6 清明, 4-7 (15).
    state = clock(ASKED, today=date(2026, 3, 12), settings=PAUSES)
    assert state.due_on == date(2026, 4, 7)
    assert not state.running
    assert state.used == 5


def test_with_the_setting_the_pause_ends_when_the_reason_is_recorded():
    # Resumes after 3-12: 3-13 (1), 16..20 (6), 23..27 (11), 3-30..4-2 (15).
    closed = Entry(K.ART35_REASON_CLOSED, date(2026, 3, 12))
    assert clock(ASKED, closed, settings=PAUSES).due_on == date(2026, 4, 2)
    assert clock(ASKED, closed).due_on == date(2026, 3, 30)  # the setting off: nothing moved


def test_with_the_setting_the_clock_resumes_by_itself_after_the_reply_by_date():
    state = clock(ASKED, today=date(2026, 3, 20), settings=PAUSES)
    assert state.running
    assert any("申请人说明理由的期限届满" in line for line in state.explanation)
    assert state.due_on == date(2026, 4, 7)


def test_a_fixed_date_becomes_the_due_date_and_counts_lateness_from_it():
    fixed = art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 4, 30))
    state = clock(fixed, today=date(2026, 4, 20))
    assert state.due_on == date(2026, 4, 30)
    assert not state.overdue and state.warnings == ()
    late = clock(fixed, today=date(2026, 5, 6))  # 5-1..5 劳动节: 5-6 is one working day late
    assert late.warnings == ("已超过答复期限1个工作日。",)


def test_a_fixed_date_stands_whatever_calendar_is_loaded():
    fixed = art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 4, 30))
    assert compute_clock([RECEIVED, fixed], CALENDAR.provisional(), date(2026, 3, 20)).due_on == date(
        2026, 4, 30
    )


@pytest.mark.parametrize(
    ("on", "until", "message"),
    [
        (date(2026, 3, 20), date(2026, 3, 30), "应晚于当前答复期限"),
        (date(2026, 3, 20), date(2026, 3, 27), "应晚于当前答复期限"),
        (date(2026, 3, 31), date(2026, 4, 30), "已届满"),
        (date(2026, 3, 20), date(2026, 5, 29), "超出合理期限上限：自收到申请起60个工作日，即2026-05-28"),
    ],
)
def test_an_unlawful_fixed_date_is_refused(on, until, message):
    with pytest.raises(ClockError, match=message):
        clock(art35_entry(K.ART35_DUE_FIXED, on, until))


def test_the_bound_is_a_setting_and_the_last_allowed_day_passes():
    assert clock(art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 5, 28))).due_on == date(
        2026, 5, 28
    )
    tight = ClockSettings(art35_max_working_days=30)
    with pytest.raises(ClockError, match="30个工作日"):
        clock(art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 4, 30)), settings=tight)


def test_only_one_fixed_date_and_no_extension_after_it():
    fixed = art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 4, 30))
    with pytest.raises(ClockError, match="已确定过"):
        clock(fixed, art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 23), date(2026, 5, 6)))
    with pytest.raises(ClockError, match="不能再延期答复"):
        clock(fixed, Entry(K.EXTENSION_APPROVED, date(2026, 3, 23), 10))


def test_no_fixed_date_while_the_applicant_holds_the_case():
    supplement = Entry(K.SUPPLEMENT_REQUESTED, date(2026, 3, 4), 15)
    with pytest.raises(ClockError, match="计时中止期间"):
        clock(supplement, art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 6), date(2026, 4, 30)))


def test_an_answer_is_measured_against_the_fixed_date():
    fixed = art35_entry(K.ART35_DUE_FIXED, date(2026, 3, 20), date(2026, 4, 30))
    state = clock(fixed, Entry(K.ANSWERED, date(2026, 4, 28)), today=date(2026, 5, 6))
    assert state.answered_on == date(2026, 4, 28)
    assert state.warnings == ()


@given(st.integers(1, 60), st.booleans(), st.integers(0, 15))
def test_the_due_date_never_depends_on_the_day_it_is_computed(offset, pauses, asked_after):
    """With or without the setting, any lawful fixed date or reason wait gives a due date that
    does not move with 'today' (the stored date is a cache of this function)."""
    settings = ClockSettings(art35_reason_pauses_clock=pauses)
    asked_on = CALENDAR.add_working_days(RECEIVED.on, 1 + asked_after % 10)
    entries = [art35_entry(K.ART35_REASON_REQUESTED, asked_on, CALENDAR.add_working_days(asked_on, 5))]
    try:
        base = clock(*entries, settings=settings)
    except ClockError:
        return
    assert base.due_on is not None
    fixed = art35_entry(K.ART35_DUE_FIXED, asked_on, CALENDAR.add_working_days(base.due_on, offset))
    try:
        first = clock(*entries, fixed, today=asked_on, settings=settings)
    except ClockError:
        return  # beyond the bound
    later = clock(*entries, fixed, today=date(2026, 12, 31), settings=settings)
    assert first.due_on == later.due_on == fixed.until
