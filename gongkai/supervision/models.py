"""Supervision: batches of published annual reports uploaded by a supervising body and audited.

Bodies that are not on gongkai are covered this way: their published reports are uploaded, read
by the auditor (gongkai.core.reports) and checked; the findings are kept with each file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


def upload_path(audited: AuditedFile, filename: str) -> str:
    return f"audits/{audited.batch.owner.code}/{audited.batch_id}/{audited.sha256[:16]}-{filename[-80:]}"


class AuditBatch(models.Model):
    owner = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="+", verbose_name="上传单位"
    )
    name = models.CharField("批次名称", max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告审查批次"
        verbose_name_plural = "年度报告审查批次"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class AuditedFile(models.Model):
    batch = models.ForeignKey(AuditBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField("大小（字节）")
    kind = models.CharField("文件类型", max_length=16)
    file = models.FileField(upload_to=upload_path, max_length=300)
    body_name = models.CharField("机关", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    template = models.CharField("格式", max_length=16, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    result = models.JSONField("审查结果", null=True, blank=True)

    class Meta:
        verbose_name = "审查文件"
        verbose_name_plural = "审查文件"
        ordering = ["batch", "name"]

    def __str__(self) -> str:
        return self.name


class Urging(models.Model):
    """督办: a supervising body's note to a body on one of its overdue cases, and the body's reply.

    Issued by a 督查 from the overdue list; shown on the body's 今日待办 until its handling staff
    reply; both steps are in the audit log."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="urgings", verbose_name="申请"
    )
    issued_by_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="+", verbose_name="督办单位"
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField("督办日期")
    days_overdue = models.PositiveIntegerField("督办时逾期工作日")
    note = models.TextField("督办意见", max_length=500)
    reply = models.TextField("办理情况", max_length=1000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    replied_on = models.DateField("回复日期", null=True, blank=True)

    class Meta:
        verbose_name = "督办"
        verbose_name_plural = "督办"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"督办 {self.application.number}"

    @property
    def replied(self) -> bool:
        return self.replied_on is not None


def staged_path(staged: StagedUpload, filename: str) -> str:
    return f"audits/{staged.batch.owner.code}/{staged.batch_id}/staged/{staged.position}-{filename[-80:]}"


class StagedUpload(models.Model):
    """An uploaded file (or zip) kept until the background audit has read it (a worker on another
    machine reads it through the shared storage); deleted when the batch's audit is done."""

    batch = models.ForeignKey(AuditBatch, on_delete=models.CASCADE, related_name="staged")
    position = models.PositiveSmallIntegerField()
    name = models.CharField("文件名", max_length=255)
    file = models.FileField(upload_to=staged_path, max_length=300)

    class Meta:
        verbose_name = "待检查的上传文件"
        verbose_name_plural = "待检查的上传文件"
        ordering = ["batch", "position"]

    def __str__(self) -> str:
        return self.name
