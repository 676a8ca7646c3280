"""Orphaned-upload cleanup as a queue job (`manage.py cleanup_uploads --delete` does the same)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.common.orphan_uploads import uploads_remove, uploads_scan
from gongkai.jobs.registry import job


@job("uploads.cleanup", title="清理孤立的上传文件")
def cleanup_uploads_job(progress, grace_hours: int = 24) -> str:
    scan = uploads_scan(now=timezone.now(), grace=timedelta(hours=grace_hours))
    progress(done=0, total=len(scan.orphans))
    removed = uploads_remove(scan.orphans)
    progress(done=len(removed))
    return f"已删除{len(removed)}个孤立文件。"
