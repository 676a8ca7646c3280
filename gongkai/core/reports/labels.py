"""Label normalisation: published tables vary in brackets, spaces, punctuation and script.

Both the official label and the text found in a file go through normalise() before comparing:
NFKC folds full-width forms, whitespace is removed, a small table turns the traditional
characters seen on mirror sites into simplified ones, and leading numbering (一、 (三) 1. 1、 (1) ①)
can be stripped to compare the core text. similarity() scores a damaged label (OCR or typing
slips, stray Latin letters and dots) against an official one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.fuzz import ratio

TRADITIONAL = str.maketrans(
    "開處復訟議請數總計結轉維審與構務規範決這個許強費採購額項業機關組織獲現廢發製條國屬護權內類過執詢資訊補確認訪舉報訴複繳納無據應際護況統對經濟會議縣區鎮門辦聯範圍罰萬單穩糾體",
    "开处复讼议请数总计结转维审与构务规范决这个许强费采购额项业机关组织获现废发制条国属护权内类过执询资讯补确认访举报诉复缴纳无据应际护况统对经济会议县区镇门办联范围罚万单稳纠体",
)
NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、]|\d+(?=[\u4e00-\u9fff]))"
)
# Characters that never belong to a row label: OCR and extraction leave them inside words.
NOISE = re.compile(r"[A-Za-z·•・.、,:;!?'\"\s]")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(TRADITIONAL)
    folded = folded.replace("“", '"').replace("”", '"').replace("，", ",")
    return re.sub(r"\s+", "", folded)


@lru_cache(maxsize=8192)  # the official labels are compared with every piece of a table
def core(text: str) -> str:
    """The label without its leading numbering: '(三)1.属于国家秘密' -> '属于国家秘密'."""
    text = normalise(text)
    while True:
        stripped = NUMBERING.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def similarity_key(text: str) -> str:
    """What similarity() compares: the label's core with the noise characters taken out."""
    return NOISE.sub("", core(text))


def similarity(found: str, label: str) -> float:
    """0-1: how well a label read from a file matches an official one, numbering and noise aside.
    The official label's numbering cannot be OCR-damaged in the comparison: 「本年	F新收政府·」 and
    「本年新收政府」 score 1."""
    a, b = similarity_key(found), similarity_key(label)
    if not a or not b:
        return 0.0
    return ratio(a, b) / 100


# NFKC has already turned 「①」 into 「1」: an item number is digits then 「.」「、」, in brackets, or
# straight before the label's text.
ITEM = re.compile(r"(?:^|(?<=[\u4e00-\u9fff)]))(?:(\d+)[.、]|\((\d+)\)|(\d+)(?=[\u4e00-\u9fff]))")
GROUP = re.compile(
    r"(?:^|(?<=[\u4e00-\u9fff)]))(?:([一二三四五六七八九十]+)、|\(([一二三四五六七八九十]+)\))"
)


def item_number(text: str) -> str | None:
    """The number of the row a label names: its last item number (「2.」「（2）」「②」, as "2"), else
    its last group number (「（一）」「三、」, as "一"); None when it has none. 「（六）其他处理1.申请人…」
    is item "1"; 「三、本年度办理结果（一）予以公开」 is group "一"."""
    folded = normalise(text)
    items = [m.group(1) or m.group(2) or m.group(3) for m in ITEM.finditer(folded)]
    if items:
        return items[-1]
    groups = [m.group(1) or m.group(2) for m in GROUP.finditer(folded)]
    return groups[-1] if groups else None
