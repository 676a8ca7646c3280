"""Building blocks of the publishing tests: a catalogue, a draft, attachments of each type."""

from __future__ import annotations

import io
from datetime import date

from gongkai.core.identity import id_check_character
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueNode

TODAY = date(2026, 10, 9)
FIRST_SEVENTEEN = "44030519850312123"
RESIDENT_ID = FIRST_SEVENTEEN + id_check_character(FIRST_SEVENTEEN)
MOBILE = "13912345678"


def install_catalogue(body, admin):
    if not CatalogueNode.objects.filter(body=body).exists():
        services.catalogue_install_default(actor=admin, body=body, today=TODAY)
    return CatalogueNode.objects.filter(body=body)


def draft(cast, *, column="dibao", kind="other", text="", title="关于2026年9月城乡低保发放情况的公示"):
    catalogue = install_catalogue(cast.body, cast.admin)
    publication = services.publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=catalogue.get(code=column),
        kind=kind,
        details={"title": title, "issuer": "东湖街道办事处", "formed_on": date(2026, 9, 25), "text": text},
        today=TODAY,
    )
    return publication, publication.versions.get()


def docx_bytes(*paragraphs: str, cell: str = "") -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell:
        document.add_table(rows=1, cols=2).cell(0, 1).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(*rows) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pdf_bytes(*lines: str) -> bytes:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    for index, line in enumerate(lines):
        page.insert_text((50, 72 + 28 * index), line, fontname="china-s")
    return document.tobytes()


def through_review(cast, version, *, mask_all=True):
    """Submit (unless done), resolve every hit by masking, review, clear and sign."""
    version.refresh_from_db()
    if version.status == "draft":
        services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    if mask_all:
        for hit in version.hits.all():
            services.hit_resolve(actor=cast.reviewer, hit=hit, resolution="masked", today=TODAY)
    services.version_review(actor=cast.reviewer, version=version, today=TODAY)
    services.version_secrecy_clear(actor=cast.secrecy, version=version, today=TODAY)
    return services.version_sign(actor=cast.head, version=version, today=TODAY)
