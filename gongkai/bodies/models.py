"""Government bodies, their effective-dated details, and the people who act for them.

A Body is a stable identity (code, 统一社会信用代码, dates of existence). Everything that can
change over time - name, level, place in the tree, the body that supervises its disclosure work,
the disclosure office's contact details - lives in BodyVersion rows, each valid from a date
until the next version begins, so that a report for 2024 shows the body as it was in 2024.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.core.credit_code import CreditCodeError, validate_credit_code


class Level(models.TextChoices):
    PROVINCE = "province", "省级人民政府"
    CITY = "city", "市级人民政府"
    COUNTY = "county", "县级人民政府（区县）"
    TOWNSHIP = "township", "乡镇人民政府、街道办事处"
    DEPARTMENT = "department", "政府部门"


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    SECRECY = "secrecy", "保密审查员"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"
    INSPECTOR = "inspector", "督查"


def validate_credit_code_field(value: str) -> None:
    try:
        validate_credit_code(value)
    except CreditCodeError as error:
        raise ValidationError(str(error)) from error


class Body(models.Model):
    code = models.SlugField(
        "机关代码", max_length=32, unique=True, help_text="在网址和命令行中使用的简短代码，如 nanshan-gov。"
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code_field]
    )
    established_on = models.DateField("设立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["code"]

    def __str__(self) -> str:
        version = self.version_on(timezone.localdate())
        return version.name if version else self.code

    def version_on(self, day: date) -> BodyVersion | None:
        return (
            self.versions.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
            .select_related("parent", "supervisor")
            .first()
        )


class BodyVersion(models.Model):
    """The body's details for [valid_from, valid_to); valid_to is None for the current version."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="versions", verbose_name="机关")
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=20, blank=True, help_text="用于文书编号，如“东湖街道”。")
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="上级机关"
    )
    supervisor = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="政府信息公开工作主管部门",
    )
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", max_length=100, blank=True)
    office_web = models.URLField("网址", max_length=200, blank=True)

    class Meta:
        verbose_name = "机关信息版本"
        verbose_name_plural = "机关信息版本"
        ordering = ["body", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["body", "valid_from"], name="one_version_per_start_day"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="version_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.valid_from} 起）"

    # The 公开指南 must show each of these (条例第十二条); missing ones are listed on the admin's home page.
    GUIDE_FIELDS = (
        "office_name",
        "office_address",
        "office_hours",
        "office_phone",
        "office_fax",
        "office_email",
    )

    def missing_guide_fields(self) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in self.GUIDE_FIELDS if not getattr(self, f)]


class RoleAssignment(models.Model):
    """A person holds a role at a body from valid_from until valid_to (exclusive, None = open).

    `backup` is the named AB岗 colleague who acts in this role while the holder is away
    (an Absence covering the day).
    """

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="assignments", verbose_name="机关")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments", verbose_name="人员"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backup_for",
        verbose_name="AB岗（B角）",
    )
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("终止日期", null=True, blank=True)

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        ordering = ["body", "role", "user"]
        constraints = [
            models.CheckConstraint(condition=~Q(backup=models.F("user")), name="backup_is_someone_else"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="assignment_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()}"

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Absence(models.Model):
    """The user is away from starts_on to ends_on inclusive; their backups act for them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="absences", verbose_name="人员"
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    reason = models.CharField("事由", max_length=100, blank=True)

    class Meta:
        verbose_name = "外出/休假"
        verbose_name_plural = "外出/休假"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}至{self.ends_on}"
