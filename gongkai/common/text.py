"""Which characters a stored text may hold: what an XML 1.0 document (DOCX, XLSX, HTML) can carry.

Letters and reports are written with python-docx, openpyxl and WeasyPrint, which refuse or choke on
C0 control characters (other than tab, newline and carriage return), U+FFFE/U+FFFF and lone
surrogates. Input refuses them with a message naming the character's position; text stored before
that rule existed is cleaned with `xml_safe` at the point a document receives it.
"""

from __future__ import annotations

import re

# The complement of XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unsafe_position(text: str) -> int | None:
    """The 1-based position of the first character a document cannot hold, or None."""
    match = _NOT_XML.search(text)
    return None if match is None else match.start() + 1


# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): valid XML,
# but they make a letter or a name display other than it is stored (「Trojan Source」, CVE-2021-42574).
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def unsafe_text_problem(text: str) -> str | None:
    """A Chinese sentence saying what is wrong with the text (the caller names the field), or None."""
    position = unsafe_position(text)
    if position is not None:
        return f"含有不可见的控制字符（第{position}个字符），请删除后重新提交"
    bidi = _BIDI_CONTROL.search(text)
    if bidi is not None:
        return (
            f"含有改变文字显示方向的隐藏字符（第{bidi.start() + 1}个字符，多见于复制粘贴），"
            "请删除该处后手工重新输入"
        )
    return None


def xml_safe(text: str) -> str:
    """The text without the characters a document cannot hold (for text stored before the rule)."""
    return _NOT_XML.sub("", text)


def unsafe_json_problem(value: object) -> str | None:
    """`unsafe_text_problem` for the first string in decoded JSON (escapes like \\u0001 included)."""
    if isinstance(value, str):
        return unsafe_text_problem(value)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    for item in items if isinstance(items, list | tuple) else ():
        problem = unsafe_json_problem(item)
        if problem:
            return problem
    return None
