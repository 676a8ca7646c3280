"""Hostile and malformed input to the publishing pages: clear Chinese refusals, nothing half written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.publishing import services
from gongkai.publishing.models import Attachment, Publication
from gongkai.publishing.tests.helpers import TODAY, docx_bytes, draft


@pytest.fixture
def item(cast):
    return draft(cast, text="正文。")


def upload(client, cast, publication, name, data):
    return client.post(
        f"/bodies/{cast.body.code}/publishing/{publication.pk}/attachments/",
        {"file": SimpleUploadedFile(name, data)},
    )


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4, "不是可识别的文档"),
        ("名单.pdf", b"MZ\x90\x00" + bytes(range(256)) * 4, "不是可识别的文档"),
        ("名单.docx", b"PK\x03\x04broken" + bytes(200), "不是可识别的文档"),
        ("压缩包.docx", zip_bomb(), "超过50MB上限"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Word/Excel"),
        ("空.txt", b"   ", "文件为空"),
    ],
    ids=["exe", "exe-named-pdf", "broken-zip", "zip-bomb", "old-doc", "empty"],
)
def test_bad_uploads_are_refused_in_chinese(client, cast, item, name, data, message):
    publication, _ = item
    client.force_login(cast.clerk)
    before = AuditEntry.objects.count()
    response = upload(client, cast, publication, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists() and AuditEntry.objects.count() == before


def test_an_oversized_file_is_refused_before_reading(cast, item):
    _, version = item
    with pytest.raises(ServiceError, match="超过20MB"):
        services.attachment_add(
            actor=cast.clerk, version=version, name="大.txt", data=b"a" * (20 * 1024 * 1024 + 1), today=TODAY
        )


def test_a_mislabelled_file_is_taken_for_what_it_is(client, cast, item):
    publication, version = item
    client.force_login(cast.clerk)
    html = "<html><body><p>低保名单</p></body></html>".encode()
    assert upload(client, cast, publication, "名单.pdf", html).status_code == 302
    assert (
        upload(client, cast, publication, "../../etc/名单.txt", docx_bytes("其实是Word")).status_code == 302
    )
    first, second = version.attachments.order_by("id")
    assert (first.file_type, first.text) == ("html", "低保名单")
    assert (second.name, second.file_type) == ("名单.txt", "docx")
    assert "/etc/" not in second.original.name


def test_script_in_a_title_is_shown_escaped(client, cast):
    publication, _ = draft(cast, title='<script>alert("x")</script>低保')
    client.force_login(cast.reviewer)
    for path in (f"/bodies/donghu/publishing/{publication.pk}/", "/bodies/donghu/publishing/"):
        content = client.get(path).content.decode()
        assert "<script>alert" not in content
        assert "&lt;script&gt;alert" in content


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/donghu/publishing/999999/",
        "/bodies/donghu/publishing/999999/edit/",
        "/bodies/donghu/publishing/catalogue/999999/edit/",
        "/bodies/nowhere/publishing/",
    ],
)
def test_unknown_ids_answer_404(client, cast, item, path):
    client.force_login(cast.superuser)
    assert client.get(path).status_code == 404


def test_an_item_of_another_body_is_not_found_under_mine(client, cast, item):
    publication, _ = item
    client.force_login(cast.superuser)
    assert client.get(f"/bodies/czj/publishing/{publication.pk}/").status_code == 404


def test_double_submit_is_refused_the_second_time(client, cast, item):
    publication, version = item
    client.force_login(cast.clerk)
    path = f"/bodies/donghu/publishing/{publication.pk}/do/submit/"
    assert client.post(path).status_code == 302
    second = client.post(path)
    assert second.status_code == 400 and "只有草稿可以提交审核" in second.content.decode()
    assert AuditEntry.objects.filter(action="publishing.submit").count() == 1


def test_a_bad_new_item_form_writes_nothing(client, cast, item):
    client.force_login(cast.clerk)
    before = Publication.objects.count()
    response = client.post(
        "/bodies/donghu/publishing/new/",
        {"column": "999999", "kind": "secret", "title": "长" * 201, "formed_on": "2026-02-30"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "请输入有效日期" in content and "选择一个有效的选项" in content
    assert Publication.objects.count() == before


def test_an_index_rule_that_would_repeat_numbers_is_refused(client, cast, item):
    client.force_login(cast.admin)
    response = client.post("/bodies/donghu/publishing/index-rule/", {"rule": "{credit_code}-{column}"})
    assert response.status_code == 400
    assert "必须包含年份" in response.content.decode()


def test_attachments_download_as_files_never_rendered_as_pages(client, cast, item):
    publication, version = item
    script = "<html><body><script>alert(1)</script><p>通知</p></body></html>".encode()
    attachment = services.attachment_add(
        actor=cast.clerk, version=version, name="通知.html", data=script, today=TODAY
    )
    client.force_login(cast.inspector)
    base = f"/bodies/donghu/publishing/{publication.pk}/attachments/{attachment.pk}/"
    response = client.get(base + "original/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == script
    assert client.get(base + "published/").status_code == 404  # not signed yet
    assert client.get(base + "secret/").status_code == 404


def test_an_upload_over_the_limit_is_refused_by_the_page(client, cast, item):
    publication, _ = item
    client.force_login(cast.clerk)
    response = upload(client, cast, publication, "大.txt", b"a" * (20 * 1024 * 1024 + 1))
    assert response.status_code == 400 and "超过20MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_removed_attachment_leaves_no_file_behind(cast, item, django_capture_on_commit_callbacks):
    _, version = item
    attachment = services.attachment_add(
        actor=cast.clerk, version=version, name="a.txt", data="通知".encode(), today=TODAY
    )
    storage, name = attachment.original.storage, attachment.original.name
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(actor=cast.clerk, attachment=attachment, today=TODAY)
    assert not storage.exists(name)
