"""The day an application counts as received, per channel (《政府信息公开条例》第三十一条).

- in person: the day it is handed in;
- post: the day the body signs for it (签收);
- e-mail: the day the body's mail system receives it (国办公开办函〔2015〕207号);
- fax and online: the day both sides confirm; for online applications the body's published rule
  decides (207号). The rule is a setting (UNCONFIRMED which a body has stated, statute.md §3.5):
  `confirmed_on_working_day` (the default) - the body confirms receipt on a working day, so a
  submission on a weekend or holiday is received on the next working day; `submission_day` - the
  day it is submitted.
The body cannot act on a non-working day, so recording an in-person receipt or an answer on one
is allowed (a duty office may open) but warned about: it is more often a typing error.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from gongkai.core.workcalendar import WorkCalendar, fmt


class OnlineReceiptRule(StrEnum):
    CONFIRMED_ON_WORKING_DAY = "confirmed_on_working_day"
    SUBMISSION_DAY = "submission_day"


ONLINE_RULE_TEXT = {
    OnlineReceiptRule.CONFIRMED_ON_WORKING_DAY: (
        "在线提交的申请，以本机关确认收到之日为收到申请之日：工作日提交的为提交当日，"
        "周末或法定节假日提交的为其后第一个工作日（条例第三十一条）。"
    ),
    OnlineReceiptRule.SUBMISSION_DAY: "在线提交的申请，以提交之日为收到申请之日（条例第三十一条）。",
}

STAFF_CHANNEL_TEXT = (
    "当面提交为提交之日；邮寄为本机关签收之日；电子邮件为本机关邮件系统收到之日；"
    "传真、互联网为双方确认之日（条例第三十一条）。"
)


def online_receipt_day(submitted_on: date, calendar: WorkCalendar, rule: OnlineReceiptRule) -> date:
    """The receipt day of an application submitted online on `submitted_on`."""
    if rule is OnlineReceiptRule.SUBMISSION_DAY or calendar.is_working_day(submitted_on):
        return submitted_on
    return calendar.add_working_days(submitted_on, 1)


def non_working_day_warning(what: str, day: date, calendar: WorkCalendar) -> str | None:
    """「当面收到申请日期2026-10-03（星期六）为国庆节假期，不是工作日，请核实。」 or None."""
    if calendar.is_working_day(day):
        return None
    return f"{what}{fmt(day)}为{calendar.describe(day)}，不是工作日，请核实。"


__all__ = [
    "ONLINE_RULE_TEXT",
    "STAFF_CHANNEL_TEXT",
    "OnlineReceiptRule",
    "non_working_day_warning",
    "online_receipt_day",
]
