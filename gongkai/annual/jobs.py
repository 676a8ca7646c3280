"""The files of a published annual report, rendered once on the task queue when it is published
(2-3.5 s for the PDF), so that the public download serves a stored file (issue 17 point 2).

A daily job (and `manage.py backfill_report_files` for cron) renders what is still missing: the
versions published before files were kept, and those whose job failed for good.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from gongkai.annual.models import AnnualReportVersion, PublishedReportFile, ReportStatus
from gongkai.annual.rendering import render_version
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.jobs.models import Job
from gongkai.jobs.registry import job
from gongkai.jobs.services import job_enqueue

KIND = "annual.report_files"
BACKFILL_KIND = "annual.report_files_backfill"
FORMATS = [PublishedReportFile.Format.DOCX, PublishedReportFile.Format.PDF]


def report_files_enqueue(*, actor, version: AnnualReportVersion) -> Job:
    """Queued inside the publishing transaction: sent once it commits, never for a refused signing."""
    return job_enqueue(
        kind=KIND,
        actor=actor,
        body=version.body,
        result_url=reverse("public-report-version", args=[version.body.code, version.year, version.version]),
        version_id=version.pk,
    )


@job(KIND, title="生成年度报告下载文件")
def report_files_job(progress, version_id: int) -> str:
    """Idempotent: a format already stored is skipped, so a second attempt renders only what is
    missing. Both files are rendered before anything is written, then stored together: a failure
    or a lost race (the unique constraint) keeps neither file."""
    version = AnnualReportVersion.objects.select_related("body").get(pk=version_id)
    if version.status != ReportStatus.PUBLISHED:
        return "该版本尚未发布，不生成下载文件。"
    have = set(version.files.values_list("fmt", flat=True))
    missing = [fmt for fmt in FORMATS if fmt not in have]
    progress(done=len(FORMATS) - len(missing), total=len(FORMATS), current="、".join(missing))
    rendered = {fmt: render_version(version, fmt) for fmt in missing}
    with atomic_with_files():
        for fmt, data in rendered.items():
            row = PublishedReportFile(version=version, fmt=fmt, size=len(data))
            store(row.file, f"v{version.version}.{fmt}", data)
            row.save()
    progress(done=len(FORMATS), current="")
    return f"{version.year}年度年报第{version.version}版：已生成{len(rendered)}个下载文件。"


def versions_missing_files():
    """Published versions that lack one of their download files."""
    return (
        AnnualReportVersion.objects.filter(status=ReportStatus.PUBLISHED)
        .annotate(kept=Count("files"))
        .filter(kept__lt=len(FORMATS))
        .select_related("body")
        .order_by("id")
    )


@job(BACKFILL_KIND, title="补齐年度报告下载文件")
def report_files_backfill_job(progress) -> str:
    """One report-files job per version still missing a file, unless one is queued or running."""
    waiting = {
        job.args.get("version_id")
        for job in Job.objects.filter(kind=KIND, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    }
    versions = [v for v in versions_missing_files() if v.pk not in waiting]
    for version in versions:
        report_files_enqueue(actor=None, version=version)
    return f"为{len(versions)}个已发布的年报版本补生成下载文件。"
