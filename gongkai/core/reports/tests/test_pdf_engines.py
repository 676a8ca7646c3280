"""PyMuPDF (the reader's engine) and pdfminer (the original) give the same document for every
PDF the tests build: the same lines, tables, cells, locations and warnings."""

from __future__ import annotations

import pytest
from pdfplumber.table import TableFinder

from gongkai.core.reports.readers import pdf
from gongkai.core.reports.readers.pdf_mupdf import MuPages
from gongkai.core.reports.readers.pdf_page import _EdgesOnly, find_tables
from gongkai.core.reports.tests import builders as b
from gongkai.core.reports.tests.test_readers_pdf import _needs_soffice

BUILT = {
    **{
        f"report-{seed}": (lambda seed=seed: b.build_pdf(b.report_blocks(seed=seed, year=2023)))
        for seed in range(6)
    },
    "repeat-header": lambda: b.build_pdf(b.report_blocks(seed=9), repeat_header=True),
    "running-header": lambda: b.build_pdf(
        b.report_blocks(seed=11), running_header="某某区人民政府办公室 政府信息公开年度报告"
    ),
    "table-on-new-page": lambda: b.build_pdf(b.report_blocks(seed=2), break_before_table=1),
    "text-only": lambda: b.build_pdf(["只有文字的报告"]),
    "scanned": lambda: b.build_scanned_pdf(pages=2),
    "mixed": b.build_mixed_pdf,
    "empty-password": b.build_empty_password_pdf,
}
CONVERTED = {
    "libreoffice-docx": lambda: b.convert_to_pdf(b.build_docx(b.report_blocks(seed=0))),
    "libreoffice-html": lambda: b.convert_to_pdf(
        b.build_html(["三、收到和处理政府信息公开申请情况", b.table2_spec()]), suffix=".html"
    ),
}


def _same(data: bytes) -> None:
    fast, original = pdf.read(data, "同.pdf"), pdf.read(data, "同.pdf", engine="pdfminer")
    assert (fast.pages, fast.has_text_layer, fast.warnings) == (
        original.pages,
        original.has_text_layer,
        original.warnings,
    )
    assert fast.blocks == original.blocks


@pytest.mark.parametrize("name", BUILT)
def test_both_engines_read_the_built_pdfs_alike(name):
    _same(BUILT[name]())


@pytest.mark.parametrize("name", CONVERTED)
def test_both_engines_read_office_pdfs_alike(name):
    _needs_soffice()
    _same(CONVERTED[name]())


def test_both_engines_refuse_a_password_protected_pdf_alike():
    data = b.build_encrypted_pdf(["机密"])
    messages = []
    for engine in ("mupdf", "pdfminer"):
        with pytest.raises(pdf.ReadError) as info:
            pdf.read(data, "密.pdf", engine=engine)
        messages.append(str(info.value))
    assert messages[0] == messages[1] == "密.pdf：PDF已加密，需要密码才能打开，无法读取。"


@pytest.mark.parametrize("name", ["report-0", "report-3", "repeat-header", "running-header"])
def test_the_fast_cell_search_finds_the_cells_pdfplumber_finds(name):
    pages = MuPages(BUILT[name]())
    for number in pages.pages:
        content = pages.content(number)
        expected = [table.cells for table in TableFinder(_EdgesOnly(content), {}).tables]  # type: ignore[arg-type]
        assert find_tables(content) == expected and expected
