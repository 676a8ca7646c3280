"""The sensitive-data gate: find personal data and classification markings in text before publication.

What it finds (条例第十五条 personal privacy; 第十七条 confidentiality review):
- 居民身份证号码: 18 characters whose check character and birth date are valid, so an ordinary
  18-digit number (a 索引号, an amount) is not flagged;
- mobile numbers: 11 digits starting 13-19, standing alone (not inside a longer number);
- bank card numbers: 16-19 digits passing the Luhn check, starting with a banking industry digit
  (3, 4, 5, 6; 9 for domestic cards: ISO/IEC 7812), and not an ID number;
- e-mail addresses;
- classification markings: 绝密/机密/秘密 next to a ★ (the 密级 mark), and the words 绝密, 机密,
  内部资料, 内部文件 anywhere. A bare 秘密 is not flagged: 国家秘密 and 商业秘密 are everyday terms
  in these documents (this is the scanner's choice; a reviewer can still find such text by search).

Each hit has its position in the text, so a reader's location (page, table cell) can be attached,
and mask() replaces hits so the published copy really no longer holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.identity import is_resident_id
from gongkai.core.reports.source import Location, SourceDocument, SourceLine


class HitKind(StrEnum):
    RESIDENT_ID = "resident_id"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    CLASSIFICATION = "classification"


HIT_LABELS = {
    HitKind.RESIDENT_ID: "身份证号码",
    HitKind.MOBILE: "手机号码",
    HitKind.BANK_CARD: "银行卡号",
    HitKind.EMAIL: "电子邮箱",
    HitKind.CLASSIFICATION: "密级标志",
}


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    start: int
    end: int
    value: str

    @property
    def label(self) -> str:
        return HIT_LABELS[self.kind]


ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])")
CARD_CANDIDATE = re.compile(r"(?<![0-9])[34569]\d{3}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CLASSIFICATION = re.compile(r"(?:绝密|机密|秘密)\s*★|★\s*(?:绝密|机密|秘密)|绝密|机密|内部资料|内部文件")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def scan_text(text: str) -> list[Hit]:
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: HitKind, match: re.Match) -> None:
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        hits.append(Hit(kind, start, end, match.group()))

    for match in ID_CANDIDATE.finditer(text):
        if is_resident_id(match.group()):
            add(HitKind.RESIDENT_ID, match)
    for match in CARD_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            add(HitKind.BANK_CARD, match)
    for match in MOBILE.finditer(text):
        add(HitKind.MOBILE, match)
    for match in EMAIL.finditer(text):
        add(HitKind.EMAIL, match)
    for match in CLASSIFICATION.finditer(text):
        add(HitKind.CLASSIFICATION, match)
    return sorted(hits, key=lambda hit: hit.start)


def mask(text: str, hits: list[Hit]) -> str:
    """Replace each hit with as many ＊ as it had characters (layout kept, content gone)."""
    pieces, cursor = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        pieces.append(text[cursor : hit.start])
        pieces.append("＊" * (hit.end - hit.start))
        cursor = hit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


@dataclass(frozen=True)
class LocatedHit:
    """A hit in an extracted file: where it is (page, line, table cell) and what it is."""

    location: Location
    hit: Hit


def scan_document(document: SourceDocument) -> list[LocatedHit]:
    """Scan every line and every table cell of an extracted file (see gongkai.core.reports.readers)."""
    found: list[LocatedHit] = []
    for block in document.blocks:
        if isinstance(block, SourceLine):
            found += [LocatedHit(block.loc, hit) for hit in scan_text(block.text)]
            continue
        for row in block.rows:
            for cell in row:
                if cell.origin is None:  # a merged cell is scanned once, at its top-left position
                    found += [LocatedHit(cell.loc, hit) for hit in scan_text(cell.text)]
    return found
