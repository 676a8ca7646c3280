"""Working days for disclosure deadlines: Monday to Friday, minus statutory holidays, plus the
调休 make-up working days that each year's State Council notice names.

Each year's arrangement is data (gongkai/core/holidays/YYYY.json for 2019-2026, checked day by day
against the chinese-calendar package in the tests); an administrator can load a newer year or a
corrected one, which replaces the shipped year as a whole. A date in a year that no loaded
arrangement covers raises UnknownYearError: the calendar never guesses.

Known limit: a year's notice can also name days at the very end of the year before (元旦 on
30-31 December). Until the next year's notice is loaded those days count as ordinary days; when it
is loaded, open cases are recomputed (gongkai.applications.clock), so the deadline moves then.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Any, TypeVar

WEEKDAYS = "一二三四五六日"
T = TypeVar("T")


class UnknownYearError(LookupError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"日历中没有{year}年的节假日安排，请先导入《国务院办公厅关于{year}年部分节假日安排的通知》。"
        )


class ArrangementError(ValueError):
    """An imported arrangement that does not make sense; the message names the field (Chinese)."""


@dataclass(frozen=True)
class HolidayPeriod:
    name: str
    start: date
    end: date

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class YearArrangement:
    year: int
    holidays: tuple[HolidayPeriod, ...]
    makeup_workdays: tuple[date, ...]
    notice: str = ""
    urls: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    version: int = 1
    _holiday_names: dict[date, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for period in self.holidays:
            for day in period.days():
                self._holiday_names[day] = period.name

    def holiday_name(self, day: date) -> str | None:
        return self._holiday_names.get(day)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "notice": self.notice,
            "urls": list(self.urls),
            "note": self.note,
            "source": self.source,
            "version": self.version,
            "holidays": [
                {"name": p.name, "start": p.start.isoformat(), "end": p.end.isoformat()}
                for p in self.holidays
            ],
            "makeup_workdays": [d.isoformat() for d in self.makeup_workdays],
        }


def _date(value: object, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArrangementError(f"{where}：“{value}”不是有效日期（格式 YYYY-MM-DD）。") from None


def parse_arrangement(data: dict[str, Any]) -> YearArrangement:
    """Validate an arrangement given as data (a shipped file or an administrator's import)."""
    if not isinstance(data, dict):
        raise ArrangementError("节假日安排应为一个对象（JSON）。")
    year = data.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ArrangementError(f"年份“{year}”无效。")
    holidays = []
    for index, item in enumerate(data.get("holidays") or [], start=1):
        where = f"第{index}个假期"
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise ArrangementError(f"{where}缺少名称。")
        start, end = _date(item.get("start"), where), _date(item.get("end"), where)
        if end < start or (end - start).days > 15:
            raise ArrangementError(f"{where}（{item['name']}）的起止日期不合理：{start}至{end}。")
        if end.year != year:
            raise ArrangementError(f"{where}（{item['name']}）不在{year}年内。")
        holidays.append(HolidayPeriod(str(item["name"]).strip(), start, end))
    if not holidays:
        raise ArrangementError(f"{year}年的安排中没有任何假期。")
    makeup = []
    for value in data.get("makeup_workdays") or []:
        day = _date(value, "调休上班日")
        if day.year != year:
            raise ArrangementError(f"调休上班日{day}不在{year}年内。")
        if day.weekday() < 5:
            raise ArrangementError(f"调休上班日{day}是星期{WEEKDAYS[day.weekday()]}，应为周六或周日。")
        makeup.append(day)
    arrangement = YearArrangement(
        year=year,
        holidays=tuple(holidays),
        makeup_workdays=tuple(sorted(makeup)),
        notice=str(data.get("notice", "")),
        urls=tuple(data.get("urls") or ()),
        note=str(data.get("note", "")),
        source=str(data.get("source", "")),
        version=int(data.get("version", 1)),
    )
    clash = [d for d in arrangement.makeup_workdays if arrangement.holiday_name(d)]
    if clash:
        raise ArrangementError(f"{clash[0]}既是假期又是调休上班日。")
    return arrangement


def shipped_arrangements() -> list[YearArrangement]:
    folder = resources.files("gongkai.core") / "holidays"
    return [
        parse_arrangement(json.loads(entry.read_text(encoding="utf-8")))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    ]


class WorkCalendar:
    """Answers 'is this a working day' and counts working days, for the loaded years only."""

    def __init__(self, arrangements: Iterable[YearArrangement], *, weekends_for_unknown_years: bool = False):
        self.years: dict[int, YearArrangement] = {}
        for arrangement in arrangements:  # later ones (overrides) replace earlier ones
            self.years[arrangement.year] = arrangement
        self._makeup = {d for a in self.years.values() for d in a.makeup_workdays}
        self.weekends_for_unknown_years = weekends_for_unknown_years
        self._days: list[date] | None = None

    def provisional(self) -> WorkCalendar:
        """The same calendar, but a year without an arrangement counts Monday to Friday as working
        days. Only for a date marked provisional (暂定) until the year's notice is imported."""
        return WorkCalendar(self.years.values(), weekends_for_unknown_years=True)

    def knows(self, year: int) -> bool:
        return year in self.years

    def _arrangement(self, day: date) -> YearArrangement:
        try:
            return self.years[day.year]
        except KeyError:
            if self.weekends_for_unknown_years:
                return YearArrangement(year=day.year, holidays=(), makeup_workdays=())
            raise UnknownYearError(day.year) from None

    def is_working_day(self, day: date) -> bool:
        arrangement = self._arrangement(day)
        if day in self._makeup:
            return True
        return day.weekday() < 5 and arrangement.holiday_name(day) is None

    def describe(self, day: date) -> str:
        """'工作日', '调休工作日', '春节假期' or '周末'."""
        arrangement = self._arrangement(day)
        if day in self._makeup:
            return "调休工作日"
        name = arrangement.holiday_name(day)
        if name:
            return f"{name}假期"
        return "周末" if day.weekday() >= 5 else "工作日"

    def _working_days(self) -> list[date]:
        """Every working day of the loaded years, sorted: built once, so counting is a binary search."""
        if self._days is None:
            self._days = [
                day
                for year in sorted(self.years)
                for day in (date(year, 1, 1) + timedelta(days=i) for i in range(366))
                if day.year == year and self.is_working_day(day)
            ]
        return self._days

    def _all_known(self, first: date, last: date) -> bool:
        return all(year in self.years for year in range(first.year, last.year + 1))

    def add_working_days(self, start: date, count: int) -> date:
        """The count-th working day after `start` (start itself never counts; count >= 1)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        days = self._working_days()
        position = bisect_right(days, start) + count - 1
        if position < len(days) and self._all_known(start + timedelta(days=1), days[position]):
            return days[position]
        day = start  # into a year not loaded: walk, so the year is named (or counted provisionally)
        while count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, after: date, until: date) -> int:
        """Working days d with after < d <= until (0 when until <= after)."""
        if until <= after:
            return 0
        if self._all_known(after + timedelta(days=1), until):
            days = self._working_days()
            return bisect_right(days, until) - bisect_right(days, after)
        count, day = 0, after
        while day < until:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def with_provisional(compute: Callable[[WorkCalendar], T], calendar: WorkCalendar) -> tuple[T, int | None]:
    """Run `compute` on the calendar; if it runs into a year with no arrangement, run it again
    counting that year's Mondays to Fridays, and return the year too. The caller marks the result
    provisional (暂定) until the year is imported: never a silent "no date"."""
    try:
        return compute(calendar), None
    except UnknownYearError as error:
        return compute(calendar.provisional()), error.year


def provisional_label(year: int) -> str:
    return f"暂定：{year}年节假日安排未导入"


def first_unknown_year(calendar: WorkCalendar, *days: date | None) -> int | None:
    """The first year among `days` with no loaded arrangement: a date there is only provisional."""
    return next((d.year for d in sorted(d for d in days if d) if not calendar.knows(d.year)), None)


def default_calendar(overrides: Iterable[YearArrangement] = ()) -> WorkCalendar:
    return WorkCalendar([*shipped_arrangements(), *overrides])


def weekday_name(day: date) -> str:
    return f"星期{WEEKDAYS[day.weekday()]}"


def fmt(day: date) -> str:
    """2026-02-13（星期五）"""
    return f"{day.isoformat()}（{weekday_name(day)}）"
