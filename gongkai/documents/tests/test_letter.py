"""Letters are real DOCX and PDF files: opened again and their text compared."""

import io
import shutil
from datetime import date

import pdfplumber
from docx import Document

from gongkai.documents import fonts
from gongkai.documents.inspect import docx_font_table, docx_fonts, pdf_fonts, pdf_glyph_problems
from gongkai.documents.letter import Letter, render_docx, render_pdf

STAND_INS = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": None}
LETTER = Letter(
    title="政府信息公开申请补正告知书",
    number="东湖依申补〔2026〕3号",
    recipient="张三",
    paragraphs=(
        "本机关于2026年3月2日收到您提出的政府信息公开申请。",
        "请于收到本告知书之日起15个工作日内补正。",
    ),
    sender="示范区东湖街道办事处",
    dated=date(2026, 3, 4),
    legal_basis="《中华人民共和国政府信息公开条例》第三十条",
    notes=("联系电话：0755-8000 2000",),
)


def test_docx_holds_the_letter_in_order_with_cjk_fonts():
    document = Document(io.BytesIO(render_docx(LETTER)))
    texts = [p.text for p in document.paragraphs]
    assert texts == LETTER.plain_text().split("\n")
    title, *rest = document.paragraphs
    # GB/T 9704: the title in 小标宋, everything else in 仿宋; digits and Latin in Times New Roman.
    assert docx_fonts(title) == "方正小标宋简体"
    assert {docx_fonts(p) for p in rest} == {"仿宋_GB2312"}
    assert {docx_fonts(p, script) for p in document.paragraphs for script in ("ascii", "hAnsi")} == {
        "Times New Roman"
    }
    assert title.style.font.size.pt == 22 and rest[0].style.font.size.pt == 16
    # Where the _GB2312 faces are not installed, Word and WPS take the face Windows ships.
    assert docx_font_table(document) | STAND_INS == docx_font_table(document)


def test_pdf_renders_chinese_with_embedded_fonts(weasyprint_available):
    data = render_pdf(LETTER)
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace(" ", "").replace("\n", "")
    for expected in ("政府信息公开申请补正告知书", "东湖依申补〔2026〕3号", "第三十条", "2026年3月4日"):
        assert expected in text
    fonts = pdf_fonts(data)
    # The bundled Simplified-Chinese serif, subset, with its font program inside the file.
    assert {name.split("+", 1)[1] for name in fonts} == {"Noto-Serif-SC-Bundled"}
    assert all(fonts.values()), fonts


def test_markup_in_data_is_text_not_html(weasyprint_available):
    hostile = Letter(**{**LETTER.__dict__, "recipient": "<b>张三</b><script>x</script>"})
    with pdfplumber.open(io.BytesIO(render_pdf(hostile))) as pdf:
        text = pdf.pages[0].extract_text()
    assert "<script>" in text.replace(" ", "")


def test_a_worker_whose_font_copies_were_cleaned_away_still_draws_in_the_bundled_fonts(weasyprint_available):
    from gongkai.documents.tests.test_report_tables import rendered

    render_pdf(LETTER)  # the serif copy is opened; the sans copy waits for a report's headings
    shutil.rmtree(fonts._per_thread.faces[0]._folder)  # as a cleaner of /tmp does in a long-lived worker
    bundled = {family.replace(" ", "-"): path for family, path in fonts.BUNDLED_FILES.items()}
    report = rendered("2021", "pdf")
    assert pdf_glyph_problems(report, bundled) == []
    assert {name.split("+", 1)[1] for name in pdf_fonts(report)} == {
        "Noto-Serif-SC-Bundled",
        "Noto-Sans-SC-Bundled",
    }
