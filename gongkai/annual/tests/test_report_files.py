"""The public downloads of a published annual report: rendered once by a job when published,
then served as stored files (issue 17 point 2)."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import TestCase

from gongkai.annual import jobs as report_jobs
from gongkai.annual.models import AnnualReportVersion, PublishedReportFile, ReportStatus
from gongkai.annual.selectors import report_values
from gongkai.annual.services import report_draft_create
from gongkai.annual.tests.test_annual import year_of_cases  # noqa: F401 - the fixture
from gongkai.applications.models import Application
from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.layouts import stored_key
from gongkai.documents import report_tables as rt
from gongkai.jobs.models import Job

# Every test works on the 2026 cases of test_annual.
pytestmark = pytest.mark.usefixtures("year_of_cases")

TITLE = "示范区东湖街道办事处2026年政府信息公开工作年度报告"


def signed_version(cast, year: int = 2026, published_on: date = date(2027, 1, 20)) -> AnnualReportVersion:
    """The body's version signed as publishing does (its tables frozen), without the review steps
    the publishing tests walk through; its files are not rendered yet."""
    version = report_draft_create(actor=cast.clerk, body=cast.body, year=year)
    _, values = report_values(body=cast.body, year=year)
    version.tables = {stored_key(key): (None if v is None else str(v)) for key, v in values.items()}
    version.status, version.signed_by, version.published_on = ReportStatus.PUBLISHED, cast.head, published_on
    version.save()
    return version


def last_years_report_with_files(cast) -> AnnualReportVersion:
    """For browser tests: last year's report signed (its year locked, so an application made in
    the test is for this year), its files rendered by the job its commit sends, in the test process."""
    with transaction.atomic():
        version = signed_version(cast, 2025, date(2026, 1, 20))
        report_jobs.report_files_enqueue(actor=cast.head, version=version)
    assert version.files.count() == 2
    return version


def _render_files(cast, version) -> Job:
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        job = report_jobs.report_files_enqueue(actor=cast.head, version=version)
    job.refresh_from_db()
    return job


def _no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendered in the request")

    for name in ("render_docx", "render_pdf"):
        monkeypatch.setattr(rt, name, refuse)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_files_are_rendered_once_by_the_job_and_served_as_stored(
    client, cast, monkeypatch, weasyprint_available
):
    version = signed_version(cast)
    # A record corrected after signing (bypassing the lock on a published year) changes the
    # records, not what was signed: the files show the tables frozen at publication.
    Application.objects.filter(received_on=date(2026, 3, 2)).update(received_on=date(2027, 1, 4))
    assert report_values(body=cast.body, year=2026)[1][("t2", "new", "total")] == 2
    job = _render_files(cast, version)
    assert job.status == "done" and "已生成2个下载文件" in job.summary
    stored = {f.fmt: f for f in version.files.all()}
    assert set(stored) == {"docx", "pdf"} and all(
        default_storage.exists(f.file.name) for f in stored.values()
    )
    signed = audit_bytes(stored["docx"].file.open("rb").read(), "report.docx").report
    assert signed.value("t2", "new", "total") == 3 == int(version.tables["t2|new|total"])
    _no_rendering(monkeypatch)  # from here on nothing may be rendered
    page = client.get("/reports/donghu/2026/").content.decode()
    assert "正在生成" not in page
    assert 'href="/reports/donghu/2026/v1.docx"' in page and 'href="/reports/donghu/2026/v1.pdf"' in page

    response = client.get("/reports/donghu/2026/v1.docx")
    assert response.status_code == 200
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert f"filename*=utf-8''{quote(TITLE + '.docx')}" in response["Content-Disposition"]
    text = _docx_text(b"".join(response.streaming_content))
    assert TITLE in text and "2027年1月20日" in text

    response = client.get("/reports/donghu/2026/v1.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"filename*=utf-8''{quote(TITLE + '.pdf')}" in response["Content-Disposition"]
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert "政府信息公开工作年度报告" in "".join(page.extract_text() for page in pdf.pages)

    # Staff downloads of a published year serve the same stored file.
    client.force_login(cast.clerk)
    staff = client.get("/bodies/donghu/annual/2026.pdf")
    assert (
        staff.status_code == 200 and b"".join(staff.streaming_content) == stored["pdf"].file.open("rb").read()
    )


def test_before_the_files_are_rendered_the_page_says_so_and_nothing_is_rendered(client, cast, monkeypatch):
    signed_version(cast)  # the job's message is never sent: no commit in this test
    _no_rendering(monkeypatch)
    page = client.get("/reports/donghu/2026/").content.decode()
    assert "正在生成，请稍后刷新" in page and "v1.pdf" not in page
    assert client.get("/reports/donghu/2026/v1.pdf").status_code == 404
    assert client.get("/reports/donghu/2026/v1.docx").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/reports/donghu/2026/v1.xlsx",  # a format offered to staff only
        "/reports/donghu/2026/v1.json",
        "/reports/donghu/2026/v1.html",
        "/reports/donghu/2026/v2.docx",  # no such version
        "/reports/donghu/2025/v1.docx",
        "/reports/nobody/2026/v1.docx",
        "/reports/donghu/2026/v1.docx%00",
        "/reports/donghu/2026/v1.%2e%2e%2fsettings",
        "/reports/donghu/2026/v1..%2F..%2Fsecret",
        "/reports/donghu/2026/v-1.docx",
        "/reports/donghu/2026/v99999999999999999999.docx",
    ],
)
def test_hostile_download_urls_serve_nothing(client, cast, url, monkeypatch):
    version = signed_version(cast)
    # A stored row for DOCX, so that a 404 is the URL's doing, not a missing file.
    with report_jobs.atomic_with_files():
        row = PublishedReportFile(version=version, fmt="docx", size=3)
        report_jobs.store(row.file, "v1.docx", b"abc")
        row.save()
    assert client.get("/reports/donghu/2026/v1.docx").status_code == 200
    refused = client.get(url)
    # 400 for a NUL byte (refused by the site before any view), 404 for the rest; never a file.
    assert refused.status_code in (400, 404) and not refused.has_header("Content-Disposition")


def test_a_draft_has_no_public_files(client, cast):
    version = report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    job = _render_files(cast, version)
    assert job.status == "done" and "尚未发布" in job.summary and not version.files.exists()
    assert client.get("/reports/donghu/2026/v1.docx").status_code == 404


def test_a_second_run_renders_nothing_and_a_failure_keeps_no_file(cast, monkeypatch):
    version = signed_version(cast)
    real_store = report_jobs.store
    calls = []

    def store_then_fail(field, name, data):
        real_store(field, name, data)
        calls.append(field.name)
        if len(calls) == 2:  # the PDF, after the DOCX was written
            raise OSError("磁盘已满")

    monkeypatch.setattr(report_jobs, "store", store_then_fail)
    monkeypatch.setattr(rt, "render_pdf", lambda parts, title, signature: b"%PDF-1.7 fake")
    job = _render_files(cast, version)
    assert job.status == "queued" and "磁盘已满" in job.error  # retried later
    assert not version.files.exists() and len(calls) == 2
    assert not any(default_storage.exists(name) for name in calls)  # the DOCX went again too

    monkeypatch.setattr(report_jobs, "store", real_store)
    job = _render_files(cast, version)
    assert job.status == "done" and version.files.count() == 2

    _no_rendering(monkeypatch)  # an attempt after a killed worker: both stored, nothing rendered
    summary = report_jobs.report_files_job(lambda **progress: None, version_id=version.pk)
    assert "已生成0个下载文件" in summary and version.files.count() == 2


def test_the_daily_backfill_queues_each_version_still_missing_its_files_once(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    older = signed_version(cast, 2025, date(2026, 1, 20))  # published before files were kept
    assert list(report_jobs.versions_missing_files()) == [older]
    with transaction.atomic():
        report_jobs.report_files_enqueue(actor=None, version=older)  # queued, its worker not yet there
    assert "为0个" in report_jobs.report_files_backfill_job(lambda **progress: None)  # not queued twice
    Job.objects.filter(kind=report_jobs.KIND).update(status=Job.Status.FAILED)  # gave up for good
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        summary = report_jobs.report_files_backfill_job(lambda **progress: None)
    assert "为1个" in summary
    assert sorted(older.files.values_list("fmt", flat=True)) == ["docx", "pdf"]
    assert list(report_jobs.versions_missing_files()) == []


def test_the_backfill_command_renders_without_the_queue(cast, settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(tmp_path)
    older = signed_version(cast, 2025, date(2026, 1, 20))
    out = io.StringIO()
    call_command("backfill_report_files", stdout=out)
    assert "已生成2个下载文件" in out.getvalue() and "共处理1个版本" in out.getvalue()
    assert older.files.count() == 2 and not Job.objects.filter(kind=report_jobs.KIND).exists()
