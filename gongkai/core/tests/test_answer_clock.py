"""The answer clock over the real calendar, with dates worked out by hand in the comments."""

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
    compute_clock,
)
from gongkai.core.workcalendar import default_calendar

CALENDAR = default_calendar()
K = EntryKind


def clock(*entries, today=date(2026, 1, 5), settings=DEFAULT_SETTINGS):
    return compute_clock([Entry(*e) for e in entries], CALENDAR, today, settings)


def test_received_on_the_eve_of_spring_festival_explains_itself():
    state = clock((K.RECEIVED, date(2026, 2, 13)), today=date(2026, 2, 13))
    assert state.due_on == date(2026, 3, 19)
    assert state.explanation == (
        "收到申请 2026-02-13（星期五）。依《民法典》第二百零一条，当日不计入，自次日起算。",
        "第1个工作日为2026-02-14（星期六）。",
        "2026-02-14（星期六）为调休工作日，计入。",
        "2026-02-15（星期日）至2026-02-23（星期一） 春节假期，不计入。",
        "2026-02-28（星期六）为调休工作日，计入。",
        "答复期限：2026-03-19（星期四），共20个工作日。",
    )


def test_counting_the_day_of_receipt_is_a_setting():
    # Received Mon 2026-03-02. Counted: 3-2..6 (5), 9..13 (10), 16..20 (15), 23..27 (20) -> 3-27.
    counted = clock((K.RECEIVED, date(2026, 3, 2)), settings=ClockSettings(count_receipt_day=True))
    assert counted.due_on == date(2026, 3, 27)
    assert "当日计入期限" in counted.explanation[0]
    assert clock((K.RECEIVED, date(2026, 3, 2))).due_on == date(2026, 3, 30)


def test_supplement_across_national_day_restarts_from_zero():
    # Received Mon 9-21; 补正 sent Thu 9-24 (3 working days used); supplement received Fri 10-9.
    # Restart: 10-10 调休(1); 10-12..16 (6); 19..23 (11); 26..30 (16); 11-2..5 (20) -> 11-5.
    state = clock(
        (K.RECEIVED, date(2026, 9, 21)),
        (K.SUPPLEMENT_REQUESTED, date(2026, 9, 24), 15),
        (K.SUPPLEMENT_RECEIVED, date(2026, 10, 9)),
        today=date(2026, 10, 12),
    )
    assert state.due_on == date(2026, 11, 5)
    assert state.used == 2  # 10-10 (调休) and 10-12
    assert state.warnings == (
        "未登记补正告知的送达日期，期限暂按发出日2026-09-24（星期四）加0日在途时间起算。",
    )
    assert "答复期限自收到补正材料之日起重新计算（条例第三十条）。" in state.explanation


def test_waiting_for_a_supplement_stops_the_clock_and_sets_the_abandonment_day():
    # 补正 sent Thu 9-24 with 15 working days: 9-25..27 中秋; 9-28..30 (3); 10-1..7 国庆; 10-8,9 (5);
    # 10-10 调休(6); 10-12..16 (11); 10-19..22 (15) -> deemed abandoned after 10-22.
    state = clock(
        (K.RECEIVED, date(2026, 9, 21)),
        (K.SUPPLEMENT_REQUESTED, date(2026, 9, 24), 15),
        today=date(2026, 10, 12),
    )
    assert (state.running, state.due_on, state.used, state.abandon_on) == (False, None, 3, date(2026, 10, 22))


def test_a_late_supplement_notice_is_flagged():
    # Received Mon 3-2; the 7th working day after is Wed 3-11; the notice went out Thu 3-12.
    state = clock(
        (K.RECEIVED, date(2026, 3, 2)),
        (K.SUPPLEMENT_REQUESTED, date(2026, 3, 12), 10),
        today=date(2026, 3, 12),
    )
    assert state.warnings[0] == (
        "补正告知应在收到申请后7个工作日内（2026-03-11（星期三）前）发出，实际为2026-03-12（星期四）。"
    )


def test_consultation_and_extension():
    # Received Mon 3-2; consultation sent Mon 3-9 after 5 days (3-3..6, 3-9); answered Fri 3-20.
    # 15 left from 3-20: 3-23..27 (5); 3-30..4-3 (10); 4-4..6 清明; 4-7..10 (14); 4-13 (15).
    entries = [
        (K.RECEIVED, date(2026, 3, 2)),
        (K.CONSULTATION_SENT, date(2026, 3, 9)),
        (K.CONSULTATION_ANSWERED, date(2026, 3, 20)),
    ]
    assert clock(*entries, today=date(2026, 3, 20)).due_on == date(2026, 4, 13)
    # With 20 more days approved on 4-1: 35 from 3-20 -> ... 4-13 (15); 4-14..17 (19); 4-20..24 (24);
    # 4-27..30 (28); 5-1..5 劳动节; 5-6..8 (31); 5-9 调休(32); 5-11..13 (35) -> 5-13.
    state = clock(*entries, (K.EXTENSION_APPROVED, date(2026, 4, 1), 20), today=date(2026, 4, 1))
    assert (state.due_on, state.allowed) == (date(2026, 5, 13), 40)


def test_an_unanswered_consultation_pauses_for_15_working_days_at_most():
    # Sent Mon 3-9 (5 used); limit: 3-10..13 (4); 16..20 (9); 23..27 (14); 3-30 (15).
    # 15 left from 3-30: 3-31..4-3 (4); 4-7..10 (8); 4-13..17 (13); 4-20,21 (15) -> 4-21.
    state = clock(
        (K.RECEIVED, date(2026, 3, 2)), (K.CONSULTATION_SENT, date(2026, 3, 9)), today=date(2026, 4, 1)
    )
    assert state.due_on == date(2026, 4, 21)
    assert any("15个工作日届满" in line for line in state.explanation)


@pytest.mark.parametrize("today", [date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 30), date(2026, 4, 1)])
def test_a_pending_consultation_names_the_date_that_holds_if_the_third_party_does_not_answer(today):
    # 条例第三十二条: the third party has 15 working days, not counted; the limit is 3-30 as above.
    state = clock(
        (K.RECEIVED, date(2026, 3, 2)),
        (K.CONSULTATION_SENT, date(2026, 3, 9)),
        today=max(today, date(2026, 3, 9)),
    )
    assert state.due_on == date(2026, 4, 21)  # whatever day it is computed on
    if today <= date(2026, 3, 30):
        assert not state.running
        assert (
            "若第三方在2026-03-30（星期一）前未提出意见，自次日起继续计时，答复期限为2026-04-21（星期二）"
            in (state.explanation[-1])
        )


def test_an_extension_after_the_deadline_is_refused():
    # 条例第三十三条第二款: decided before the period runs out (3-30 for a case received 3-2).
    on_time = clock((K.RECEIVED, date(2026, 3, 2)), (K.EXTENSION_APPROVED, date(2026, 3, 30), 20))
    assert on_time.allowed == 40
    with pytest.raises(ClockError, match="延长答复期限应当在答复期限届满前决定"):
        clock((K.RECEIVED, date(2026, 3, 2)), (K.EXTENSION_APPROVED, date(2026, 3, 31), 10))


def test_extensions_over_20_working_days_in_all_are_refused():
    # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日 - in all, not per approval.
    with pytest.raises(ClockError, match="最长不超过20个工作日"):
        clock((K.RECEIVED, date(2026, 3, 2)), (K.EXTENSION_APPROVED, date(2026, 3, 3), 21))
    with pytest.raises(ClockError, match="最长不超过20个工作日"):
        clock(
            (K.RECEIVED, date(2026, 3, 2)),
            (K.EXTENSION_APPROVED, date(2026, 3, 3), 15),
            (K.EXTENSION_APPROVED, date(2026, 3, 4), 10),
        )


def test_fee_pause_is_a_setting():
    entries = [
        (K.RECEIVED, date(2026, 3, 2)),
        (K.FEE_NOTICE_SENT, date(2026, 3, 9)),
        (K.FEE_PAID, date(2026, 3, 20)),
    ]
    assert clock(*entries, today=date(2026, 3, 20)).due_on == date(2026, 4, 13)  # paused like a consultation
    not_paused = clock(*entries, today=date(2026, 3, 20), settings=ClockSettings(fee_pauses_clock=False))
    assert not_paused.due_on == date(2026, 3, 30)


def test_overdue_and_answered():
    late = clock((K.RECEIVED, date(2026, 3, 2)), today=date(2026, 4, 1))  # 3-31, 4-1 beyond 3-30
    assert (late.used, late.overdue, late.warnings) == (22, True, ("已超过答复期限2个工作日。",))
    answered = clock((K.RECEIVED, date(2026, 3, 2)), (K.ANSWERED, date(2026, 3, 20)), today=date(2026, 4, 1))
    # An answered case keeps the deadline its answer is measured against (the annual report's 逾期).
    assert (answered.answered_on, answered.used, answered.overdue, answered.due_on) == (
        date(2026, 3, 20),
        14,
        False,
        date(2026, 3, 30),
    )


def test_a_ledger_must_start_with_receipt():
    with pytest.raises(ClockError, match="应以“收到申请”开始"):
        clock((K.SUPPLEMENT_RECEIVED, date(2026, 3, 2)))


received_days = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 9, 30))


@given(received_days)
def test_a_due_date_is_always_a_working_day(received):
    due = clock((K.RECEIVED, received), today=received).due_on
    assert CALENDAR.is_working_day(due)
    assert CALENDAR.working_days_between(received, due) == 20


@given(received_days, st.integers(0, 15), st.integers(0, 20))
def test_pausing_never_brings_the_due_date_forward(received, sent_after, pause_length):
    sent = CALENDAR.add_working_days(received, sent_after) if sent_after else received
    answered = CALENDAR.add_working_days(sent, pause_length) if pause_length else sent
    plain = clock((K.RECEIVED, received), today=received).due_on
    paused = clock(
        (K.RECEIVED, received),
        (K.CONSULTATION_SENT, sent),
        (K.CONSULTATION_ANSWERED, answered),
        today=answered,
    ).due_on
    assert paused >= plain


def test_a_second_supplement_notice_is_refused():
    # 条例第三十条: 一次性告知 - everything to supplement in one notice.
    with pytest.raises(ClockError, match="补正告知只能一次性发出"):
        clock(
            (K.RECEIVED, date(2026, 3, 2)),
            (K.SUPPLEMENT_REQUESTED, date(2026, 3, 4), 10),
            (K.SUPPLEMENT_RECEIVED, date(2026, 3, 6)),
            (K.SUPPLEMENT_REQUESTED, date(2026, 3, 9), 10),
        )


def test_the_supplement_period_runs_from_delivery():
    # 条例第三十条 (自收到补正通知之日起): sent Thu 9-24, 签收 Tue 9-29; 15 working days from 9-29:
    # 9-30 (1); 10-1..7 国庆; 10-8,9 (3); 10-10 调休(4); 10-12..16 (9); 10-19..23 (14); 10-26 (15).
    state = clock(
        (K.RECEIVED, date(2026, 9, 21)),
        (K.SUPPLEMENT_REQUESTED, date(2026, 9, 24), 15, date(2026, 9, 29)),
        today=date(2026, 10, 12),
    )
    assert state.abandon_on == date(2026, 10, 26) and state.warnings == ()
    # Unrecorded: warned, and counted from issue plus the allowance (here 3 days: from 9-27).
    allowed = clock(
        (K.RECEIVED, date(2026, 9, 21)),
        (K.SUPPLEMENT_REQUESTED, date(2026, 9, 24), 15),
        today=date(2026, 10, 12),
        settings=ClockSettings(postal_allowance_days=3),
    )
    assert allowed.abandon_on == date(2026, 10, 22)  # 9-27 is a Sunday in 中秋: same as from 9-24
    assert "未登记补正告知的送达日期" in allowed.warnings[0]


def test_the_third_partys_15_working_days_run_from_its_receipt():
    # 条例第三十二条: sent Mon 3-9 (5 used), received by the third party Wed 3-11; its 15 working days:
    # 3-12,13 (2); 16..20 (7); 23..27 (12); 3-30..4-1 (15) -> limit 4-1. 15 left from 4-1:
    # 4-2,3 (2); 4-4..6 清明; 4-7..10 (6); 13..17 (11); 20..23 (15) -> 4-23.
    state = clock(
        (K.RECEIVED, date(2026, 3, 2)),
        (K.CONSULTATION_SENT, date(2026, 3, 9), None, date(2026, 3, 11)),
        today=date(2026, 3, 12),
    )
    assert state.due_on == date(2026, 4, 23) and state.used == 5


def test_nothing_follows_the_answer():
    # Found by the property test: a consultation recorded after the answer restarted the clock.
    with pytest.raises(ClockError, match="已作出答复，其后不能再有办理记录"):
        clock(
            (K.RECEIVED, date(2026, 3, 2)),
            (K.ANSWERED, date(2026, 3, 3)),
            (K.CONSULTATION_SENT, date(2026, 3, 4)),
            today=date(2026, 4, 30),
        )


def test_the_clock_stands_until_the_last_of_several_consulted_parties_answers():
    # Received Mon 3-2; a third party consulted Mon 3-9 (5 used: 3-3..6, 3-9), a co-producing body
    # Wed 3-11. The third party answers Fri 3-13: the body's answer is still awaited, so the clock
    # still stands. The body answers Fri 3-20: 15 left from 3-20 -> 4-13, as with one consultation.
    entries = [
        (K.RECEIVED, date(2026, 3, 2)),
        (K.CONSULTATION_SENT, date(2026, 3, 9)),
        (K.CONSULTATION_SENT, date(2026, 3, 11)),
        (K.CONSULTATION_ANSWERED, date(2026, 3, 13)),
    ]
    waiting = clock(*entries, today=date(2026, 3, 16))
    assert not waiting.running
    assert any("尚有1方未提出意见" in line for line in waiting.explanation)
    answered = clock(*entries, (K.CONSULTATION_ANSWERED, date(2026, 3, 20)), today=date(2026, 3, 20))
    assert answered.running and answered.due_on == date(2026, 4, 13)


def test_several_consultations_pause_until_the_latest_period_ends():
    # The same two letters, neither answered: the later one's 15 working days (3-12,13; 16..20;
    # 23..27; 3-30,31, 4-1) decide when the clock runs again, not the first's 3-30. 15 left from
    # 4-1: 4-2,3 (2); 4-4..6 清明; 4-7..10 (6); 4-13..17 (11); 4-20..23 (15) -> 4-23.
    one = clock(
        (K.RECEIVED, date(2026, 3, 2)), (K.CONSULTATION_SENT, date(2026, 3, 9)), today=date(2026, 5, 1)
    )
    two = clock(
        (K.RECEIVED, date(2026, 3, 2)),
        (K.CONSULTATION_SENT, date(2026, 3, 9)),
        (K.CONSULTATION_SENT, date(2026, 3, 11)),
        today=date(2026, 5, 1),
    )
    assert (one.due_on, two.due_on) == (date(2026, 4, 21), date(2026, 4, 23))
