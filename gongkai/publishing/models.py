"""Proactive disclosure (主动公开): each body's 目录, its items and their reviewed versions.

- CatalogueNode: the body's 政府信息公开目录, a tree of categories and columns (条例第十二条).
- Publication: an item's stable identity - its 索引号, column, kind, and validity (有效性).
- PublicationVersion: what was written, reviewed and signed. A published version is never
  changed; a later change is a new version with its own review, and old versions stay visible
  to staff (Publication.published_version points at the one the public sees).
- Attachment: a file of a version, with its extracted text and, once signed, the masked copy
  that is actually published.
- SensitiveHit: one finding of the sensitive-data gate (gongkai.core.sensitive) in the text or
  an attachment; publication is blocked until every hit is masked or allowed with a reason.
- SearchEntry: the search index row of an item, one public (the published version) and one for
  staff (the newest version, drafts included).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.core.catalogue import (
    DEFAULT_INDEX_RULE,
    ITEM_KIND_LABELS,
    TOPICS,
    UPDATE_LABELS,
    ItemKind,
)
from gongkai.core.sensitive import HIT_LABELS, HitKind


class CatalogueNode(models.Model):
    """A category (has children) or a column (holds items) of a body's 目录."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="catalogue", verbose_name="机关"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级栏目",
    )
    code = models.SlugField("栏目代码", max_length=40, help_text="用于网址和索引号，如 dibao。")
    name = models.CharField("栏目名称", max_length=60)
    position = models.PositiveSmallIntegerField("排序", default=0)
    basis = models.CharField("依据", max_length=120, blank=True, help_text="如：条例第二十条第（七）项")
    update_every = models.CharField(
        "更新周期", max_length=8, blank=True, choices=[(k.value, v) for k, v in UPDATE_LABELS.items()]
    )

    class Meta:
        verbose_name = "目录栏目"
        verbose_name_plural = "目录栏目"
        ordering = ["body", "parent_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="one_column_code_per_body")]

    def __str__(self) -> str:
        return self.name


class PublishingProfile(models.Model):
    """A body's publishing settings: its 索引号 rule (see gongkai.core.catalogue.check_index_rule)."""

    body = models.OneToOneField("bodies.Body", on_delete=models.CASCADE, related_name="publishing_profile")
    index_rule = models.CharField("索引号规则", max_length=60, default=DEFAULT_INDEX_RULE)

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.body}：{self.index_rule}"


class Publication(models.Model):
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="publications", verbose_name="机关"
    )
    column = models.ForeignKey(
        CatalogueNode, on_delete=models.PROTECT, related_name="publications", verbose_name="栏目"
    )
    index_number = models.CharField("索引号", max_length=80, unique=True)
    kind = models.CharField(
        "类别",
        max_length=16,
        choices=[(k.value, v) for k, v in ITEM_KIND_LABELS.items()],
        default=ItemKind.OTHER,
    )
    # A 政策解读 names the normative document it interprets.
    interprets = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name="所解读的文件",
    )
    published_version = models.ForeignKey(
        "PublicationVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    first_published_on = models.DateField("首次发布日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    repeal_note = models.CharField("废止依据", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-first_published_on", "-id"]
        # The portal lists a body's or a column's published items, newest first, and counts them:
        # (…, first_published_on, id) read backwards gives that order without sorting, and being
        # partial the index answers the count without reading the table.
        indexes = [
            models.Index(fields=["body", "kind", "first_published_on"]),
            models.Index(
                fields=["column", "first_published_on", "id"],
                name="publication_column_newest",
                condition=models.Q(published_version__isnull=False),
            ),
            models.Index(
                fields=["body", "first_published_on", "id"],
                name="publication_body_newest",
                condition=models.Q(published_version__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.index_number

    @property
    def is_valid(self) -> bool:
        return self.repealed_on is None


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    IN_SECRECY = "in_secrecy", "待保密审查"
    AWAITING_SIGNATURE = "awaiting_signature", "待签发"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被新版本替代"


# A version on its way to signing: not public, and at most one per item.
OPEN_STATUSES = (
    VersionStatus.DRAFT,
    VersionStatus.IN_REVIEW,
    VersionStatus.IN_SECRECY,
    VersionStatus.AWAITING_SIGNATURE,
)


class PublicationVersion(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField(
        "状态", max_length=24, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("发布机构", max_length=100)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField(
        "信息形成或变更日期", help_text="自此日起20个工作日内公开（条例第二十六条）。"
    )
    due_on = models.DateField("应公开日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=40, choices=[(t, t) for t in TOPICS], default="综合政务")
    disclosure_mode = models.CharField("公开方式", max_length=20, default="主动公开")
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_until = models.DateField("有效期至", null=True, blank=True)
    text = models.TextField("正文", max_length=200_000, blank=True)
    # The text as published: the masked copy made at signing (the hits are really removed).
    published_text = models.TextField("发布正文", blank=True)
    change_note = models.CharField("修改说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    secrecy_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "主动公开信息版本"
        verbose_name_plural = "主动公开信息版本"
        ordering = ["publication", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="one_publication_version_number"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_version_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}版）"


def attachment_path(attachment: Attachment, filename: str) -> str:
    publication = attachment.version.publication
    return f"publishing/{publication.body.code}/{publication.pk}/v{attachment.version.number}/{filename}"


class Attachment(models.Model):
    version = models.ForeignKey(PublicationVersion, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("文件类型", max_length=16)  # sniffed from the content: docx, pdf, xlsx, ...
    size = models.PositiveIntegerField("大小（字节）")
    original = models.FileField("原件", upload_to=attachment_path, max_length=300)
    text = models.TextField("提取的文字", blank=True)
    # The copy the public downloads, with every masked hit removed; made at signing.
    published = models.FileField("发布件", upload_to=attachment_path, max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.name


class HitResolution(models.TextChoices):
    OPEN = "", "待处理"
    MASKED = "masked", "已遮盖"
    ALLOWED = "allowed", "允许公开"


class SensitiveHit(models.Model):
    version = models.ForeignKey(PublicationVersion, on_delete=models.CASCADE, related_name="hits")
    attachment = models.ForeignKey(
        Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="hits"
    )
    kind = models.CharField("类型", max_length=24, choices=[(k.value, v) for k, v in HIT_LABELS.items()])
    location = models.CharField("位置", max_length=120)
    value = models.CharField("内容", max_length=120)
    start = models.PositiveIntegerField("起始位置")  # in the version's text, or in the attachment's text
    end = models.PositiveIntegerField("结束位置")
    resolution = models.CharField("处理", max_length=8, blank=True, choices=HitResolution.choices)
    reason = models.CharField("允许公开的理由", max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The number of the earlier version whose decision on the same hit was carried over at submit;
    # None once a reviewer decides on this version (or when nothing was carried).
    carried_from = models.PositiveSmallIntegerField("沿用第几版的决定", null=True, blank=True)

    class Meta:
        verbose_name = "敏感信息"
        verbose_name_plural = "敏感信息"
        ordering = ["version", "attachment_id", "start"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(resolution="allowed") | ~Q(reason=""), name="allowed_hit_has_a_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.location}"

    @property
    def severity(self) -> str:
        """ "review" for what the reviewer judges from the context (a name next to a number), else "sensitive"."""
        return HitKind(self.kind).severity.value

    @property
    def allow_label(self) -> str:
        """What allowing it with a reason does now (the review page's button)."""
        return {HitResolution.ALLOWED: "修改允许公开的理由", HitResolution.MASKED: "改为允许公开"}.get(
            self.resolution, "允许公开"
        )


class SearchEntry(models.Model):
    """One searchable row per item and audience (public: the published version; staff: the newest).

    `grams` holds the text as overlapping character bigrams separated by spaces (see
    gongkai.publishing.search), indexed by SQLite FTS5 or a PostgreSQL GIN index.
    """

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="search_entries")
    public = models.BooleanField()
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+")
    column = models.ForeignKey(CatalogueNode, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    valid = models.BooleanField(default=True)
    status = models.CharField(max_length=24)
    published_on = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=200)
    text = models.TextField()
    grams = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["publication", "public"], name="one_search_entry_per_audience")
        ]
        indexes = [models.Index(fields=["public", "body", "published_on"])]

    def __str__(self) -> str:
        return self.title
