"""Uploads are bounded before they are read, and a refused or failed batch leaves no stored file."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage

from gongkai.core.reports.tests import builders
from gongkai.jobs.models import Job
from gongkai.supervision.models import AuditBatch, AuditedFile
from gongkai.supervision.tests.hostile import many_page_pdf, zip_of_many
from gongkai.supervision.tests.test_uploads import upload


def stored_files(folder: str = "") -> list[str]:
    if not default_storage.exists(folder or "."):
        return []
    folders, files = default_storage.listdir(folder)
    return files + [f for sub in folders for f in stored_files(f"{folder}{sub}/")]


def good_report(seed: int = 0) -> bytes:
    return builders.build_html(builders.report_blocks(seed=seed, year=2023, org="示范区东湖街道办事处"))


def zip_with_a_broken_second_member() -> bytes:
    """Its directory is sound; the second member's bytes fail their CRC only when read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.html", good_report())
        archive.writestr("b.html", b"<html><body>" + b"x" * 5000 + b"</body></html>")
    data = bytearray(buffer.getvalue())
    data[data.rindex(b"x" * 100)] ^= 0xFF
    return bytes(data)


def test_a_zip_refused_part_way_leaves_no_row_and_no_file(client, cast):
    client.force_login(cast.inspector)
    response = upload(
        client, cast, ("ok.html", good_report(1)), ("batch.zip", zip_with_a_broken_second_member())
    )
    # The zip's directory is sound, so the request queues it; the worker finds the bad member.
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.attempts == 1 and "batch.zip" in job.error
    assert "batch.zip" in client.get(response["Location"]).content.decode()
    assert AuditBatch.objects.count() == AuditedFile.objects.count() == 0
    assert stored_files() == []


def test_an_error_in_the_request_after_the_files_are_kept_removes_them(client, cast, monkeypatch):
    def audit_log_fails(**kwargs):
        raise RuntimeError("audit log unavailable")

    # The last step of the request, after the uploads have been kept for the worker, fails.
    monkeypatch.setattr("gongkai.supervision.services.audit_record", audit_log_fails)  # under audit_batch
    client.force_login(cast.inspector)
    client.raise_request_exception = False
    response = upload(client, cast, ("a.html", good_report(0)), ("b.html", good_report(1)))
    assert response.status_code == 500
    assert AuditBatch.objects.count() == 0 and Job.objects.count() == 0 and stored_files() == []


def test_a_request_larger_than_the_cap_is_refused_before_it_is_read(client, cast, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(cast.inspector)
    response = upload(client, cast, ("big.html", b"<p>" + b"0" * (2 * 1024 * 1024)))
    assert response.status_code == 413
    page = response.content.decode()
    assert "上传内容过大" in page and "上限" in page and "1 MB" in page
    assert AuditBatch.objects.count() == 0 and stored_files() == []


def test_a_large_file_named_zip_is_checked_as_what_it_is(client, cast):
    client.force_login(cast.inspector)
    response = upload(client, cast, ("x.zip", b"0" * (31 * 1024 * 1024)))
    assert response.status_code == 400 and "x.zip：文件过大" in response.content.decode()
    assert AuditBatch.objects.count() == 0


def test_many_compressible_members_are_refused_from_the_zip_directory(client, cast):
    client.force_login(cast.inspector)
    response = upload(client, cast, ("many.zip", zip_of_many(20, 1024 * 1024)))
    assert response.status_code == 400 and "压缩比异常" in response.content.decode()
    assert AuditBatch.objects.count() == 0 and stored_files() == []


@pytest.mark.parametrize(("pages", "refused"), [(3, False), (4, True)])
def test_a_report_pdf_over_the_page_cap_is_not_read(client, cast, settings, pages, refused):
    settings.MAX_REPORT_PAGES = 3
    client.force_login(cast.inspector)
    response = upload(client, cast, ("长.pdf", many_page_pdf(pages)))
    assert response.status_code == 302
    error = AuditedFile.objects.get().result["error"]
    assert ("长.pdf：PDF共4页，超过3页的上限，未读取。" == error) is refused
