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
