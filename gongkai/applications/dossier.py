"""The 案卷 of a case, for a 复议 or 诉讼 答辩 and for archiving (文书档案): one PDF and a zip.

The PDF has a cover, an index, the explanation of the deadline, the timeline from the audit log,
every letter as issued (the archived PDF itself, page for page) and the list of attachments, with
the images and PDFs among them included; what cannot be drawn (a Word file) is listed and is in
the zip of originals. The zip holds the letters' PDF and DOCX files, the attachments as uploaded
and the 案卷 PDF itself.
"""

from __future__ import annotations

import base64
import html
import io
import zipfile
from dataclasses import dataclass
from datetime import date

from gongkai.applications.case_file import IMAGE_TYPES, attachments_of
from gongkai.applications.clock import clock_state
from gongkai.applications.models import Application, IssuedLetter
from gongkai.auditlog.models import AuditEntry
from gongkai.common.text import xml_safe
from gongkai.core.workcalendar import UnknownYearError
from gongkai.core.written_dates import chinese_date
from gongkai.documents import fonts

CSS = f"""
@page {{ size: A4; margin: 25mm 22mm; @bottom-center {{ content: counter(page); font-size: 10pt; }} }}
body {{ font-family: {fonts.TEXT.css}; font-size: 12pt; line-height: 20pt; }}
h1 {{ font-family: {fonts.TITLE.css}; font-size: 26pt; text-align: center; font-weight: normal; margin: 60mm 0 20mm; }}
h2 {{ font-family: {fonts.HEADING.css}; font-size: 15pt; font-weight: normal; margin: 14pt 0 8pt; }}
section {{ break-before: page; }}
table {{ border-collapse: collapse; width: 100%; }}
td.when, td.who {{ white-space: nowrap; }}
td.name {{ width: 45%; }}
td, th {{ border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; font-weight: normal; text-align: left; }}
dl.cover {{ margin: 0 20mm; font-size: 14pt; line-height: 26pt; }}
dl.cover dt {{ float: left; width: 30mm; }}
figure {{ break-before: page; margin: 0; }}
figure img {{ max-width: 100%; max-height: 220mm; }}
"""


@dataclass(frozen=True)
class Part:
    """A document appended after the 案卷's own pages, and its page count."""

    title: str
    data: bytes
    pages: int


def _pdf_pages(data: bytes) -> int | None:
    """The page count of a stored PDF, or None if it cannot be read (it is then only listed)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        return None


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _timeline(application: Application, letters: list[IssuedLetter]):
    """Every audit entry about the case, its letters, drafts and attachments, oldest first."""
    targets = {("applications.application", str(application.pk))}
    targets |= {("applications.issuedletter", str(letter.pk)) for letter in letters}
    targets |= {
        ("applications.answerdraft", str(pk)) for pk in application.drafts.values_list("pk", flat=True)
    }
    entries = AuditEntry.objects.filter(body=application.body, target_id__in={t for _, t in targets})
    return [e for e in entries.order_by("at", "id") if (e.target_type, e.target_id) in targets]


def _clock_lines(application: Application, today: date) -> list[str]:
    try:
        state = clock_state(application, today)
    except UnknownYearError as error:
        return [str(error)]
    return [*state.warnings, *state.explanation]


def _main_html(application, *, today, timeline, clock, letter_parts, attachment_rows, images, starts) -> str:
    e = html.escape
    version = application.body.version_on(today) or application.body.versions.first()
    cover = [
        f"<h1>政府信息公开申请办理案卷</h1><dl class='cover'>"
        f"<dt>机关</dt><dd>{e(version.name)}</dd>"
        f"<dt>申请编号</dt><dd>{e(application.number)}</dd>"
        f"<dt>申请人</dt><dd>{e(application.applicant_name)}</dd>"
        f"<dt>收到申请</dt><dd>{e(chinese_date(application.received_on))}</dd>"
        f"<dt>办理状态</dt><dd>{e(application.get_status_display())}</dd>"
        f"<dt>办理结果</dt><dd>{e(application.get_outcome_display() or '—')}</dd>"
        f"<dt>组卷日期</dt><dd>{e(chinese_date(today))}</dd></dl>"
    ]
    index = ["<section><h2>目录</h2><table><tr><th>序号</th><th>内容</th><th>页码</th></tr>"]
    rows = [("办理时限说明", starts.get("clock", "")), ("办理过程", starts.get("timeline", ""))]
    rows.append(("案卷材料清单", starts.get("attachments", "")))
    rows += [(f"文书：{part.title}", starts.get(("letter", i), "")) for i, part in enumerate(letter_parts)]
    rows += [
        (f"材料：{title}", starts.get(("attachment", key), "")) for key, title in attachment_rows["included"]
    ]
    index += [f"<tr><td>{i}</td><td>{e(t)}</td><td>{p}</td></tr>" for i, (t, p) in enumerate(rows, 1)]
    index.append("</table></section>")
    clock_part = ["<section id='clock'><h2>办理时限说明</h2><ol>"]
    clock_part += [f"<li>{e(line)}</li>" for line in clock] + ["</ol>"]
    clock_part.append("<h2>办理时限记录</h2><table><tr><th>日期</th><th>事项</th><th>说明</th></tr>")
    for event in application.clock_events.all():
        days = f"（{event.working_days}个工作日）" if event.working_days else ""
        clock_part.append(
            f"<tr><td>{event.on:%Y-%m-%d}</td><td>{e(event.get_kind_display())}{days}</td><td>{e(event.note)}</td></tr>"
        )
    clock_part.append("</table></section>")
    steps = [
        "<section id='timeline'><h2>办理过程</h2><table><tr><th>时间</th><th>操作人</th><th>事项</th></tr>"
    ]
    steps += [
        f"<tr><td class='when'>{entry.at:%Y-%m-%d %H:%M}</td><td class='who'>{e(entry.actor_name or '系统')}</td><td>{e(entry.summary)}</td></tr>"
        for entry in timeline
    ]
    steps.append("</table></section>")
    listing = ["<section id='attachments'><h2>案卷材料清单</h2><table>"]
    listing.append(
        "<tr><th>序号</th><th>类别</th><th>文件名</th><th>大小</th><th>上传</th><th>说明</th></tr>"
    )
    for i, (attachment, where) in enumerate(attachment_rows["all"], 1):
        listing.append(
            f"<tr><td>{i}</td><td>{e(attachment.get_kind_display())}</td><td class='name'>{e(attachment.name)}</td>"
            f"<td class='when'>{attachment.size // 1024 + 1} KB</td><td class='when'>{attachment.uploaded_at:%Y-%m-%d}</td><td class='when'>{e(where)}</td></tr>"
        )
    if not attachment_rows["all"]:
        listing.append("<tr><td colspan='6'>本案卷无上传材料。</td></tr>")
    listing.append("</table></section>")
    figures = [
        f"<figure id='a{a.pk}'><figcaption>{e(a.get_kind_display())}：{e(a.name)}</figcaption>"
        f"<img src='data:{IMAGE_TYPES[a.file_type]};base64,{base64.b64encode(data).decode()}'></figure>"
        for a, data in images
    ]
    return (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{e(application.number)} 案卷</title><style>{CSS}</style></head><body>"
        + "".join(cover + index + clock_part + steps + listing + figures)
        + "</body></html>"
    )


def dossier_pdf(application: Application, *, today: date) -> bytes:
    """The whole 案卷 as one PDF (see the module's docstring for what it holds, in what order)."""
    from pypdf import PdfReader, PdfWriter

    letters = list(application.letters.all())
    attachments = attachments_of(application)
    letter_parts = []
    for letter in letters:
        data = _read(letter.pdf)
        letter_parts.append(Part(f"{letter.get_kind_display()} {letter.number}", data, _pdf_pages(data) or 0))
    images, pdfs, rows = [], [], []
    for attachment in attachments:
        data = _read(attachment.file)
        pages = _pdf_pages(data) if attachment.file_type == "pdf" else None
        if attachment.file_type in IMAGE_TYPES:
            images.append((attachment, data))
            rows.append((attachment, "见本案卷"))
        elif pages:
            pdfs.append((attachment, Part(attachment.name, data, pages)))
            rows.append((attachment, "见本案卷"))
        else:
            rows.append((attachment, "原件见压缩包"))
    included = [(a.pk, f"{a.get_kind_display()} {a.name}") for a, _ in images]
    included += [(a.pk, f"{a.get_kind_display()} {a.name}") for a, _ in pdfs]
    context = {
        "today": today,
        "timeline": _timeline(application, letters),
        "clock": _clock_lines(application, today),
        "letter_parts": letter_parts,
        "attachment_rows": {"all": rows, "included": included},
        "images": images,
    }
    # Page numbers in the index: the 案卷's own pages first, then each appended document. The
    # index is drawn once to count its pages, and again with the numbers (the same length of text).
    starts: dict = {}
    for _ in range(3):
        document = fonts.html_to_document(xml_safe(_main_html(application, starts=starts, **context)))
        found = _starts(document, letter_parts, images, pdfs)
        if found == starts:
            break
        starts = found
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(document.write_pdf())))
    for part in [*letter_parts, *(p for _, p in pdfs)]:
        if part.pages:
            writer.append(PdfReader(io.BytesIO(part.data)))
    writer.add_metadata({"/Title": f"{application.number} 政府信息公开申请办理案卷"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _starts(document, letter_parts, images, pdfs) -> dict:
    """The first page of each part: anchors for the 案卷's own sections, counts for the rest."""
    starts: dict = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            key = {"clock": "clock", "timeline": "timeline", "attachments": "attachments"}.get(anchor)
            if key is None and anchor.startswith("a") and anchor[1:].isdigit():
                key = ("attachment", int(anchor[1:]))
            if key is not None:
                starts.setdefault(key, number)
    next_page = len(document.pages) + 1
    for i, part in enumerate(letter_parts):
        starts[("letter", i)] = next_page if part.pages else "（无法读取）"
        next_page += part.pages
    for attachment, part in pdfs:
        starts[("attachment", attachment.pk)] = next_page
        next_page += part.pages
    return starts


def dossier_zip(application: Application, *, today: date) -> bytes:
    """The originals: letters (PDF and DOCX), attachments as uploaded, and the 案卷 PDF."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{application.number}-案卷.pdf", dossier_pdf(application, today=today))
        for letter in application.letters.all():
            for ext, field in (("pdf", letter.pdf), ("docx", letter.docx)):
                archive.writestr(f"文书/{letter.number}.{ext}", _read(field))
        for i, attachment in enumerate(attachments_of(application), 1):
            archive.writestr(
                f"材料/{i:02d}-{attachment.get_kind_display()}-{attachment.name}", _read(attachment.file)
            )
    return buffer.getvalue()
