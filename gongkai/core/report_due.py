"""When a year's annual report is due: one rule for the home-page countdown, the roll-up and the
reader's check of a published report's date.

条例第四十九条 sets 31 January of the next year for 县级以上人民政府部门. It sets no date for a
县级以上地方人民政府's own report, which its 政务公开办 compiles from the departments' reports; 31
March, the date the old regulation set for every report (statute.md §1.1), is what published
practice follows and what this system assumes. That is UNCONFIRMED, so it is a setting:
GONGKAI_GOVERNMENT_REPORT_DUE (MM-DD, default 03-31). 乡镇 and 街道 are not 县级以上 bodies; they
are held to the departments' date, as their superiors' notices usually ask (UNCONFIRMED too).

The setting is read from the environment here, not from Django's settings, because the reader's
checks run in `gongkai audit` without Django as well as on the web.
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date

DEPARTMENT_DUE = (1, 31)
GOVERNMENT_DUE_VARIABLE = "GONGKAI_GOVERNMENT_REPORT_DUE"
GOVERNMENT_DUE_DEFAULT = "03-31"
# A 县级以上地方人民政府's own name ends so; its 办公厅/办公室 and departments' names do not, and a
# 乡/镇人民政府 is not 县级以上.
GOVERNMENT_NAME = re.compile(r"(?<![乡镇])(?:省|自治区|市|自治州|州|地区|盟|区|县|自治县|旗|自治旗)人民政府$")


def government_due() -> tuple[int, int]:
    text = os.environ.get(GOVERNMENT_DUE_VARIABLE, GOVERNMENT_DUE_DEFAULT).strip()
    match = re.fullmatch(r"(\d{2})-(\d{2})", text)
    try:
        if match is None:
            raise ValueError
        date(2024, int(match[1]), int(match[2]))  # a leap year, so 02-29 is allowed
    except ValueError:
        raise ValueError(
            f"环境变量 {GOVERNMENT_DUE_VARIABLE} 应为“月-日”，如 03-31，而不是“{text}”。"
        ) from None
    return int(match[1]), int(match[2])


def is_government_report(body_name: str) -> bool:
    """Whether a report by this body is a 县级以上地方人民政府's own report (its name, as printed)."""
    return bool(GOVERNMENT_NAME.search(re.sub(r"\s", "", body_name)))


def report_due_on(year: int, *, government: bool) -> date:
    """The last day to publish the report on `year`."""
    month, day = government_due() if government else DEPARTMENT_DUE
    if (month, day) == (2, 29) and not calendar.isleap(year + 1):
        day = 28
    return date(year + 1, month, day)


def due_words(government: bool) -> str:
    """What the date rests on, for a message."""
    if government:
        return "本级人民政府年报的公布期限（条例未规定，按通常做法；可设置）"
    return "县级以上人民政府部门年报的公布期限（条例第四十九条）"
