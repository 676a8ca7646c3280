"""Tell a file's type from its first bytes, not from its name.

Government sites serve .doc files that are really HTML, .pdf links that return an error page,
and Word files renamed to .txt; the name is only used to word the error message.
"""

from __future__ import annotations

import io
import zipfile


class ReadError(Exception):
    """A file that cannot be read at all. The message is Chinese and names the file."""


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, name: str) -> str:
    """Return one of: text, html, docx, xlsx, pdf, zip, doc, xls (old binary Office), empty, binary."""
    if not data.strip():
        return "empty"
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "doc-or-xls"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    text = decode_text(data)
    if text is None:
        return "binary"
    lowered = text[:4096].lower().lstrip("\ufeff \r\n\t")
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in lowered or "<body" in lowered:
        return "html"
    return "text"


def _sniff_zip(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return "binary"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return "zip"


def decode_text(data: bytes) -> str | None:
    """Decode text saved as UTF-8 (with or without BOM), UTF-16 or GB18030; None if it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Control characters other than whitespace mean a binary file that happened to decode.
        controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
        if controls == 0:
            return text
    return None
