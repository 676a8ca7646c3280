"""The receipt day per channel (《政府信息公开条例》第三十一条, 国办公开办函〔2015〕207号)."""

from datetime import date

from gongkai.core.receipt import OnlineReceiptRule, non_working_day_warning, online_receipt_day
from gongkai.core.workcalendar import default_calendar

CALENDAR = default_calendar()
CONFIRMED = OnlineReceiptRule.CONFIRMED_ON_WORKING_DAY


def test_an_online_submission_on_a_working_day_is_received_that_day():
    assert online_receipt_day(date(2026, 10, 9), CALENDAR, CONFIRMED) == date(2026, 10, 9)
    # 2026-02-14 is a Saturday but a 调休 working day: the body works, so it confirms that day.
    assert online_receipt_day(date(2026, 2, 14), CALENDAR, CONFIRMED) == date(2026, 2, 14)


def test_an_online_submission_on_a_holiday_is_received_the_next_working_day():
    assert online_receipt_day(date(2026, 10, 3), CALENDAR, CONFIRMED) == date(2026, 10, 8)  # 国庆
    assert online_receipt_day(date(2026, 3, 7), CALENDAR, CONFIRMED) == date(2026, 3, 9)  # a Saturday


def test_a_body_whose_rule_is_the_submission_day():
    assert online_receipt_day(date(2026, 10, 3), CALENDAR, OnlineReceiptRule.SUBMISSION_DAY) == date(
        2026, 10, 3
    )


def test_a_non_working_day_is_named_in_the_warning():
    assert (
        non_working_day_warning("当面提交申请的日期", date(2026, 10, 3), CALENDAR)
        == "当面提交申请的日期2026-10-03（星期六）为国庆节假期，不是工作日，请核实。"
    )
    assert non_working_day_warning("作出答复的日期", date(2026, 2, 14), CALENDAR) is None  # 调休工作日
