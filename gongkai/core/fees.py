"""信息处理费 (information processing fee) per 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

Two methods, each progressive over the excess (超额累进); for one request the body picks ONE of
them, never both (art. 3):

- 按件计收 (art. 4): counted per applicant per calendar month. Requests 1-10 are free, 11-30 cost
  100元 each, and from the 31st every further block of 10 requests raises the rate by 100元
  (31-40: 200元, 41-50: 300元, ...).
- 按量计收 (art. 5): counted per request by pages. Pages 1-30 are free, 31-100 cost 10元 each,
  101-200 cost 20元 each, from 201 on 40元 each.

UNCONFIRMED (statute.md §4): whether the monthly count is per body or across bodies. The caller
decides what to count and passes the applicant's earlier requests in the month, so the rule
lives in one setting of the applications area, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class FeeMethod(StrEnum):
    PER_REQUEST = "per_request"  # 按件计收
    PER_PAGE = "per_page"  # 按量计收


class FeeError(ValueError):
    """Input that no fee can be computed from; the message is Chinese."""


@dataclass(frozen=True)
class FeeLine:
    """One tier of a computed fee, e.g. 20 件 × 100元."""

    first: int
    last: int
    unit_price: Decimal
    unit: str

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.count

    def describe(self) -> str:
        return f"第{self.first}至{self.last}{self.unit}：{self.count}{self.unit}×{self.unit_price}元＝{self.amount}元"


@dataclass(frozen=True)
class Fee:
    method: FeeMethod
    lines: tuple[FeeLine, ...]
    basis: str

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def explanation(self) -> list[str]:
        if not self.lines:
            return [f"{self.basis}：未超过免费额度，不收费。"]
        return [f"{self.basis}："] + [line.describe() for line in self.lines] + [f"合计{self.total}元。"]


PER_REQUEST_BASIS = "《政府信息公开信息处理费管理办法》第四条（按件计收）"
PER_PAGE_BASIS = "《政府信息公开信息处理费管理办法》第五条（按量计收）"

# (first page, last page or None for no limit, price per page)
PAGE_TIERS = ((1, 30, Decimal(0)), (31, 100, Decimal(10)), (101, 200, Decimal(20)), (201, None, Decimal(40)))


def per_request_rate(nth: int) -> Decimal:
    """Price of the applicant's nth request in the calendar month."""
    if nth < 1:
        raise FeeError("申请序号应为正整数。")
    if nth <= 10:
        return Decimal(0)
    if nth <= 30:
        return Decimal(100)
    return Decimal(100) * (2 + (nth - 31) // 10)


def per_request_fee(*, earlier_this_month: int, requests: int = 1) -> Fee:
    """Fee for `requests` new requests by an applicant who already made `earlier_this_month` this month."""
    if earlier_this_month < 0 or requests < 1:
        raise FeeError("本月已申请件数不能为负数，本次申请件数至少为1。")
    lines: list[FeeLine] = []
    for nth in range(earlier_this_month + 1, earlier_this_month + requests + 1):
        rate = per_request_rate(nth)
        if rate == 0:
            continue
        if lines and lines[-1].unit_price == rate:
            lines[-1] = FeeLine(lines[-1].first, nth, rate, "件")
        else:
            lines.append(FeeLine(nth, nth, rate, "件"))
    return Fee(FeeMethod.PER_REQUEST, tuple(lines), PER_REQUEST_BASIS)


def per_page_fee(*, pages: int) -> Fee:
    if pages < 0:
        raise FeeError("页数不能为负数。")
    lines = []
    for first, last, price in PAGE_TIERS:
        top = pages if last is None else min(pages, last)
        if top >= first and price > 0:
            lines.append(FeeLine(first, top, price, "页"))
    return Fee(FeeMethod.PER_PAGE, tuple(lines), PER_PAGE_BASIS)
