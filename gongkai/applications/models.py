"""Disclosure applications (依申请公开): the case, its applicant, its clock ledger and its answer.

The clock ledger (ClockEvent rows) is the source of truth for every deadline: the due date stored
on the case is a cache recomputed from the ledger and the working-day calendar by
gongkai.core.clock whenever the ledger or the calendar changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.core.consultations import PARTY_LABELS, POSITION_LABELS
from gongkai.core.outcomes import OUTCOMES
from gongkai.core.proactive import SUGGESTION_LABEL as PROACTIVE_SUGGESTION_LABEL


class ApplicantKind(models.TextChoices):
    """The applicant columns of annual-report table 2."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORGANISATION = "other_organisation", "其他"


class Channel(models.TextChoices):
    """How the application arrived; decides how its receipt date is fixed (条例第三十一条)."""

    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄"
    FAX = "fax", "传真"
    ONLINE = "online", "互联网（在线申请）"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头提出（工作人员代填）"


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER_PERSONAL = "other_personal", "其他有效身份证件"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    # Organisations without a credit code (foreign ones, some 社会组织) show another registration
    # document; its name goes in Application.id_document_name.
    OTHER_REGISTRATION = "other_registration", "其他登记证明文件"


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "待补正"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已终止"


class Application(models.Model):
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="applications", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("申请编号", max_length=40)
    query_code = models.CharField("查询码", max_length=16, unique=True)
    channel = models.CharField("申请方式", max_length=16, choices=Channel.choices)
    received_on = models.DateField("收到申请日期")
    applicant_kind = models.CharField("申请人类型", max_length=24, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_document_type = models.CharField("证件类型", max_length=24, choices=IdDocumentType.choices)
    id_document_number = models.CharField("证件号码", max_length=40)
    id_document_name = models.CharField("证件名称", max_length=60, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30)
    contact_address = models.CharField("通信地址", max_length=200, blank=True)
    contact_email = models.EmailField("电子邮箱", max_length=100, blank=True)
    information_requested = models.TextField("所需政府信息的名称、文号或描述", max_length=5000)
    form_wanted = models.CharField("获取信息的方式", max_length=100, blank=True)
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.REGISTERED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="经办人",
    )
    due_on = models.DateField("答复期限", null=True, blank=True)
    outcome = models.CharField(
        "办理结果", max_length=40, blank=True, choices=[(o.code, o.row_2021) for o in OUTCOMES]
    )
    decided_on = models.DateField("答复日期", null=True, blank=True)
    decision_reason = models.TextField("答复理由", max_length=5000, blank=True)
    # Set by the public form: a second submit of the same form returns the same case (idempotent submit).
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    # ---- 条例第四十四条 (转为主动公开): the applicant's suggestion (第二款), and the draft item the case
    # was turned into. Like cases may share one item; the item's staff page lists them.
    suggests_proactive = models.BooleanField(PROACTIVE_SUGGESTION_LABEL, default=False)
    proactive_suggestion = models.CharField("建议的理由", max_length=500, blank=True)
    proactive_publication = models.ForeignKey(
        "publishing.Publication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_applications",
        verbose_name="转为的主动公开信息",
    )
    proactive_on = models.DateField("转为主动公开日期", null=True, blank=True)
    # ---- end 条例第四十四条

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-serial"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "serial"], name="one_serial_per_body_year"),
            models.UniqueConstraint(fields=["body", "number"], name="one_number_per_body"),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_on__isnull=False), name="decision_has_a_date"
            ),
        ]
        # due_on is deliberately in no index: a calendar change re-dates most open cases at once,
        # and on PostgreSQL an update that touches no indexed column is done in place (HOT, with
        # the table's fillfactor leaving room on each page; migration 0005), ten times faster.
        # The annual count of one body reads (body, decided_on) and the counted columns from
        # application_body_decided_idx alone (an index-only scan on PostgreSQL; SQLite ignores
        # INCLUDE). due_on stays out of it, as above.
        indexes = [
            models.Index(fields=["body", "status"], name="application_body_status_idx"),
            models.Index(
                fields=["body", "decided_on"],
                include=["received_on", "applicant_kind", "outcome", "id"],
                name="application_body_decided_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ClockEventKind(models.TextChoices):
    RECEIVED = "received", "收到申请"
    SUPPLEMENT_REQUESTED = "supplement_requested", "发出补正告知"
    SUPPLEMENT_RECEIVED = "supplement_received", "收到补正材料"
    CONSULTATION_SENT = "consultation_sent", "发出征求意见函"
    CONSULTATION_ANSWERED = "consultation_answered", "收到第三方意见"
    EXTENSION_APPROVED = "extension_approved", "批准延期答复"
    FEE_NOTICE_SENT = "fee_notice_sent", "发出收费通知"
    FEE_PAID = "fee_paid", "缴纳费用"
    ANSWERED = "answered", "作出答复"
    # 条例第三十五条 (art35): `days` holds the date named, as calendar days after `on`
    ART35_REASON_REQUESTED = "art35_reason_requested", "要求说明理由（第三十五条）"
    ART35_REASON_CLOSED = "art35_reason_closed", "记录说明理由情况（第三十五条）"
    ART35_DUE_FIXED = "art35_due_fixed", "确定延迟答复期限（第三十五条）"


class ClockEvent(models.Model):
    """One entry of the case's clock ledger. Entries are added, never edited: a correction is a new entry."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_events")
    kind = models.CharField("事项", max_length=32, choices=ClockEventKind.choices)
    on = models.DateField("日期")
    days = models.PositiveSmallIntegerField("天数", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    # The fee of a 收费通知 (元): the annual report states what was charged in the year.
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办理时限记录"
        verbose_name_plural = "办理时限记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def working_days(self) -> int | None:
        """The period in working days (补正, 延期); a 第三十五条 entry keeps a date in `days`."""
        return None if self.kind.startswith("art35_") else self.days


class AppealKind(models.TextChoices):
    """The three blocks of annual-report table 3."""

    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    """The columns of each table-3 block (总计 is their sum)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 arising from the body's disclosure work (条例第五十一条)."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="appeals", verbose_name="机关"
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name="相关申请",
    )
    kind = models.CharField("类型", max_length=32, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=60, blank=True)
    filed_on = models.DateField("申请或起诉日期")
    authority = models.CharField("复议机关或受理法院", max_length=100)
    result = models.CharField(
        "结果", max_length=16, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["-filed_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result="pending") & Q(concluded_on__isnull=True))
                | (~Q(result="pending") & Q(concluded_on__isnull=False)),
                name="concluded_appeals_have_a_date",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("filed_on")),
                name="appeal_concludes_after_filing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "受理回执"
    SUPPLEMENT_NOTICE = "supplement_notice", "补正告知书"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见函"
    FEE_NOTICE = "fee_notice", "收费通知书"
    ANSWER = "answer", "政府信息公开申请答复书"
    TERMINATION = "termination", "终止处理告知书"
    DISCLOSURE_NOTICE = "disclosure_notice", "第三方告知书"  # 条例第三十二条: disclosure over an objection
    # 条例第三十五条 (art35)
    ART35_REASON_NOTICE = "art35_reason", "说明理由通知书"
    ART35_DELAY_NOTICE = "art35_delay", "延迟答复告知书"


class DeliveryChannel(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件送达"
    ONLINE = "online", "网上送达"
    FAX = "fax", "传真送达"


def letter_upload_path(letter: IssuedLetter, filename: str) -> str:
    return f"letters/{letter.application.body.code}/{letter.application.year}/{filename}"


class IssuedLetter(models.Model):
    """A notice or answer generated for a case, archived as DOCX and PDF, and its delivery (送达)."""

    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("文书类型", max_length=24, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("文书编号", max_length=60)
    issued_on = models.DateField("出具日期")
    recipient = models.CharField("收件人", max_length=100)
    docx = models.FileField("DOCX", upload_to=letter_upload_path, max_length=200)
    pdf = models.FileField("PDF", upload_to=letter_upload_path, max_length=200)
    text = models.TextField("正文")
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_channel = models.CharField(
        "送达方式", max_length=16, choices=DeliveryChannel.choices, blank=True
    )
    # None: issued by the daily job (the 终止处理告知书 of a case deemed abandoned).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The ledger entry a notice belongs to (补正告知, 征求意见函, 收费通知): the applicant's or the
    # third party's period runs from this letter's delivery (自收到…之日起).
    clock_event = models.OneToOneField(
        ClockEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="letter"
    )

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year", "serial"], name="one_letter_serial_per_body_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ApprovalFlow(models.TextChoices):
    THREE_STEPS = "three_steps", "拟办 → 审核 → 签发"
    ONE_STEP = "one_step", "负责人可一步拟办并签发（其他人员拟办后由负责人签发）"


class AnswerSettings(models.Model):
    """How a body answers: its approval flow, and whom its letters name for the applicant's remedies."""

    body = models.OneToOneField(
        "bodies.Body", on_delete=models.CASCADE, related_name="answer_settings", verbose_name="机关"
    )
    flow = models.CharField(
        "答复审批流程", max_length=16, choices=ApprovalFlow.choices, default=ApprovalFlow.THREE_STEPS
    )
    notices_need_approval = models.BooleanField(
        "补正告知书、延期答复告知书（含第三十五条的说明理由通知书、延迟答复告知书）、第三方告知书也须审批",
        default=False,
    )
    review_authority = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="答复书中告知的复议机关。留空时为上级机关；垂直管理的机关请填写实际的复议机关。",
    )
    court = models.CharField(
        "行政诉讼受理法院", max_length=100, blank=True, help_text="留空时写“有管辖权的人民法院”。"
    )
    # 条例第三十一条 leaves the online receipt day to the body's published rule; empty: the
    # deployment's GONGKAI_CLOCK_ONLINE_RECEIPT.
    online_receipt = models.CharField(
        "在线申请的收到日期",
        max_length=32,
        blank=True,
        choices=[
            ("", "按系统设置"),
            ("confirmed_on_working_day", "以本机关确认之日为准（节假日提交的为其后第一个工作日）"),
            ("submission_day", "以提交之日为准"),
        ],
    )

    class Meta:
        verbose_name = "答复设置"
        verbose_name_plural = "答复设置"

    def __str__(self) -> str:
        return f"{self.body_id} 答复设置"


class LetterTemplate(models.Model):
    """What a 管理员 may adjust in one kind of letter of the body: a paragraph of their own and the
    closing. The legal parts (citation, wording, remedies) are composed by code and cannot be edited."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+", verbose_name="机关")
    key = models.CharField("文书", max_length=32)  # a ground code (core.letter_grounds) or a LetterKind
    extra = models.TextField("补充段落", max_length=1000, blank=True)
    closing = models.CharField("结束语", max_length=100, blank=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="one_template_per_body_key")]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.key}"


class DraftState(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", "待审核"
    AWAITING_SIGNATURE = "awaiting_signature", "待签发"
    RETURNED = "returned", "已退回"
    SIGNED = "signed", "已签发"


OPEN_DRAFT_STATES = (DraftState.AWAITING_REVIEW, DraftState.AWAITING_SIGNATURE)


class AnswerDraft(models.Model):
    """A letter on its way through 拟办 → 审核 → 签发 (applications.approval). It has no number and
    no date until it is signed: signing runs the handling step with the stored facts."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="drafts")
    step = models.CharField("办理事项", max_length=24)  # a key of applications.approval.STEPS
    facts = models.JSONField("拟办内容")
    state = models.CharField("状态", max_length=24, choices=DraftState.choices)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField("拟办时间", auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    letter = models.OneToOneField(
        IssuedLetter, on_delete=models.PROTECT, null=True, blank=True, related_name="draft"
    )

    class Meta:
        verbose_name = "拟办文书"
        verbose_name_plural = "拟办文书"
        ordering = ["drafted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state__in=["awaiting_review", "awaiting_signature"]),
                name="one_open_draft_per_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.step} {self.state}"


class AttachmentKind(models.TextChoices):
    """What a case-file attachment is; the 案卷 lists them in this order."""

    APPLICATION_SCAN = "application_scan", "申请书（扫描件）"
    IDENTITY_COPY = "identity_copy", "身份证明复印件"  # 条例第二十九条
    SUPPLEMENT = "supplement", "补正或补充材料"
    DELIVERY_PROOF = "delivery_proof", "送达凭证（邮寄回执、送达回证）"
    THIRD_PARTY_REPLY = "third_party_reply", "第三方意见"
    OTHER = "other", "其他材料"


def attachment_upload_path(attachment: CaseAttachment, filename: str) -> str:
    return f"case_files/{attachment.application.body.code}/{attachment.application.year}/{filename}"


class CaseAttachment(models.Model):
    """A file kept on a case (its 案卷): seen only by the body's own staff (applications.case_file)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("材料类别", max_length=24, choices=AttachmentKind.choices)
    name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("文件类型", max_length=16)  # sniffed from the content
    size = models.PositiveIntegerField("大小（字节）")
    file = models.FileField("文件", upload_to=attachment_upload_path, max_length=300)
    note = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "案卷材料"
        verbose_name_plural = "案卷材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class NoticeChannel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class NoticeState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    RESENT = "resent", "发送失败，已重新发送"


class ApplicantNotice(models.Model):
    """One message telling the applicant that a letter was issued (applications.notify). The letter
    stands whatever happens here: a failed send is recorded and shown to staff, never rolled back."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    letter = models.ForeignKey(IssuedLetter, on_delete=models.PROTECT, related_name="notices")
    channel = models.CharField("方式", max_length=8, choices=NoticeChannel.choices)
    address = models.CharField("发送至", max_length=100)
    state = models.CharField("状态", max_length=8, choices=NoticeState.choices, default=NoticeState.PENDING)
    error = models.CharField("失败原因", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "告知申请人记录"
        verbose_name_plural = "告知申请人记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.letter_id} {self.channel} {self.state}"


# --- Consultations of third parties (条例第三十二条) and co-producing bodies (第三十四条) ---------


class Consultation(models.Model):
    """One 征求意见函 and what came of it: the party's position and, where a third party objected
    and the body decided to disclose in the public interest, the 第三方告知书. The rules are in
    gongkai.core.consultations; the steps in applications.consultations."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="consultations")
    party_kind = models.CharField(
        "征求意见对象", max_length=16, choices=[(k.value, label) for k, label in PARTY_LABELS.items()]
    )
    party = models.CharField("名称", max_length=100)
    concerns = models.CharField("可能涉及的权益", max_length=200, blank=True)
    letter = models.OneToOneField(
        IssuedLetter, on_delete=models.PROTECT, related_name="consultation", verbose_name="征求意见函"
    )
    position = models.CharField(
        "意见",
        max_length=8,
        blank=True,
        choices=[(p.value, label) for p, label in POSITION_LABELS.items()],
    )
    reason = models.TextField("不同意公开的理由", max_length=1000, blank=True)
    answered_on = models.DateField("收到意见或登记逾期日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notice = models.OneToOneField(
        IssuedLetter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notified_consultation",
        verbose_name="第三方告知书",
    )
    disclosed_content = models.TextField("决定公开的政府信息内容", max_length=1000, blank=True)
    public_interest_reason = models.TextField("决定公开的理由", max_length=1000, blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position="", answered_on__isnull=True)
                | (~Q(position="") & Q(answered_on__isnull=False)),
                name="consultation_position_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(notice__isnull=True) | Q(position="object", party_kind="third_party"),
                name="disclosure_notice_only_over_an_objection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.party}"


# --- 条例第三十五条 (art35): requests beyond a reasonable range ---


class ReasonVerdict(models.TextChoices):
    REASONABLE = "reasonable", "理由合理"
    UNREASONABLE = "unreasonable", "理由不合理"
    NONE_GIVEN = "none_given", "逾期未说明理由"


class ReasonRequest(models.Model):
    """The 说明理由 step of 条例第三十五条: why the body asked, by when, the counts it showed, and
    the reason the applicant gave (or that none came) with the clerk's verdict. One per case."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="reason_request")
    requested_on = models.DateField("通知日期")
    reply_by = models.DateField("说明理由期限")
    grounds = models.TextField("认为明显超过合理范围的情况")
    counts = models.JSONField("申请件数统计", default=dict)  # shown in the notice as evidence
    letter = models.OneToOneField(
        IssuedLetter, on_delete=models.PROTECT, null=True, blank=True, related_name="reason_request"
    )
    reason_on = models.DateField("收到理由日期", null=True, blank=True)
    reason_text = models.TextField("申请人说明的理由", blank=True)
    verdict = models.CharField("审查结论", max_length=16, choices=ReasonVerdict.choices, blank=True)
    recorded_on = models.DateField("记录日期", null=True, blank=True)

    class Meta:
        verbose_name = "说明理由（第三十五条）"
        verbose_name_plural = "说明理由（第三十五条）"

    def __str__(self) -> str:
        return f"{self.application_id} 说明理由"
