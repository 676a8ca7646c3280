"""统一社会信用代码 (unified social credit code) validation, GB 32100-2015.

Eighteen characters from a 31-symbol alphabet (no I, O, S, V, Z); the last is a check character
computed from the first seventeen with fixed weights modulo 31. Government bodies registered by
the 机构编制 authority start with "11" (1 = 机构编制, 1 = 机关).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


class CreditCodeError(ValueError):
    """The code is not a valid 统一社会信用代码; the message says why, in Chinese."""


def check_character(first_seventeen: str) -> str:
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first_seventeen, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    """Return the code upper-cased if valid; raise CreditCodeError otherwise."""
    normalised = code.strip().upper()
    if len(normalised) != 18:
        raise CreditCodeError(f"统一社会信用代码应为18位，实际为{len(normalised)}位。")
    bad = sorted({ch for ch in normalised if ch not in ALPHABET})
    if bad:
        raise CreditCodeError(f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用I、O、S、V、Z）。")
    expected = check_character(normalised[:17])
    if normalised[17] != expected:
        raise CreditCodeError(f"统一社会信用代码校验位错误：最后一位应为{expected}，实际为{normalised[17]}。")
    return normalised
