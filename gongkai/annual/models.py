"""Figures of annual-report table 1 that come from outside gongkai's records (行政许可、处罚、强制
decisions, fees, and until the catalogue is built, the counts of 规章 and 规范性文件)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AnnualFigures(models.Model):
    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    # {row key: {column key: "number as text"}} in the layout of the year's template.
    table1 = models.JSONField("主动公开情况表数据", default=dict)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "年度报告录入数据"
        verbose_name_plural = "年度报告录入数据"
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="one_figures_per_body_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEWED = "reviewed", "已审核"
    PUBLISHED = "published", "已发布"


class AnnualReportVersion(models.Model):
    """One version of a body's annual report: its six sections and a snapshot of its tables.

    Published versions are never changed; a correction is a new version with a reason, and all
    versions stay visible.
    """

    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    sections = models.JSONField("正文（六个部分）", default=list)  # [[heading, text], ...]
    tables = models.JSONField("表格数据", default=dict)  # {"t2|new|total": "3", ...} frozen at signing
    correction_reason = models.CharField("更正原因", max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "年度报告版本"
        verbose_name_plural = "年度报告版本"
        ordering = ["body", "year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "version"], name="one_report_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年度 第{self.version}版"


class LedgerKind(models.TextChoices):
    """What a 工作台账 records: the work only the office knows of, by the part of the report it feeds."""

    LEADING_GROUP = "leading_group", "领导小组及其会议"
    WORK_POINTS = "work_points", "政务公开工作要点落实"
    TRAINING = "training", "培训"
    INFORMATION_MANAGEMENT = "information_management", "政府信息管理"
    PLATFORM = "platform", "政府网站和政务新媒体"
    INSPECTION = "inspection", "监督检查和考核"
    EVALUATION = "evaluation", "社会评议"
    ACCOUNTABILITY = "accountability", "责任追究"
    PROPOSALS = "proposals", "人大代表建议和政协委员提案办理结果公开"
    IMPROVEMENT = "improvement", "改进措施"


class LedgerEntry(models.Model):
    """One dated entry of a body's 工作台账, entered by its 经办人 or 管理员 during the year."""

    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("年度")  # the year of `on`, kept for the annual queries
    kind = models.CharField("类别", max_length=32, choices=LedgerKind.choices)
    on = models.DateField("日期")
    title = models.CharField("事项", max_length=200)
    detail = models.TextField("内容", blank=True)
    attendees = models.PositiveIntegerField("参加人数", null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "工作台账"
        verbose_name_plural = "工作台账"
        ordering = ["body", "on", "id"]
        indexes = [models.Index(fields=["body", "year", "kind"], name="ledger_body_year_kind")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}：{self.title}"


def ledger_attachment_path(attachment: LedgerAttachment, filename: str) -> str:
    entry = attachment.entry
    return f"ledger/{entry.body.code}/{entry.year}/{entry.pk}/{filename}"


class LedgerAttachment(models.Model):
    entry = models.ForeignKey(LedgerEntry, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("文件类型", max_length=16)  # sniffed from the content
    size = models.PositiveIntegerField("大小（字节）")
    file = models.FileField("文件", upload_to=ledger_attachment_path, max_length=300)

    class Meta:
        verbose_name = "台账附件"
        verbose_name_plural = "台账附件"
        ordering = ["entry", "id"]

    def __str__(self) -> str:
        return self.name


def published_report_path(stored: PublishedReportFile, filename: str) -> str:
    """Named from the row alone (never from user input); the storage adds a suffix if taken."""
    version = stored.version
    return f"reports/{version.body.code}/{version.year}/v{version.version}.{stored.fmt}"


class PublishedReportFile(models.Model):
    """The DOCX or PDF of a published version, rendered once by a job (gongkai.annual.jobs) so
    that the public download serves a stored file instead of rendering on each request."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word文档（DOCX）"
        PDF = "pdf", "PDF文档"

    version = models.ForeignKey(AnnualReportVersion, on_delete=models.PROTECT, related_name="files")
    fmt = models.CharField("格式", max_length=8, choices=Format.choices)
    file = models.FileField("文件", upload_to=published_report_path, max_length=300)
    size = models.PositiveIntegerField("大小（字节）")
    rendered_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告下载文件"
        verbose_name_plural = "年度报告下载文件"
        constraints = [models.UniqueConstraint(fields=["version", "fmt"], name="one_file_per_version_format")]

    def __str__(self) -> str:
        return f"{self.version} {self.fmt}"
