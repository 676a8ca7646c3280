"""Remove values (ID numbers, phone numbers ...) from a file's bytes before it is published (no Django).

The published copy must really no longer hold a masked value, not merely hide it:
- DOCX (python-docx): the characters are replaced by ＊ in the runs that hold them, also when a
  value is split over several runs, in body paragraphs, table cells (nested too), headers and footers;
- XLSX (openpyxl): cell values holding a value are rewritten with ＊;
- PDF (PyMuPDF): true redaction, the text under each match is deleted from the page content;
- text and HTML: the decoded text is masked and encoded again in the file's own encoding.

Every result is read back with the project's readers; if a value can still be extracted the
function raises RedactionError instead of returning a copy that would leak it.
"""

from __future__ import annotations

import io

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


def _mask_runs(runs, values: list[str]) -> None:
    """Mask values inside a paragraph's runs, also when a value is split over several runs."""
    texts = [list(run.text) for run in runs]
    owners = [(i, j) for i, chars in enumerate(texts) for j in range(len(chars))]
    joined = "".join("".join(chars) for chars in texts)
    changed = False
    for value in values:
        start = joined.find(value)
        while start != -1:
            for position in range(start, start + len(value)):
                run_index, offset = owners[position]
                texts[run_index][offset] = MASK
            joined = joined[:start] + MASK * len(value) + joined[start + len(value) :]
            changed = True
            start = joined.find(value, start + len(value))
    if changed:
        for run, chars in zip(runs, texts, strict=True):
            if run.text != "".join(chars):
                run.text = "".join(chars)


def _mask_container(container, values: list[str]) -> None:
    """Paragraphs and tables (recursively) of a document body, cell, header or footer."""
    for paragraph in container.paragraphs:
        _mask_runs(paragraph.runs, values)
        for link in paragraph.hyperlinks:
            _mask_runs(link.runs, values)
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                _mask_container(cell, values)


def redact_docx(data: bytes, values: list[str]) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    _mask_container(document, values)
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                _mask_container(part, values)
    out = io.BytesIO()
    document.save(out)
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


def _cell_text(value) -> str:
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
    return document.tobytes(garbage=4, deflate=True)


REDACTORS = {
    "text": redact_text,
    "html": redact_text,
    "docx": redact_docx,
    "xlsx": redact_xlsx,
    "pdf": redact_pdf,
}
