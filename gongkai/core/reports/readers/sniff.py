"""Tell a file's type from its first bytes, not from its name.

Government sites serve .doc files that are really HTML, .pdf links that return an error page,
and Word files renamed to .txt; the name is only used to word the error message.
"""

from __future__ import annotations

import io
import re
import zipfile


class ReadError(Exception):
    """A file that cannot be read at all. The message is Chinese and names the file."""


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Refuse zip containers (DOCX, XLSX) whose members would decompress past these limits. The
# sizes are read from the zip directory before anything is extracted; zipfile itself never
# returns more bytes than a member's declared size, so a lying directory cannot get past them.
ZIP_MAX_TOTAL = 50 * 1024 * 1024
ZIP_MAX_MEMBERS = 5000

_HTML_MARKERS = ("<table", "<body", "<head", "<meta", "<div", "<p>", "<p ", "<br", "<span", "<title")


def sniff(data: bytes, name: str) -> str:
    """Return one of: text, html, wordml, docx, xlsx, pdf, zip, doc-or-xls (old binary Office), empty, binary."""
    if not data.strip():
        return "empty"
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "doc-or-xls"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    # HTML is recognised from its ASCII markup before decoding, so that a GBK page with a few
    # broken bytes (pages cut mid-character are common) is still read as HTML.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = decode_text(data)
        kind = _markup_kind(text[:4096].lower().lstrip("\ufeff \r\n\t")) if text is not None else None
        return kind or ("text" if text is not None else "binary")
    raw_head = data[:4096].lower().lstrip(b"\xef\xbb\xbf \r\n\t")
    kind = _markup_kind(raw_head.decode("latin-1"))
    if kind is not None and b"\x00" not in raw_head:
        return kind
    return "text" if decode_text(data) is not None else "binary"


def _markup_kind(lowered: str) -> str | None:
    if lowered.startswith("<?xml") and "<w:worddocument" in lowered:
        return "wordml"  # Word 2003 XML, not HTML
    if lowered.startswith(("<!doctype html", "<html", "<?xml", "<!--")) or any(
        m in lowered for m in _HTML_MARKERS
    ):
        return "html"
    return None


def _sniff_zip(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return "binary"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return "zip"


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open a DOCX/XLSX container after checking its directory; ReadError if it is broken or too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ReadError(f"{name}：文件已损坏或不完整，无法解压（{type(exc).__name__}）。") from exc
    if len(members) > ZIP_MAX_MEMBERS:
        raise ReadError(f"{name}：压缩包内文件过多（{len(members)}个），拒绝读取。")
    total = sum(m.file_size for m in members)
    if total > ZIP_MAX_TOTAL:
        raise ReadError(
            f"{name}：解压后大小约{total // (1024 * 1024)}MB，超过{ZIP_MAX_TOTAL // (1024 * 1024)}MB上限，拒绝读取。"
        )
    return archive


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels seen on Chinese sites, mapped to the Python codec that decodes them (GB18030 is a
# superset of GB2312 and GBK, and pages labelled gb2312 routinely contain GBK-only characters).
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "unicode": "utf-16",
    "utf-16": "utf-16",
}


def declared_charset(data: bytes) -> str | None:
    """The codec named by an HTML page's <meta charset> (in its first 8 KB), normalised; None if absent."""
    match = _META_CHARSET.search(data[:8192])
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    return _CHARSET_ALIASES.get(label, label)


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
