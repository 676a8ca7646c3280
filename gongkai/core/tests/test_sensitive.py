"""The sensitive-data gate finds what must not be published, and only that."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identity import PROVINCE_CODES, id_check_character
from gongkai.core.sensitive import ID_KINDS, HitKind, Severity, luhn_valid, mask, scan_text

ID = "11010519491231002X"
CARD = "6222021234567890128"  # 19 digits; check digit chosen by hand so the Luhn sum is 80 (see below)


def kinds(text):
    return [(hit.kind, hit.value) for hit in scan_text(text)]


def test_a_real_id_number_is_found_with_its_position():
    text = f"申请人张三，身份证号{ID}，住东湖路。"
    [name, hit] = scan_text(text)
    assert (hit.kind, hit.value, text[hit.start : hit.end]) == (HitKind.RESIDENT_ID, ID, ID)
    assert (name.kind, name.value) == (HitKind.PERSON_NAME, "张三")


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


# ---- numbers typed with an error, labelled numbers, and details next to a name (issue 10, item 11) ----

MISTYPED = "440301198502153216"  # 440301 深圳, born 1985-02-15, check character should be 9 (not 6)


def test_the_published_draft_of_the_issue_is_caught_now():
    assert id_check_character(MISTYPED[:17]) != MISTYPED[17]
    text = f"张伟，身份证号{MISTYPED}，电话13812345678。"
    assert [(h.kind, h.value, h.severity) for h in scan_text(text)] == [
        (HitKind.PERSON_NAME, "张伟", Severity.REVIEW),
        (HitKind.RESIDENT_ID_MISTYPED, MISTYPED, Severity.SENSITIVE),
        (HitKind.MOBILE, "13812345678", Severity.SENSITIVE),
    ]
    assert scan_text(text)[1].label == "疑似身份证号（校验位不符）"


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("202611300000123456", "province 20 does not exist"),
        ("110105202613310012", "no 13th month"),
        ("114403990000000012", "year 9900"),
        ("110105188001010012", "born before 1900"),
    ],
)
def test_an_18_digit_serial_without_the_shape_of_an_id_stays_quiet(number, why):
    assert kinds(f"流水号{number}。") == [], why


def test_an_old_15_digit_number_with_a_province_and_a_date_is_flagged():
    assert kinds("证号110105491231002。") == [(HitKind.RESIDENT_ID_OLD, "110105491231002")]
    assert kinds("金额123456789012345元") == []  # 12 is a province, but 1978-90-12 is no date


@pytest.mark.parametrize(
    "text",
    [
        "身份证：123456789012345678",
        "身份证号 123456789012345678",
        "身份证号码：  123456789012345678",
        "公民身份号码123456789012345678",
        "证件号：12345678901234567X",
        "证件号码 123456789012345",
    ],
)
def test_any_15_or_18_character_number_after_an_id_label_is_flagged(text):
    [(kind, value)] = kinds(text)
    assert kind == HitKind.LABELLED_ID and value in text and len(value) in (15, 18)


def test_a_labelled_number_that_is_a_valid_id_keeps_its_stronger_kind():
    assert kinds(f"身份证号：{ID}") == [(HitKind.RESIDENT_ID, ID)]
    assert kinds(f"证件号码 {MISTYPED}") == [(HitKind.RESIDENT_ID_MISTYPED, MISTYPED)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("张伟 13812345678", "张伟"),
        ("张伟13812345678", "张伟"),
        ("联系人：王小明，电话：13812345678", "王小明"),
        ("姓名：禤海 手机 13812345678", "禤海"),  # a rare surname after a label
        ("请联系王芳（13812345678）", "王芳"),
        ("由于张伟13812345678", "张伟"),
        ("欧阳娜娜13812345678", "欧阳娜娜"),
        (f"申请人李四，身份证号码{ID}", "李四"),
    ],
)
def test_a_name_directly_before_an_id_or_phone_number_is_for_the_reviewer(text, name):
    names = [h for h in scan_text(text) if h.kind == HitKind.PERSON_NAME]
    assert [(h.value, h.severity) for h in names] == [(name, Severity.REVIEW)]


def test_fixed_lines_and_addresses_next_to_a_name_are_for_the_reviewer():
    text = "联系人：王小明，电话：027-87654321，住址：东湖路12号3栋2单元501室。"
    assert kinds(text) == [
        (HitKind.PERSON_NAME, "王小明"),
        (HitKind.FIXED_LINE, "027-87654321"),
        (HitKind.ADDRESS, "东湖路12号3栋2单元501室"),
    ]
    assert kinds("李建国 0755 12345678") == [
        (HitKind.PERSON_NAME, "李建国"),
        (HitKind.FIXED_LINE, "0755 12345678"),
    ]
    assert kinds("张伟住光谷大道88号5号楼") == [
        (HitKind.PERSON_NAME, "张伟"),
        (HitKind.ADDRESS, "光谷大道88号5号楼"),
    ]
    assert kinds(f"张伟，身份证号{MISTYPED}，电话13812345678，住东湖路12号2单元301室")[-1] == (
        HitKind.ADDRESS,
        "东湖路12号2单元301室",
    )


@pytest.mark.parametrize(
    "text",
    [
        "咨询电话：027-87654321，传真：027-87654322。",  # the office's own numbers, no name
        "办公地址：东湖路12号3栋2单元501室。",  # the office's own address
        "王家湾社区电话：027-87654321",  # a place, not a person
        "办公室电话 0755 12345678",
        "索引号：11420100MB1234567X/2026-00012",
        "文号：东政发〔2026〕12号，2026年12月1日印发",
        "发布日期：2026-11-30，有效期至2031-11-29",
        "预算金额：1234567.89元，合计12345678元",
        "市民可拨打12345政务服务便民热线，或0755-12345",
        "邮编：430070，地址：东湖路12号",
        "第3号楼施工许可证",
    ],
)
def test_ordinary_government_text_stays_quiet(text):
    assert kinds(text) == []


def test_every_new_kind_masks_like_the_others():
    text = "张伟，住东湖路12号3栋2单元501室，电话027-87654321，身份证号440301198502153216"
    hits = scan_text(text)
    assert {h.kind for h in hits} >= {HitKind.PERSON_NAME, HitKind.ADDRESS, HitKind.FIXED_LINE}
    assert scan_text(mask(text, hits)) == []


@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.dates(date(1800, 1, 1), date(2099, 12, 31)),
    st.integers(0, 999),
    st.sampled_from("0123456789X"),
)
def test_any_number_with_the_shape_of_an_id_is_a_hit_whatever_its_check_character(province, born, seq, check):
    number = f"{province}0105{born:%Y%m%d}{seq:03d}{check}"
    found = kinds(f"名单：{number}。")
    if born.year >= 1900:
        assert found in ([(HitKind.RESIDENT_ID, number)], [(HitKind.RESIDENT_ID_MISTYPED, number)])
    else:  # born before 1900: not an ID (it may still pass the Luhn check as a bank card)
        assert not {kind for kind, _ in found} & ID_KINDS


REAL_NOTICE = """东湖街道办事处关于2026年第三季度城乡低保资金发放情况的公示
索引号：11420100MB1234567X/2026-00012    文号：东政发〔2026〕12号
根据《社会救助暂行办法》，现将2026年第三季度低保资金发放情况公示如下：全街道共发放低保资金
1,234,567.89元，涉及386户612人，平均每人每月补助标准800元。公示期为2026年10月8日至10月14日。
如有异议，请于公示期内向街道社会事务办反映，联系电话：027-87654321，地址：东湖路12号3号楼201室，
邮编：430070；也可拨打12345政务服务便民热线。
东湖街道办事处
2026年10月8日"""


def test_a_real_looking_notice_holds_nothing_personal():
    assert kinds(REAL_NOTICE) == []
    # The same notice with one recipient's line pasted in from the roster.
    pasted = REAL_NOTICE.replace(
        "公示如下：", "公示如下：李秀英，身份证号码420106195803121234，电话13907181234；"
    )
    assert [kind for kind, _ in kinds(pasted)] == [
        HitKind.PERSON_NAME,
        HitKind.RESIDENT_ID_MISTYPED,
        HitKind.MOBILE,
    ]
