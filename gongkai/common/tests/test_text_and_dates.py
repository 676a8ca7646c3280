"""The two rules of gongkai.common, without a database."""

from datetime import date

import pytest

from gongkai.common.dates import DateKind, date_problem
from gongkai.common.text import unsafe_json_problem, unsafe_position, unsafe_text_problem, xml_safe

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("张三", None),
        ("第一行\n第二行\r\n\t缩进", None),  # tab, newline and carriage return are text
        ("张\x01三", 2),
        ("\x0b", 1),
        ("ab\x1b", 3),
        ("a\x00", 2),
        ("a\ufffe", 2),
        ("a\uffff", 2),
        ("a\ud800b", 2),  # a lone surrogate
        ("😀\x7f\x85", None),  # astral characters, DEL and C1 are legal XML 1.0
    ],
)
def test_what_a_document_cannot_hold(text, position):
    assert unsafe_position(text) == position


def test_stored_text_is_made_safe_without_losing_the_rest():
    assert xml_safe("张\x01三\x0b，\n\t地址\x00") == "张三，\n\t地址"


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_direction_overrides_are_refused_with_their_position(control):
    # 「张三\u202e1234」 displays as 张三4321: a name or an ID number shown otherwise than stored
    problem = unsafe_text_problem(f"张三{control}1234")
    assert problem is not None and "改变文字显示方向" in problem and "第3个字符" in problem
    assert unsafe_text_problem("张三\u200e1234") is None  # a plain left-to-right mark changes nothing


def test_escaped_controls_in_decoded_json_are_found():
    assert unsafe_json_problem({"year": 2027, "holidays": [{"name": "元\x01旦"}]})
    assert unsafe_json_problem({"ok": ["元旦", 1, None]}) is None


@pytest.mark.parametrize(
    ("day", "kind", "ok"),
    [
        (date(2008, 5, 1), DateKind.HAPPENED, True),
        (date(2008, 4, 30), DateKind.HAPPENED, False),
        (date(1900, 1, 1), DateKind.HAPPENED, False),
        (date(1, 1, 1), DateKind.HAPPENED, False),
        (TODAY, DateKind.HAPPENED, True),
        (date(2026, 12, 2), DateKind.HAPPENED, False),
        (date(2030, 1, 1), DateKind.PLANNED, True),
        (date(9999, 12, 31), DateKind.PLANNED, False),
        (date(2000, 1, 1), DateKind.PLANNED, False),
        (date(1998, 6, 1), DateKind.DOCUMENT, True),  # an old regulation still in force
        (date(2027, 1, 1), DateKind.DOCUMENT, False),
        (date(2035, 1, 1), DateKind.DOCUMENT_EFFECT, True),
        (date(1900, 1, 1), DateKind.DOCUMENT_EFFECT, False),
    ],
)
def test_plausible_ranges(day, kind, ok):
    assert (date_problem(day, kind, today=TODAY) is None) is ok


def test_the_message_states_the_range_and_the_date_typed():
    assert date_problem(date(1, 1, 1), DateKind.HAPPENED, today=TODAY) == (
        "应在2008年5月1日至今天（2026年12月1日）之间（填写的是1年1月1日）"
    )
    assert "至2099年12月31日" in date_problem(date(9999, 12, 31), DateKind.PLANNED, today=TODAY)
