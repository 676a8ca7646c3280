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
