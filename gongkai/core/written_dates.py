"""Dates as Chinese official documents write them (GB/T 9704: 2026年1月5日, no leading zeros).

One definition for letters, the annual report's signature and the auditor's findings alike."""

from __future__ import annotations

from datetime import date


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
