"""Remove values (ID numbers, phone numbers ...) from a file's bytes before it is published (no Django).

The published copy must really no longer hold a masked value, not merely hide it:
- DOCX (python-docx): the characters are replaced by ＊ in the text elements that hold them, also
  when a value is split over several runs, in every paragraph of every XML part: body paragraphs,
  table cells (nested too), content controls, headers, footers, text boxes (and their VML
  fallback copies), deleted revisions and field codes, and the targets of external links (mailto:);
- XLSX (openpyxl): cell values holding a value are rewritten with ＊;
- PDF (PyMuPDF): true redaction, the text under each match is deleted from the page content;
- text and HTML: the decoded text is masked and encoded again in the file's own encoding.

Every result is read back with the project's readers; if a value can still be extracted the
function raises RedactionError instead of returning a copy that would leak it.
"""

from __future__ import annotations

import io
from typing import Any

from gongkai.core.reports.readers import ReadError, read_bytes
from gongkai.core.reports.source import SourceDocument, SourceLine

MASK = "＊"


class RedactionError(Exception):
    """The values could not be removed from the file; the message is Chinese."""


def redact(data: bytes, file_type: str, values: list[str], name: str = "附件") -> bytes:
    """The file with every value removed; file_type is a sniffed kind: docx, xlsx, pdf, text or html."""
    values = sorted({v for v in values if v}, key=len, reverse=True)
    if not values:
        return data
    redactor = REDACTORS.get(file_type)
    if redactor is None:
        raise RedactionError(f"{name}：不支持对该类型文件（{file_type}）做遮盖处理。")
    result = redactor(data, values)
    _verify(result, values, name)
    return result


def document_text(document: SourceDocument) -> str:
    """All text a reader extracted: lines and table cells, one per line."""
    pieces = []
    for block in document.blocks:
        if isinstance(block, SourceLine):
            pieces.append(block.text)
        else:
            pieces += [cell.text for row in block.rows for cell in row]
    return "\n".join(pieces)


def _verify(result: bytes, values: list[str], name: str) -> None:
    try:
        text = document_text(read_bytes(result, name))
    except ReadError as error:
        raise RedactionError(f"{name}：遮盖后的文件无法读取（{error}）。") from error
    compact = "".join(text.split())
    left = [v for v in values if v in text or "".join(v.split()) in compact]
    if left:
        raise RedactionError(f"{name}：未能从文件中完全删除“{left[0]}”，请人工处理后重新上传。")


def _masked(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace(value, MASK * len(value))
    return text


# ---- text and HTML ----


def _encoding_of(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def redact_text(data: bytes, values: list[str]) -> bytes:
    encoding = _encoding_of(data)
    return _masked(data.decode(encoding), values).encode(encoding)


# ---- DOCX ----


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Text a DOCX paragraph holds: its runs' text, deleted text (still in the file) and field codes
# (a HYPERLINK "mailto:..." instruction); each kind masked across its own pieces.
DOCX_TEXT_TAGS = (W + "t", W + "delText", W + "instrText")


def _mask_pieces(pieces: list[str], values: list[str]) -> list[str]:
    """Mask values inside a paragraph's pieces of text, also when a value is split over several."""
    chars = [list(piece) for piece in pieces]
    owners = [(i, j) for i, piece in enumerate(chars) for j in range(len(piece))]
    joined = "".join(pieces)
    for value in values:
        start = joined.find(value)
        while start != -1:
            for position in range(start, start + len(value)):
                piece, offset = owners[position]
                chars[piece][offset] = MASK
            joined = joined[:start] + MASK * len(value) + joined[start + len(value) :]
            start = joined.find(value, start + len(value))
    return ["".join(piece) for piece in chars]


def _mask_paragraphs(root: Any, values: list[str]) -> None:  # an lxml element (lxml is untyped)
    """Every paragraph under root: the body with its tables and content controls, headers, footers,
    text boxes and their VML fallback copies (a box's paragraphs are masked as paragraphs of their own)."""
    for paragraph in root.iter(W + "p"):
        for tag in DOCX_TEXT_TAGS:
            elements = [el for el in paragraph.iter(tag) if next(el.iterancestors(W + "p")) is paragraph]
            masked = _mask_pieces([el.text or "" for el in elements], values)
            for element, text in zip(elements, masked, strict=True):
                if (element.text or "") != text:
                    element.text = text


def redact_docx(data: bytes, values: list[str]) -> bytes:
    """Mask in every XML part of the package that holds paragraphs (document, headers, footers...)."""
    import docx
    from docx.opc.part import XmlPart

    document = docx.Document(io.BytesIO(data))
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            _mask_paragraphs(part.element, values)
    out = io.BytesIO()
    document.save(out)
    return _mask_link_targets(out.getvalue(), values)


RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _mask_link_targets(data: bytes, values: list[str]) -> bytes:
    """Mask values in the targets of external links (a mailto: behind a masked e-mail address),
    which live in the package's .rels members, not in any paragraph."""
    import zipfile

    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename.endswith(".rels"):
                root = etree.fromstring(member, etree.XMLParser(resolve_entities=False, no_network=True))
                links = [r for r in root.iter(RELATIONSHIP) if r.get("TargetMode") == "External"]
                for link in links:
                    link.set("Target", _masked(link.get("Target") or "", values))
                if links:
                    member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, member)
    return out.getvalue()


# ---- XLSX ----


def redact_xlsx(data: bytes, values: list[str]) -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or isinstance(cell.value, bool):
                    continue
                text = _cell_text(cell.value)
                masked = _masked(text, values)
                if masked != text:
                    cell.value = masked
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- PDF ----


def redact_pdf(data: bytes, values: list[str]) -> bytes:
    import pymupdf

    document = pymupdf.open(stream=data, filetype="pdf")
    for page in document:
        found = False
        for value in values:
            for rect in page.search_for(value):
                page.add_redact_annot(rect, fill=(0, 0, 0))
                found = True
        if found:
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    redacted: bytes = document.tobytes(garbage=4, deflate=True)
    return redacted


REDACTORS = {
    "text": redact_text,
    "html": redact_text,
    "docx": redact_docx,
    "xlsx": redact_xlsx,
    "pdf": redact_pdf,
}
