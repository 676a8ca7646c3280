"""Reading one table cell's text as a number, without ever inventing one.

Blank stays blank; '/', '-', '—', '无' mean 'nothing' (written as a dash by the body); text that is
not a number is unreadable, with the raw text kept for the report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache


class CellStatus(StrEnum):
    READ = "read"
    BLANK = "blank"  # nothing written
    NOTHING = "nothing"  # '/', '-' or '无' written
    UNREADABLE = "unreadable"  # text that is not a number
    MISSING = "missing"  # the row or cell could not be found in the file


NOTHING_MARKS = {"/", "-", "—", "–", "－", "无", "／", "——", "--"}
NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|元|件|个|条|项)?$")
# Digits with a space between them: a number wrapped inside its cell, or the numbers of two cells
# (or of two rows glued at a page break) run together. Which one is for the arithmetic to decide.
DIGIT_GROUPS = re.compile(r"^\d+(?:\s+\d+)+$")


@dataclass(frozen=True)
class ParsedValue:
    status: CellStatus
    value: Decimal | None = None
    unit: str = ""


def digit_groups(text: str) -> list[str]:
    """'3 0' -> ['3', '0']; a single number or any other text -> []."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return folded.split() if DIGIT_GROUPS.match(folded) else []


@lru_cache(maxsize=4096)  # a report repeats the same few texts ("0", "", "/") hundreds of times
def parse_value(text: str) -> ParsedValue:
    if digit_groups(text):
        return ParsedValue(CellStatus.UNREADABLE)  # never read '3 0' as 30 without evidence
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return ParsedValue(CellStatus.BLANK)
    if cleaned in NOTHING_MARKS:
        return ParsedValue(CellStatus.NOTHING)
    match = NUMBER.match(cleaned)
    if not match:
        return ParsedValue(CellStatus.UNREADABLE)
    sign, digits, unit = match.groups()
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid decimals
        return ParsedValue(CellStatus.UNREADABLE)
    return ParsedValue(CellStatus.READ, -value if sign == "-" else value, unit or "")


@lru_cache(maxsize=4096)
def is_value_text(text: str) -> bool:
    """Could this cell hold a value (rather than a label)?"""
    return parse_value(text).status is not CellStatus.UNREADABLE or bool(digit_groups(text))


def plain_number(value: Decimal) -> str:
    """A number as a report prints it: 1700.00 as "1700", 12.50 as "12.50", never "1.7E+3"."""
    return f"{value.normalize():f}" if value == value.to_integral() else str(value)
