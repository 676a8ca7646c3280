"""The append-only audit log: who did what, when, at which body, before and after, and why.

Entries can be added and read, never changed or removed. Three layers keep it so: the
queryset refuses update() and delete(), the model refuses a second save() and delete(), and
database triggers (migration 0002) refuse UPDATE on every database and DELETE on PostgreSQL,
so even raw SQL cannot rewrite history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""

    def __init__(self) -> None:
        super().__init__("审计日志只能追加，不能修改或删除。")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError

    def delete(self):
        raise AppendOnlyError

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    # Kept as text too, so the entry still reads right if the account is later renamed.
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="机关"
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    summary = models.CharField("摘要", max_length=300)
    target_type = models.CharField("对象类型", max_length=64, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    before = models.JSONField("修改前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("修改后", null=True, blank=True, encoder=DjangoJSONEncoder)
    legal_basis = models.CharField("法律依据", max_length=200, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["body", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.summary}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError
