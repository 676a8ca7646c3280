from datetime import date

import pytest

from gongkai.core.identity import (
    IdentityNumberError,
    id_check_character,
    is_resident_id,
    validate_resident_id,
)


def test_the_standard_example_number():
    # The worked example of GB 11643-1999: 11010519491231002X.
    # By hand: weighted sum of 11010519491231002 = 167; 167 mod 11 = 2 -> '10X98765432'[2] = 'X'.
    assert id_check_character("11010519491231002") == "X"
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1101051949123100", "应为18位"),
        ("11010519491231002Y", "前17位应为数字"),
        ("110105194902300021", "出生日期19490230不存在"),
        ("110105194912310021", "校验位错误：最后一位应为X"),
    ],
)
def test_invalid_numbers_are_explained(number, message):
    with pytest.raises(IdentityNumberError, match=message):
        validate_resident_id(number)


def test_a_birth_date_in_the_future_is_refused():
    # 2030-01-01 birth date, check character computed so only the date is wrong.
    first = "11010520300101001"
    number = first + id_check_character(first)
    with pytest.raises(IdentityNumberError, match="不合理"):
        validate_resident_id(number, today=date(2026, 11, 24))


def test_ordinary_long_numbers_are_not_id_numbers():
    assert not is_resident_id("123456789012345678")
    assert is_resident_id("11010519491231002X")
