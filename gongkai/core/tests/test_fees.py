"""Fee tiers of 国办函〔2020〕109号, with the worked examples of statute.md §4 done by hand."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.fees import FeeError, per_page_fee, per_request_fee, per_request_rate


def test_45_requests_in_a_month_cost_5500_yuan():
    # By hand: 1-10 free; 11-30: 20 × 100 = 2000; 31-40: 10 × 200 = 2000; 41-45: 5 × 300 = 1500.
    fee = per_request_fee(earlier_this_month=0, requests=45)
    assert fee.total == Decimal(5500)
    assert [(line.first, line.last, line.unit_price) for line in fee.lines] == [
        (11, 30, 100),
        (31, 40, 200),
        (41, 45, 300),
    ]
    assert fee.explanation()[-1] == "合计5500元。"


def test_250_pages_cost_4700_yuan():
    # By hand: 1-30 free; 31-100: 70 × 10 = 700; 101-200: 100 × 20 = 2000; 201-250: 50 × 40 = 2000.
    fee = per_page_fee(pages=250)
    assert fee.total == Decimal(4700)
    assert fee.explanation()[1] == "第31至100页：70页×10元＝700元"


@pytest.mark.parametrize(
    ("nth", "rate"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]
)
def test_rate_of_the_nth_request(nth, rate):
    assert per_request_rate(nth) == rate


def test_the_tenth_request_is_free_and_the_eleventh_is_not():
    assert per_request_fee(earlier_this_month=9).total == 0
    assert per_request_fee(earlier_this_month=10).total == 100
    assert per_request_fee(earlier_this_month=9).explanation() == [
        "《政府信息公开信息处理费管理办法》第四条（按件计收）：未超过免费额度，不收费。"
    ]


def test_thirty_pages_are_free_and_page_31_costs_10():
    assert per_page_fee(pages=30).total == 0
    assert per_page_fee(pages=31).total == 10


@pytest.mark.parametrize(
    "call", [lambda: per_page_fee(pages=-1), lambda: per_request_fee(earlier_this_month=-2)]
)
def test_impossible_input_is_an_error(call):
    with pytest.raises(FeeError):
        call()


@given(st.integers(0, 200), st.integers(1, 60))
def test_a_batch_costs_the_same_as_its_requests_one_by_one(earlier, requests):
    batch = per_request_fee(earlier_this_month=earlier, requests=requests).total
    one_by_one = sum(per_request_fee(earlier_this_month=earlier + i).total for i in range(requests))
    assert batch == one_by_one


@given(st.integers(0, 2000))
def test_page_fee_never_decreases_with_more_pages(pages):
    assert per_page_fee(pages=pages + 1).total >= per_page_fee(pages=pages).total
