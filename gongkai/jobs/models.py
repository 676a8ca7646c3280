"""A background job's record: what runs, how far it got, how often it was tried, why it failed.

The queue (huey) only carries "run job N"; this row is the truth. A message lost with a killed
worker is harmless because the row still says the job is not done, and the sweeper sends it again
(see gongkai/jobs/runner.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("任务类型", max_length=50)
    args = models.JSONField("参数", default=dict)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveSmallIntegerField("最多尝试次数", default=3)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    current = models.CharField("当前处理", max_length=255, blank=True)
    problems = models.PositiveIntegerField("发现问题", default=0)
    summary = models.CharField("结果", max_length=255, blank=True)
    error = models.TextField("错误", blank=True)
    result_url = models.CharField("结果页", max_length=200, blank=True)
    body = models.ForeignKey("bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    # When the next attempt may start (a retry waits); the sweeper re-sends queued jobs past it.
    run_after = models.DateTimeField("可运行时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    # Touched by the running worker; a running job whose heartbeat is older than the lease belongs
    # to a worker that died, and runs again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "run_after"], name="job_status_run_after")]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
