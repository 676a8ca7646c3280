"""In a real Chromium, under the Content-Security-Policy: a supervisor uploads a batch, follows
its progress page to the result, and a running job's page reloads itself until the job ends."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.core.reports.tests import builders
from gongkai.jobs.models import Job
from gongkai.jobs.tests.test_jobs import running_audit
from tests.test_browser import log_in
from tests.test_browser_csp import watch_refusals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_then_progress_then_result(page, cast, tmp_path):
    refusals = watch_refusals(page)
    report = tmp_path / "东湖街道2023年报.html"
    report.write_bytes(
        builders.build_html(builders.report_blocks(seed=0, year=2023, org="示范区东湖街道办事处"))
    )
    log_in(page, "zwgkb-dc")
    page.wait_for_url("**/work/")
    page.goto("/supervision/audits/")
    page.get_by_label("年度报告文件（可多选，或上传 zip）").set_input_files(str(report))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/work/jobs/*/")
    assert page.locator(".job-status").inner_text() == "已完成"  # run inside the request in tests
    assert page.locator("progress").get_attribute("value") == "1"
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/supervision/audits/*/")
    assert "东湖街道2023年报.html" in page.content()
    assert refusals == []


def test_a_running_jobs_page_reloads_itself_until_the_job_ends(page, cast):
    refusals = watch_refusals(page)
    job = running_audit(cast, done=1, total=4, current="第2份.pdf")
    log_in(page, "zwgkb-dc")
    page.wait_for_url("**/work/")
    page.goto(f"/work/jobs/{job.pk}/")
    assert page.locator(".job-count").inner_text() == "1 / 4（25%）"
    assert page.locator(".job-current").inner_text() == "第2份.pdf"
    # The worker moves on; the open page shows it without anyone touching it.
    Job.objects.filter(pk=job.pk).update(done=3, current="第4份.pdf", problems=2)
    expect(page.locator(".job-count")).to_have_text("3 / 4（75%）", timeout=10_000)
    assert page.locator(".job-problems").inner_text() == "2"
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, done=4, current="", summary="已检查4份，其中2份有错误。"
    )
    expect(page.locator(".job-status")).to_have_text("已完成", timeout=10_000)
    assert page.locator('meta[http-equiv="refresh"]').count() == 0  # a finished job's page stays still
    assert refusals == []
