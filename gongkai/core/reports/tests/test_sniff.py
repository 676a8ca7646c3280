"""Sniffing a file's kind from its bytes, charset declarations and the zip guard."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from gongkai.core.reports.readers import ReadError, read_bytes
from gongkai.core.reports.readers.sniff import OLE2_MAGIC, declared_charset, open_zip, sniff
from gongkai.core.reports.tests import builders as b

REPORT = b.report_blocks(seed=1)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b.build_pdf(["年报"]), "pdf"),
        (b"\r\n  %PDF-1.4\n", "pdf"),
        (b.build_docx(["年报"]), "docx"),
        (b.build_xlsx([("表", [[b.C("a")]])]), "xlsx"),
        (b.build_word_html(REPORT), "html"),
        (b.build_html(REPORT, encoding="gbk"), "html"),
        ("<!-- 来自CMS --><div>年报</div>".encode(), "html"),
        ("<p>一、总体情况</p>".encode("gbk"), "html"),
        ("\ufeff<html><body>年报</body></html>".encode("utf-8"), "html"),
        ("一、总体情况\n本年度……\n".encode("gb18030"), "text"),
        ("一、总体情况".encode("utf-16"), "text"),
        (b"", "empty"),
        (b"  \n\t", "empty"),
        (OLE2_MAGIC + bytes(504), "doc-or-xls"),
        (b'<?xml version="1.0"?><w:wordDocument xmlns:w="x"></w:wordDocument>', "wordml"),
        (bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04" + os.urandom(200), "binary"),
        ("<html><body><p>政府信息公开".encode("gbk")[:-1] + b"\x01</p></body></html>", "html"),
    ],
    ids=[
        "pdf",
        "pdf-after-whitespace",
        "docx",
        "xlsx",
        "word-html",
        "gbk-page",
        "comment-first",
        "fragment-gbk",
        "bom-html",
        "gb18030-text",
        "utf16-text",
        "empty",
        "blank",
        "ole2",
        "wordml",
        "binary",
        "broken-zip",
        "gbk-page-cut-mid-character",
    ],
)
def test_sniff(data, kind):
    assert sniff(data, "f") == kind


def test_plain_zip_is_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("readme.txt", "x")
    assert sniff(buf.getvalue(), "a.zip") == "zip"


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="gb2312">', "gb18030"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GBK'>", "gb18030"),
        (b'<meta http-equiv=Content-Type content="text/html; charset=utf-8">', "utf-8"),
        (b"<meta charset=big5>", "big5hkscs"),
        (b"<p>no meta</p>", None),
    ],
)
def test_declared_charset(head, codec):
    assert declared_charset(b"<html><head>" + head + b"</head>") == codec


def test_zip_guard_reads_sizes_from_the_directory():
    bomb = b.build_zip_bomb("docx", 60)
    assert len(bomb) < 200_000
    with pytest.raises(ReadError, match="^bomb.docx：解压后大小约60MB，超过50MB上限，拒绝读取。$"):
        open_zip(bomb, "bomb.docx")
    assert open_zip(b.build_docx(["小文件"]), "ok.docx").namelist()


def test_read_bytes_routes_by_content_not_name():
    doc = read_bytes(b.build_word_html(REPORT), "年报.doc")  # a .doc that is really Word HTML
    assert doc.kind == "html" and len(doc.tables()) == 3
    with pytest.raises(ReadError):
        read_bytes(b"", "empty.pdf")
    with pytest.raises(ReadError):
        read_bytes(os.urandom(4096), "random.bin")


def test_damaged_containers_through_read_bytes_never_raise_anything_but_read_error():
    for source in (b.build_docx(["正文"]), b.build_xlsx([("表", [[b.C("a")]])])):
        for damaged in b.mutations(source, count=60, seed=5):
            try:
                read_bytes(damaged, "损坏文件")
            except ReadError as error:
                assert str(error).startswith("损坏文件：")
