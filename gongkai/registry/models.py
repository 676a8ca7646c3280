"""The shared registers' models (see the package docstring)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """A year's holiday arrangement entered by an administrator: a new year (e.g. 2027, published
    each November) or a correction. It replaces the shipped data for that year as a whole."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    data = models.JSONField("安排")
    reason = models.CharField("说明", max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        db_table = "applications_calendaryear"
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class SerialCounter(models.Model):
    """The last serial handed out per body, series (applications, or a kind of letter) and year.

    The row is locked while a number is taken, so concurrent registrations never share one.
    """

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=24)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        # The table kept its name when the model moved here from applications.
        db_table = "applications_serialcounter"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "series", "year"], name="one_counter_per_body_series_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.series}/{self.year}: {self.last}"
