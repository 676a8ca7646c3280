"""The sensitive-data gate: find personal data and classification markings in text before publication.

What it finds (条例第十五条 personal privacy; 第十七条 confidentiality review), each hit of a kind
with a severity:

Must be masked or allowed with a reason (severity "sensitive"):
- 居民身份证号码: 18 characters whose check character and birth date are valid;
- 疑似身份证号（校验位不符）: 18 characters with a valid province code and birth date but a wrong
  check character - a typing error still identifies the holder. The province code (GB/T 2260, see
  gongkai.core.identity.PROVINCE_CODES) and the date keep ordinary 18-digit serials quiet
  (202611300000123456: no province 20);
- 疑似身份证号（15位旧号码）: 15 digits with a valid province code and a 19YYMMDD birth date;
- 疑似证件号码: any 15- or 18-character number right after 身份证/身份证号/身份证号码/公民身份号码/
  证件号/证件号码 (a colon or spaces between allowed), whatever its shape;
- mobile numbers: 11 digits starting 13-19, standing alone (not inside a longer number);
- bank card numbers: 16-19 digits passing the Luhn check, starting with a banking industry digit
  (3, 4, 5, 6; 9 for domestic cards: ISO/IEC 7812), and not an ID number;
- e-mail addresses;
- classification markings: 绝密/机密/秘密 next to a ★ (the 密级 mark), and the words 绝密, 机密,
  内部资料, 内部文件 anywhere. A bare 秘密 is not flagged: 国家秘密 and 商业秘密 are everyday terms
  in these documents (this is the scanner's choice; a reviewer can still find such text by search).

For the reviewer to judge (severity "review"; the gate still requires a decision on each):
- a person's name directly before an ID or phone number (「张伟 13812345678」,
  「联系人：王芳，电话：…」): 2-4 Han characters after a 姓名/联系人/申请人/当事人 label, or 2-3
  (3-4 with a compound surname) starting with a common surname;
- fixed-line numbers (区号-号码: 027-87654321, 0755 12345678) next to such a name;
- street addresses down to 室/号楼/单元 (「东湖路12号3栋2单元501室」) next to such a name.
"Next to" means only separators (spaces, commas, colons, brackets) and a label such as 电话 or
住址 stand between, or another of the same person's details does (「张伟，身份证号…，电话…，住…」).
An office telephone or a building's address with no name before it is what a body publishes on
purpose, so it is not flagged.

Known limits: names are a heuristic (a name after a word that happens to start with a surname
may take one character too many; a name without a label and with a rare surname is missed);
a detail written before the name (「13812345678（张伟）」) does not link them.

Each hit has its position in the text, so a reader's location (page, table cell) can be attached,
and mask() replaces hits so the published copy really no longer holds them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.identity import has_resident_id_shape, is_resident_id
from gongkai.core.reports.source import Location, SourceDocument, SourceLine


class HitKind(StrEnum):
    RESIDENT_ID = "resident_id"
    RESIDENT_ID_MISTYPED = "resident_id_mistyped"
    RESIDENT_ID_OLD = "resident_id_old"
    LABELLED_ID = "labelled_id"
    MOBILE = "mobile"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    CLASSIFICATION = "classification"
    PERSON_NAME = "person_name"
    FIXED_LINE = "fixed_line"
    ADDRESS = "address"

    @property
    def severity(self) -> Severity:
        return Severity.REVIEW if self in REVIEW_KINDS else Severity.SENSITIVE


class Severity(StrEnum):
    SENSITIVE = "sensitive"  # personal data or a 密级 mark: mask it unless there is a reason
    REVIEW = "review"  # may be personal data: the reviewer judges from the context


HIT_LABELS = {
    HitKind.RESIDENT_ID: "身份证号码",
    HitKind.RESIDENT_ID_MISTYPED: "疑似身份证号（校验位不符）",
    HitKind.RESIDENT_ID_OLD: "疑似身份证号（15位旧号码）",
    HitKind.LABELLED_ID: "疑似证件号码",
    HitKind.MOBILE: "手机号码",
    HitKind.BANK_CARD: "银行卡号",
    HitKind.EMAIL: "电子邮箱",
    HitKind.CLASSIFICATION: "密级标志",
    HitKind.PERSON_NAME: "姓名（紧邻证件号或电话）",
    HitKind.FIXED_LINE: "固定电话（紧邻姓名）",
    HitKind.ADDRESS: "详细地址（紧邻姓名）",
}
SEVERITY_LABELS = {Severity.SENSITIVE: "敏感信息", Severity.REVIEW: "请判断"}
REVIEW_KINDS = frozenset({HitKind.PERSON_NAME, HitKind.FIXED_LINE, HitKind.ADDRESS})
ID_KINDS = frozenset(
    {HitKind.RESIDENT_ID, HitKind.RESIDENT_ID_MISTYPED, HitKind.RESIDENT_ID_OLD, HitKind.LABELLED_ID}
)
# What identifies a person by number or address: masked wherever staff screens show stored text
# (search snippets). Names stay, as on the case lists; 密级 marks are not personal data.
PERSONAL_NUMBER_KINDS = frozenset(HitKind) - {HitKind.PERSON_NAME, HitKind.CLASSIFICATION}


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    start: int
    end: int
    value: str

    @property
    def label(self) -> str:
        return HIT_LABELS[self.kind]

    @property
    def severity(self) -> Severity:
        return self.kind.severity


HAN = "\u4e00-\u9fff"
ID_LABEL = r"(?:公民身份号码|身份证号码|身份证号|身份证|证件号码|证件号)"
ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
LABELLED_ID = re.compile(ID_LABEL + r"[:：\s]*(\d{17}[\dXx]|\d{14}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])")
CARD_CANDIDATE = re.compile(r"(?<![0-9])[34569]\d{3}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CLASSIFICATION = re.compile(r"(?:绝密|机密|秘密)\s*★|★\s*(?:绝密|机密|秘密)|绝密|机密|内部资料|内部文件")
# 区号 010 and 02X take 8-digit numbers; the four-digit 区号 0XXX take 7 or 8 digits.
FIXED_LINE = re.compile(
    r"(?<![0-9-])(?:[(（]?0(?:10|2\d)[)）]?[-－ \u3000]?\d{8}|[(（]?0[3-9]\d{2}[)）]?[-－ \u3000]?\d{7,8})(?![0-9])"
)
_NUMERAL = r"[0-9一二三四五六七八九十百零〇]+"
_PLACE = rf"[{HAN}]{{1,12}}?(?:大道|胡同|小区|花园|公寓|大厦|路|街|巷|弄|苑|村)"
# The numbered part is found first and the place looked for just before it: a pattern that
# started with the place would try every Han character of a long text.
UNIT_CHAIN = re.compile(rf"(?:{_NUMERAL}(?:号楼|号院|号|栋|幢|座|单元|层|楼|室|户)){{2,6}}")
PLACE_BEFORE = re.compile(rf"{_PLACE}$")
ADDRESS_DEPTH = re.compile(r"室|号楼|单元")
# A label inside the place part ends there: 「张伟住东湖路…」 is 张伟, then the address.
ADDRESS_LABEL = re.compile(r".*(?:居住地址|家庭住址|住址|地址|家住|现住|居住在|住)")


# Common surnames (the hundred most frequent, and the compound ones still in use), for names
# written without a 姓名 label.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁"
    "任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴"
    "严欧莫孔向常汤康易乔赖文施洪辛柯庄牛关"
)
COMPOUND_SURNAMES = tuple(
    "欧阳 司马 诸葛 上官 东方 夏侯 皇甫 令狐 慕容 司徒 尉迟 公孙 长孙 宇文 端木 独孤".split()
)
PREPOSITIONS = frozenset({"由于", "对于", "关于", "至于", "属于", "位于", "等于", "面向", "转向"})
# A word ending so is a place or an office, not a person (王家湾, 洪山区, 办公厅).
NOT_A_NAME_END = frozenset("省市区县镇乡村街路道巷湾局厅委办处科室站所院校队会司行部组馆场园厂店号楼栋层")
_NAME_LABELS = "姓名|联系人|申请人|当事人|代理人"
NAME_LABEL = re.compile(rf"(?:{_NAME_LABELS})[:：\s]*$")
NAME_AFTER_LABEL = re.compile(rf"(?:{_NAME_LABELS})([{HAN}]{{2,4}})$")  # 申请人张伟, one run of Han
# Between a person's name and their details, or between two of their details.
DETAIL_GAP = re.compile(r"[\s,，、:：()（）]*$")
DETAIL_LABEL = re.compile(
    ID_LABEL
    + r"$|(?:联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|固话|居住地址|家庭住址|住址|地址|家住|现住|住)$"
)
HAN_RUN = re.compile(rf"[{HAN}]+$")


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


def _id_kind(number: str, *, labelled: bool) -> HitKind | None:
    if len(number) == 18 and is_resident_id(number):
        return HitKind.RESIDENT_ID
    if has_resident_id_shape(number):
        return HitKind.RESIDENT_ID_MISTYPED if len(number) == 18 else HitKind.RESIDENT_ID_OLD
    return HitKind.LABELLED_ID if labelled else None


class _Found:
    """Hits so far; a span already taken by an earlier (stronger) kind is not taken again."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self._spans: list[tuple[int, int]] = []  # sorted; they never overlap, so ends are sorted too

    def free(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._spans, (start, end))
        before_ok = at == 0 or self._spans[at - 1][1] <= start
        after_ok = at == len(self._spans) or end <= self._spans[at][0]
        return before_ok and after_ok

    def add(self, kind: HitKind, start: int, end: int, text: str) -> bool:
        if not self.free(start, end):
            return False
        bisect.insort(self._spans, (start, end))
        self.hits.append(Hit(kind, start, end, text[start:end]))
        return True


def scan_text(text: str) -> list[Hit]:
    found = _Found()
    for match in LABELLED_ID.finditer(text):
        # A labelled number is always a hit: of its shape's kind, else LABELLED_ID.
        found.add(_id_kind(match.group(1), labelled=True) or HitKind.LABELLED_ID, *match.span(1), text)
    for match in ID_CANDIDATE.finditer(text):
        kind = _id_kind(match.group(), labelled=False)
        if kind is not None:
            found.add(kind, *match.span(), text)
    for match in CARD_CANDIDATE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            found.add(HitKind.BANK_CARD, *match.span(), text)
    for pattern, kind in (
        (MOBILE, HitKind.MOBILE),
        (EMAIL, HitKind.EMAIL),
        (CLASSIFICATION, HitKind.CLASSIFICATION),
    ):
        for match in pattern.finditer(text):
            found.add(kind, *match.span(), text)
    _add_details_next_to_names(text, found)
    return sorted(found.hits, key=lambda hit: hit.start)


def _address_spans(text: str) -> Iterator[tuple[int, int]]:
    for chain in UNIT_CHAIN.finditer(text):
        if ADDRESS_DEPTH.search(chain.group()):
            window_start = max(0, chain.start() - 13)
            place = PLACE_BEFORE.search(text, window_start, chain.start())
            start = place.start() if place else chain.start()
            label = ADDRESS_LABEL.match(place.group()) if place else None
            yield start + (label.end() if label else 0), chain.end()


def _add_details_next_to_names(text: str, found: _Found) -> None:
    """Names before ID and phone numbers, and fixed lines and addresses next to those names."""
    details: list[tuple[int, int, HitKind | None]] = [
        (h.start, h.end, None) for h in found.hits if h.kind in ID_KINDS or h.kind == HitKind.MOBILE
    ]
    details += [(*m.span(), HitKind.FIXED_LINE) for m in FIXED_LINE.finditer(text) if found.free(*m.span())]
    details += [
        (start, end, HitKind.ADDRESS) for start, end in _address_spans(text) if found.free(start, end)
    ]
    linked_ends: set[int] = set()
    for start, end, kind in sorted(details):
        before = _before_detail(text, start)
        name = None if before in linked_ends else _name_ending_at(text, before)
        if before not in linked_ends and name is None:
            continue
        if kind is not None and not found.add(kind, start, end, text):
            continue
        linked_ends.add(end)
        if name is not None:
            found.add(HitKind.PERSON_NAME, *name, text)


def _gap_start(window: str) -> int:
    """Where the separators at the end of the window begin (DETAIL_GAP matches, if only empty)."""
    gap = DETAIL_GAP.search(window)
    return gap.start() if gap else len(window)


def _before_detail(text: str, start: int) -> int:
    """Where the text before a detail ends once separators and a label such as 电话 are set aside."""
    window = text[max(0, start - 40) : start]
    offset = start - len(window)
    window = window[: _gap_start(window)]
    label = DETAIL_LABEL.search(window)
    if label:
        window = window[: label.start()]
        window = window[: _gap_start(window)]
    return offset + len(window)


def _name_ending_at(text: str, end: int) -> tuple[int, int] | None:
    """The span of a person's name ending at `end`: after a 姓名-like label, or led by a common surname."""
    run = HAN_RUN.search(text[max(0, end - 12) : end])
    if run is None:
        return None
    run_text, run_start = run.group(), end - len(run.group())
    labelled = NAME_LABEL.search(text[max(0, run_start - 8) : run_start]) is not None
    if labelled and 2 <= len(run_text) <= 4:
        return run_start, end
    label_inside = NAME_AFTER_LABEL.search(run_text)
    if label_inside:
        return end - len(label_inside.group(1)), end
    if run_text[-1] in NOT_A_NAME_END:
        return None
    for length in (4, 3, 2):
        name = run_text[-length:]
        if len(name) < length:
            continue
        if run_text[-length - 1 : -length + 1] in PREPOSITIONS:
            continue  # 由于张伟: the 于 belongs to 由于
        compound = name.startswith(COMPOUND_SURNAMES)
        if (compound and length >= 3) or (name[0] in SURNAMES and length <= 3):
            return end - length, end
    return None


MASK = "＊"


def mask(text: str, hits: list[Hit]) -> str:
    """Replace each hit with as many ＊ as it had characters (layout kept, content gone)."""
    pieces, cursor = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        pieces.append(text[cursor : hit.start])
        pieces.append(MASK * (hit.end - hit.start))
        cursor = hit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def mask_personal_numbers(text: str) -> str:
    """The text with every ID, phone and card number, e-mail address and detailed address masked
    (names and 密级 marks kept): how staff screens other than the case's own record show stored text."""
    return mask(text, [hit for hit in scan_text(text) if hit.kind in PERSONAL_NUMBER_KINDS])


def mask_whole(value: str) -> str:
    """A value that is personal data as a whole (a case's ID number, its phone), masked as mask() masks a hit."""
    return MASK * len(value)


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
