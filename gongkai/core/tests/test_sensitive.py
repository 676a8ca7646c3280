"""The sensitive-data gate finds what must not be published, and only that."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identity import id_check_character
from gongkai.core.sensitive import HitKind, luhn_valid, mask, scan_text

ID = "11010519491231002X"
CARD = "6222021234567890128"  # 19 digits; check digit chosen by hand so the Luhn sum is 80 (see below)


def kinds(text):
    return [(hit.kind, hit.value) for hit in scan_text(text)]


def test_a_real_id_number_is_found_with_its_position():
    text = f"申请人张三，身份证号{ID}，住东湖路。"
    [hit] = scan_text(text)
    assert (hit.kind, hit.value, text[hit.start : hit.end]) == (HitKind.RESIDENT_ID, ID, ID)


def test_ordinary_long_numbers_are_not_flagged():
    # An 18-digit 索引号-like number (wrong ID check digit, and it passes Luhn but does not start like a
    # bank card), an amount and a document number.
    text = "索引号 114403990000000012，金额 2155290000 元，文号 东政发〔2026〕12号"
    assert kinds(text) == []


def test_mobile_numbers_stand_alone():
    assert kinds("联系电话：13812345678。") == [(HitKind.MOBILE, "13812345678")]
    assert kinds("电话 138 1234 5678") == [(HitKind.MOBILE, "138 1234 5678")]
    # Inside a longer number it is not a phone number.
    assert kinds("编号 2013812345678999") == []


def test_bank_cards_need_the_luhn_check():
    # By hand: doubling every second digit from the right of 622202123456789012 + check 8 sums to 80.
    assert luhn_valid(CARD)
    assert kinds(f"账号：{CARD}") == [(HitKind.BANK_CARD, CARD)]
    assert kinds("账号：6222021234567890127") == []


def test_email_and_classification_markings():
    text = "请发送至 zhang.san@example.com。秘密★1年 本文件为内部资料。属于国家秘密的信息不予公开。"
    assert kinds(text) == [
        (HitKind.EMAIL, "zhang.san@example.com"),
        (HitKind.CLASSIFICATION, "秘密★"),
        (HitKind.CLASSIFICATION, "内部资料"),
    ]


def test_mask_removes_the_content_and_keeps_the_layout():
    text = f"身份证{ID}，手机13812345678"
    masked = mask(text, scan_text(text))
    assert masked == "身份证" + "＊" * 18 + "，手机" + "＊" * 11
    assert scan_text(masked) == []


@given(st.integers(1900, 2025), st.integers(1, 12), st.integers(1, 28), st.integers(0, 999))
def test_every_valid_id_number_is_found(year, month, day, sequence):
    first = f"440305{year:04d}{month:02d}{day:02d}{sequence:03d}"
    number = first + id_check_character(first)
    assert kinds(f"号码{number}。") == [(HitKind.RESIDENT_ID, number)]
