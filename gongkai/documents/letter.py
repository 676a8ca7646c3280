"""A formal letter (告知书、答复书 …) and its DOCX and PDF renderings."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.common.text import xml_safe
from gongkai.core.written_dates import chinese_date
from gongkai.documents import fonts


@dataclass(frozen=True)
class Letter:
    title: str  # e.g. 政府信息公开申请补正告知书
    number: str  # the letter's own number (文号), e.g. 东湖依申补〔2026〕3号
    recipient: str  # 申请人 name, followed by a colon in the letter
    paragraphs: tuple[str, ...]
    sender: str  # the body's name, above the date
    dated: date
    legal_basis: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)  # small print after the signature
    closing: str = ""  # e.g. 特此告知。, after the legal basis

    def plain_text(self) -> str:
        """The letter as text, in reading order: what a test or a search index sees."""
        lines = [self.title, self.number, f"{self.recipient}：", *self.paragraphs]
        if self.legal_basis:
            lines.append(f"依据：{self.legal_basis}")
        if self.closing:
            lines.append(self.closing)
        lines += [SEAL_MARK, self.sender, chinese_date(self.dated), *self.notes]
        return "\n".join(lines)


# Where the body's seal (印章) goes: over the sender's name and the date, as on every 公文.
SEAL_MARK = "（印章）"


def _paragraph(document, text: str, *, style=None, size=None, align=None, indent=True):
    paragraph = document.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * (size or fonts.TEXT_SIZE))
    paragraph.paragraph_format.line_spacing = Pt(28)
    # Text stored before control characters were refused must not make the letter fail.
    run = paragraph.add_run(xml_safe(text))
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def render_docx(letter: Letter) -> bytes:
    document = Document()
    fonts.style_docx(document)
    _paragraph(document, letter.title, style="Title", indent=False)
    _paragraph(document, letter.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, f"{letter.recipient}：", indent=False)
    for text in letter.paragraphs:
        _paragraph(document, text)
    if letter.legal_basis:
        _paragraph(document, f"依据：{letter.legal_basis}")
    if letter.closing:
        _paragraph(document, letter.closing)
    _paragraph(document, SEAL_MARK, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, letter.sender, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, chinese_date(letter.dated), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    for note in letter.notes:
        _paragraph(document, note, size=12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
body {{ font-family: {fonts.TEXT.css}; font-size: 16pt; line-height: 28pt; }}
h1 {{ font-family: {fonts.TITLE.css}; font-size: 22pt; text-align: center; font-weight: normal; margin: 0 0 12pt; }}
p {{ margin: 0; text-indent: 2em; }}
p.number {{ text-align: center; text-indent: 0; }}
p.recipient {{ text-indent: 0; }}
p.sign {{ text-align: right; text-indent: 0; }}
p.seal {{ color: #c00; padding-right: 2em; }}
p.note {{ font-size: 12pt; line-height: 20pt; }}
"""


def letter_html(letter: Letter) -> str:
    e = html.escape
    body = [f"<h1>{e(letter.title)}</h1>", f'<p class="number">{e(letter.number)}</p>']
    body.append(f'<p class="recipient">{e(letter.recipient)}：</p>')
    body += [f"<p>{e(text)}</p>" for text in letter.paragraphs]
    if letter.legal_basis:
        body.append(f"<p>依据：{e(letter.legal_basis)}</p>")
    if letter.closing:
        body.append(f"<p>{e(letter.closing)}</p>")
    body.append(f'<p class="sign seal">{e(SEAL_MARK)}</p>')
    body.append(f'<p class="sign">{e(letter.sender)}</p>')
    body.append(f'<p class="sign">{e(chinese_date(letter.dated))}</p>')
    body += [f'<p class="note">{e(note)}</p>' for note in letter.notes]
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{e(letter.title)}</title>'
        f"<style>{PDF_CSS}</style></head><body>{''.join(body)}</body></html>"
    )


def render_pdf(letter: Letter) -> bytes:
    return fonts.html_to_pdf(xml_safe(letter_html(letter)))
