"""The case file (案卷): attachments kept for the body's staff only, and the 案卷 PDF and zip."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gongkai.applications.case_file import attachment_add
from gongkai.applications.demo import REQUESTS, _demo_png, load_demo_cases
from gongkai.applications.dossier import dossier_pdf, dossier_zip
from gongkai.applications.models import Application, CaseAttachment
from gongkai.common.services import ServiceError


@pytest.fixture
def demo_case(cast, weasyprint_available, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    load_demo_cases()  # the quick start's cases (load_demo also loads a year of annual reports)
    return Application.objects.get(status="answered", information_requested=REQUESTS[1])  # the partial answer


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_dossier_of_a_demo_case_holds_every_letter_and_lists_every_attachment(cast, demo_case):
    docx = ("第三方意见.docx", _docx_bytes())
    attachment_add(
        actor=cast.clerk,
        application=demo_case,
        kind="third_party_reply",
        files=[docx],
        today=timezone.localdate(),
    )
    letters = list(demo_case.letters.all())
    attachments = list(demo_case.attachments.all())
    assert len(letters) == 1 and len(attachments) == 3  # the 答复书; scan, receipt, reply
    data = dossier_pdf(demo_case, today=timezone.localdate())
    text = pdf_text(data)
    for heading in ("政府信息公开申请办理案卷", "目录", "办理时限说明", "办理过程", "案卷材料清单"):
        assert heading in text
    for letter in letters:
        assert text.count(letter.number) >= 2, letter.number  # in the index and on the letter itself
        assert letter.text.splitlines()[-2][:10] in text  # the letter's own last lines, as issued
    for attachment in attachments:
        assert attachment.name in text
    assert "中标单位的银行账户信息" in text  # the answer's wording, from the archived letter
    assert "政府信息公开申请表" in text  # the scanned PDF's own page is included
    assert "原件见压缩包" in text  # the docx cannot be drawn, and says where it is
    reader = PdfReader(io.BytesIO(data))
    assert any("/XObject" in (page.get("/Resources") or {}) for page in reader.pages)  # the receipt image
    # The index's page numbers point at the pages: the answer's number is on the page it names.
    answer = demo_case.letters.get(kind="answer")
    index_line = next(line for line in text.splitlines() if answer.number in line and "文书" in line)
    page = int(index_line.split()[-1])
    assert answer.number in reader.pages[page - 1].extract_text()


def test_the_zip_holds_the_originals(cast, demo_case):
    data = dossier_zip(demo_case, today=timezone.localdate())
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    for letter in demo_case.letters.all():
        assert f"文书/{letter.number}.pdf" in names and f"文书/{letter.number}.docx" in names
    receipt = next(n for n in names if n.endswith("EMS回执.png"))
    assert archive.read(receipt) == _demo_png()
    assert f"{demo_case.number}-案卷.pdf" in names


def _docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("不同意公开。")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(range(256)) * 4, "不是可识别的文档"),
        ("扫描.pdf", b"<html><body>error page</body></html>", "不是可识别的文档"),
        ("空.pdf", b"", "是空文件"),
        ("../../etc/passwd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (21 * 1024 * 1024), "超过20MB"),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_kept(cast, demo_case, name, data, message):
    before = CaseAttachment.objects.count()
    with pytest.raises(ServiceError, match=message):
        attachment_add(
            actor=cast.clerk,
            application=demo_case,
            kind="supplement",
            files=[(name, data)],
            today=timezone.localdate(),
        )
    assert CaseAttachment.objects.count() == before


def test_bad_kind_note_and_count_are_named(cast, demo_case):
    png = ("a.png", _demo_png())
    with pytest.raises(ServiceError) as caught:
        attachment_add(
            actor=cast.clerk,
            application=demo_case,
            kind="secret",
            files=[png] * 11,
            note="x\x00" * 150,
            today=timezone.localdate(),
        )
    joined = "".join(caught.value.messages)
    assert "“材料类别”" in joined and "“说明”" in joined and "最多10个" in joined


def test_a_path_in_the_file_name_is_dropped(cast, demo_case):
    (kept,) = attachment_add(
        actor=cast.clerk,
        application=demo_case,
        kind="identity_copy",
        files=[("C:\\Users\\x\\..\\身份证.png", _demo_png())],
        today=timezone.localdate(),
    )
    assert kept.name == "身份证.png" and kept.file_type == "png"
    assert ".." not in kept.file.name


def test_only_the_bodys_staff_see_the_case_file(cast, demo_case, client):
    code, pk = demo_case.body.code, demo_case.pk
    attachment = demo_case.attachments.first()
    urls = [
        reverse("case-file-download", args=[code, pk, attachment.pk]),
        reverse("dossier-download", args=[code, pk, "zip"]),
        reverse("dossier-download", args=[code, pk, "pdf"]),
    ]
    for user in (cast.inspector, cast.outsider):  # the inspector may read the case, not its file
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        upload = client.post(reverse("case-file-upload", args=[code, pk]), {"attach-kind": "other"})
        assert upload.status_code == 403
    client.force_login(cast.inspector)
    page = client.get(reverse("application-detail", args=[code, pk]))
    assert page.status_code == 200 and "案卷材料" not in page.content.decode()
    client.force_login(cast.secrecy)  # the body's own staff read it, but only handling staff add to it
    response = client.get(urls[0])
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "添加案卷材料" not in client.get(reverse("application-detail", args=[code, pk])).content.decode()
    assert client.get(reverse("dossier-download", args=[code, pk, "exe"])).status_code == 404


def test_upload_through_the_case_page(cast, demo_case, client):
    client.force_login(cast.clerk)
    url = reverse("case-file-upload", args=[demo_case.body.code, demo_case.pk])
    png = io.BytesIO(_demo_png())
    png.name = "补正材料.png"
    response = client.post(url, {"attach-kind": "supplement", "attach-files": [png], "attach-note": "补正"})
    assert response.status_code == 302
    assert demo_case.attachments.filter(name="补正材料.png", kind="supplement").exists()
    page = client.get(
        reverse("application-detail", args=[demo_case.body.code, demo_case.pk])
    ).content.decode()
    assert "补正材料.png" in page and "下载案卷 PDF" in page
    fake = io.BytesIO(b"MZ" + bytes(300))
    fake.name = "病毒.pdf"
    kept = demo_case.attachments.count()
    # Each refusal is the case page again, the 案卷 form open with the error in it (no dead end).
    for data, error in [
        ({"attach-kind": "supplement", "attach-files": [fake]}, "不是可识别的文档"),
        ({"attach-kind": "nonsense"}, "nonsense 不在可用的选项中"),
        ({"attach-kind": "other"}, "请选择文件（pdf、jpg、png、docx，每个不超过20MB）。"),
    ]:
        refused = client.post(url, data)
        section = refused.content.decode().split('id="case-file-heading"')[1].split("</section>")[0]
        assert refused.status_code == 400 and "<details open>" in section and error in section, data
    assert demo_case.attachments.count() == kept
