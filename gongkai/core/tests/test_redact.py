"""Redaction really removes the values: each result is read back with the project's readers."""

import io

import pytest

from gongkai.core.identity import id_check_character
from gongkai.core.redact import RedactionError, document_text, redact
from gongkai.core.reports.readers import read_bytes

FIRST = "11010519800101001"
RESIDENT_ID = FIRST + id_check_character(FIRST)
MOBILE = "13912345678"
VALUES = [RESIDENT_ID, MOBILE]


def extracted(data: bytes, name: str) -> str:
    return document_text(read_bytes(data, name))


def assert_gone_and_kept(data: bytes, name: str, kept: list[str]) -> str:
    text = extracted(data, name)
    for value in VALUES:
        assert value not in text
    for words in kept:
        assert words in text
    return text


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("申请人张三，身份证号码")
    # The number split over three runs, as Word does after an edit.
    paragraph.add_run(RESIDENT_ID[:6])
    paragraph.add_run(RESIDENT_ID[6:14]).bold = True
    paragraph.add_run(RESIDENT_ID[14:] + "，已审核。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "联系电话"
    table.cell(0, 1).text = MOBILE
    table.cell(1, 0).text = "金额"
    table.cell(1, 1).text = "800元"
    document.sections[0].header.paragraphs[0].text = f"经办人电话 {MOBILE}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_values_are_removed_from_runs_tables_and_headers():
    import docx

    result = redact(make_docx(), "docx", VALUES)
    assert_gone_and_kept(result, "a.docx", ["申请人张三，身份证号码", "已审核", "联系电话", "800元"])
    document = docx.Document(io.BytesIO(result))
    assert MOBILE not in document.sections[0].header.paragraphs[0].text
    assert "经办人电话" in document.sections[0].header.paragraphs[0].text
    assert document.paragraphs[0].runs[2].bold  # formatting kept


def test_xlsx_text_and_number_cells_are_rewritten():
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号码", "电话", "金额"])
    sheet.append(["李四", RESIDENT_ID, int(MOBILE), 650])
    out = io.BytesIO()
    workbook.save(out)
    result = redact(out.getvalue(), "xlsx", VALUES)
    assert_gone_and_kept(result, "a.xlsx", ["李四", "650", "身份证号码"])


def make_pdf() -> bytes:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((50, 72), f"身份证号码 {RESIDENT_ID} 城乡低保", fontname="china-s")
    page.insert_text((50, 100), f"联系电话 {MOBILE} 东湖街道", fontname="china-s")
    return document.tobytes()


def test_pdf_text_is_truly_redacted():
    result = redact(make_pdf(), "pdf", VALUES)
    assert_gone_and_kept(result, "a.pdf", ["城乡低保", "东湖街道", "联系电话"])
    assert RESIDENT_ID.encode() not in result


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_text_keeps_its_encoding(encoding):
    data = f"低保名单\n张三 {RESIDENT_ID} {MOBILE}\n".encode(encoding)
    result = redact(data, "text", VALUES)
    text = assert_gone_and_kept(result, "a.txt", ["低保名单", "张三"])
    assert "＊" * 18 in text
    assert result.decode(encoding)


def test_html_is_masked():
    data = f"<html><body><p>电话：{MOBILE}</p><p>身份证：{RESIDENT_ID}</p></body></html>".encode()
    assert_gone_and_kept(redact(data, "html", VALUES), "a.html", ["电话", "身份证"])


def test_a_value_the_redaction_cannot_reach_is_an_error_not_a_leak():
    # Split by markup, the string replacement misses it, and the read-back check notices.
    data = f"<html><body><p>{MOBILE[:5]}<b>{MOBILE[5:]}</b></p></body></html>".encode()
    with pytest.raises(RedactionError, match="未能从文件中完全删除"):
        redact(data, "html", [MOBILE])


def test_nothing_to_remove_returns_the_file_and_unknown_types_are_refused():
    assert redact(b"abc", "text", []) == b"abc"
    with pytest.raises(RedactionError, match="不支持"):
        redact(b"abc", "zip", [MOBILE])


def test_docx_header_footer_and_text_box_values_are_removed_from_every_copy_in_the_file():
    import zipfile

    from gongkai.core.reports.tests.builders import build_margins_docx

    email = "zhang.san@example.com"
    data = build_margins_docx(
        header=f"身份证号码 {RESIDENT_ID}", footer=f"联系电话 {MOBILE}", box=f"邮箱 {email}"
    )
    result = redact(data, "docx", [*VALUES, email])
    text = extracted(result, "a.docx")
    assert f"身份证号码 {'＊' * 18}" in text
    assert f"联系电话 {'＊' * 11}" in text
    assert f"邮箱 {'＊' * len(email)}" in text
    assert "东湖街道办事处" in text and "咨询方式" in text
    with zipfile.ZipFile(io.BytesIO(result)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    # No reader reads the text box's VML fallback copy, so look at the raw XML of every part.
    for value in (RESIDENT_ID, MOBILE, email):
        assert value.encode() not in xml
    assert xml.count("邮箱 ".encode() + "＊".encode() * len(email)) == 2  # the box and its fallback copy


def test_docx_link_targets_behind_a_masked_address_are_masked_too():
    import zipfile

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    email = "zhang.san@example.com"
    document = docx.Document()
    paragraph = document.add_paragraph("来信请寄：")
    rid = paragraph.part.relate_to(f"mailto:{email}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>{email}</w:t></w:r></w:hyperlink>'
        )
    )
    document.add_paragraph("网站：https://www.example.gov.cn/")
    out = io.BytesIO()
    document.save(out)
    result = redact(out.getvalue(), "docx", [email])
    assert "来信请寄：" + "＊" * len(email) in extracted(result, "a.docx")
    with zipfile.ZipFile(io.BytesIO(result)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert email not in rels and f'Target="mailto:{"＊" * len(email)}"' in rels
        assert archive.testzip() is None
    reopened = docx.Document(io.BytesIO(result))  # still a document Word and python-docx open
    assert reopened.paragraphs[0].hyperlinks[0].text == "＊" * len(email)


# The draft: an ID number with a wrong check digit, a name, a fixed line and an address.
PERSON = "张伟，身份证号440301198502153216，电话027-87654321，住东湖路12号3栋2单元501室"
NEW_KINDS = {"person_name", "resident_id_mistyped", "fixed_line", "address"}


def scanned_values(data: bytes, name: str) -> list[str]:
    from gongkai.core.sensitive import scan_document

    hits = [located.hit for located in scan_document(read_bytes(data, name))]
    assert {hit.kind.value for hit in hits} == NEW_KINDS
    return [hit.value for hit in hits]


def person_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("城乡低保申请人名单")
    paragraph = document.add_paragraph(PERSON[:10])
    paragraph.add_run(PERSON[10:30]).bold = True  # the number split over two runs
    paragraph.add_run(PERSON[30:])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def person_pdf() -> bytes:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((40, 72), "城乡低保申请人名单", fontname="china-s")
    page.insert_text((40, 100), PERSON, fontname="china-s", fontsize=9)
    return document.tobytes()


@pytest.mark.parametrize(("name", "make"), [("名单.docx", person_docx), ("名单.pdf", person_pdf)])
def test_the_new_kinds_are_masked_in_docx_and_pdf(name, make):
    from gongkai.core.sensitive import scan_text

    data = make()
    values = scanned_values(data, name)
    result = redact(data, name.rsplit(".", 1)[1], values, name)
    text = extracted(result, name)
    for value in values:
        assert value not in text
    assert "城乡低保申请人名单" in text and scan_text(text) == []
