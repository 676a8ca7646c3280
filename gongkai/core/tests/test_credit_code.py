import pytest

from gongkai.core.credit_code import CreditCodeError, check_character, validate_credit_code


def test_published_example_code_is_valid():
    # The worked example printed with GB 32100-2015 commentary.
    assert validate_credit_code("91350100m000100y43") == "91350100M000100Y43"


def test_check_character_of_a_government_body_code():
    # Worked by hand: weighted sum of 11230103MB0000000 is 919; 919 mod 31 = 20; 31 - 20 = 11 -> 'B'.
    assert check_character("11230103MB0000000") == "B"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "应为18位，实际为17位"),
        ("91350100M000100Y44", "校验位错误：最后一位应为3"),
        ("91350100M000100O43", "不允许的字符：O"),
    ],
)
def test_invalid_codes_are_explained(code, message):
    with pytest.raises(CreditCodeError, match=message):
        validate_credit_code(code)
