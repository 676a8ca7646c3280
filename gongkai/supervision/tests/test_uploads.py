"""A supervisor uploads published reports and zips; broken or hostile files become findings or clear errors."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl import load_workbook

from gongkai.core.reports.tests import builders
from gongkai.jobs.models import Job
from gongkai.supervision.models import AuditBatch, AuditedFile


def upload(client, cast, *files, name="2023年各街道年报"):
    """Post the files; the audit job queued on commit runs here (huey's immediate mode in tests)."""
    data = {"owner": cast.office.pk, "name": name, "files": [SimpleUploadedFile(n, d) for n, d in files]}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/supervision/audits/", data)


def zip_of(**members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_upload_files_and_a_zip_then_open_a_report(client, cast):
    client.force_login(cast.inspector)
    good = builders.build_docx(builders.report_blocks(seed=0, year=2023, org="示范区东湖街道办事处"))
    blocks = builders.report_blocks(seed=1, year=2023, org="示范区西山街道办事处")
    [b for b in blocks if isinstance(b, list)][1][3][-1] = builders.C("999")
    bundle = zip_of(**{"西山.html": builders.build_html(blocks), "坏.pdf": b"%PDF-1.4 broken"})
    response = upload(client, cast, ("东湖.docx", good), ("batch.zip", bundle))
    batch, job = AuditBatch.objects.get(), Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/work/jobs/{job.pk}/"
    progress = client.get(response["Location"]).content.decode()
    assert "已完成" in progress and f'href="/supervision/audits/{batch.pk}/"' in progress
    assert "3 / 3" in progress and 'http-equiv="refresh"' not in progress
    assert not batch.staged.exists()  # the kept uploads go once the audit is done
    files = {f.name: f for f in AuditedFile.objects.all()}
    assert set(files) == {"东湖.docx", "batch.zip!西山.html", "batch.zip!坏.pdf"}
    assert (files["东湖.docx"].body_name, files["东湖.docx"].year, files["东湖.docx"].errors) == (
        "示范区东湖街道办事处",
        2023,
        0,
    )
    assert files["batch.zip!西山.html"].errors >= 1
    assert files["batch.zip!坏.pdf"].errors == 1 and files["batch.zip!坏.pdf"].result["error"]
    page = client.get(f"/supervision/audits/{batch.pk}/").content.decode()
    assert "T2-ROW-TOTAL" in page and "示范区西山街道办事处" in page
    report = client.get(
        f"/supervision/audits/{batch.pk}/files/{files['batch.zip!西山.html'].pk}/"
    ).content.decode()
    assert 'class="faulty"' in report and "999" in report and "总计为999" in report
    export = client.get(f"/supervision/audits/{batch.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(export.content), read_only=True)
    assert any(row[1] == "T2-ROW-TOTAL" for row in book["问题"].iter_rows(values_only=True))


def test_hostile_uploads_are_refused_and_nothing_is_kept(client, cast):
    client.force_login(cast.inspector)
    bomb = zip_of(**{"bomb.txt": b"0" * (20 * 1024 * 1024)})
    response = upload(client, cast, ("bomb.zip", bomb))
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()
    response = upload(client, cast, ("huge.pdf", b"%PDF-" + b"0" * (31 * 1024 * 1024)))
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    response = client.post("/supervision/audits/", {"owner": cast.office.pk, "name": "x"})
    assert response.status_code == 400
    assert AuditBatch.objects.count() == 0 and AuditedFile.objects.count() == 0


def test_an_inspector_cannot_upload_for_another_body(client, cast):
    client.force_login(cast.inspector)
    response = client.post(
        "/supervision/audits/",
        {"owner": cast.other_body.pk, "name": "x", "files": [SimpleUploadedFile("a.txt", b"x")]},
    )
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    client.force_login(cast.clerk)
    assert client.get("/supervision/audits/").status_code == 403


def test_the_audit_screens_name_checks_in_chinese_and_cells_by_their_labels(client, cast):
    # Issue 17 point 12: column headings and findings give the check's Chinese title with its code
    # beside it, and a finding's cells are named by row and column label, not by a bare line number.
    from bs4 import BeautifulSoup

    client.force_login(cast.inspector)
    blocks = builders.report_blocks(seed=1, year=2023, org="示范区西山街道办事处")
    [b for b in blocks if isinstance(b, list)][1][3][-1] = builders.C("999")
    upload(client, cast, ("西山.html", builders.build_html(blocks)))
    batch, audited = AuditBatch.objects.get(), AuditedFile.objects.get()
    page = BeautifulSoup(client.get(f"/supervision/audits/{batch.pk}/").content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in page.select("thead th")]
    assert "依申请公开情况表行合计不等 T2-ROW-TOTAL" in headings
    assert "T2-ROW-TOTAL" not in headings  # never the bare code
    report = BeautifulSoup(
        client.get(f"/supervision/audits/{batch.pk}/files/{audited.pk}/").content, "html.parser"
    )
    [finding] = [li for li in report.select("#findings + ul > li") if "T2-ROW-TOTAL" in li.get_text()]
    assert (
        finding.strong.get_text() == "依申请公开情况表行合计不等"
        and finding.code.get_text() == "T2-ROW-TOTAL"
    )
    places = [li.get_text() for li in finding.select("details li")]
    assert places and all(place.startswith("依申请公开情况表“") and "行“" in place for place in places)
    # Each named cell links to its place in the rendered tables, where :target highlights it.
    links = [a["href"] for a in finding.select("details li a")]
    assert links and all(report.find("td", id=href[1:]) is not None for href in links)


def test_a_hybrid_report_is_shown_with_its_table_2_as_printed(client, cast):
    # A 2021-format report printing the single 2019 （六）其他处理 row (issue 15 design 4).
    from gongkai.core.reports.tests.test_read_damaged import HEAD, TAIL, ZERO, table2_lines

    client.force_login(cast.inspector)
    text = HEAD + "\n".join(table2_lines(other=[("\t（六）其他处理", ZERO)])) + "\n" + TAIL
    upload(client, cast, ("混合.txt", text.encode()))
    batch, audited = AuditBatch.objects.get(), AuditedFile.objects.get()
    assert audited.result["table2_template"] == "2019"
    page = client.get(f"/supervision/audits/{batch.pk}/files/{audited.pk}/").content.decode()
    assert 'id="cell-t2-other-total"' in page and 'id="cell-t2-other_other-total"' not in page
    assert "依申请公开情况表格式与年报格式不一致" in page and 'href="#cell-t2-other-total"' in page
