from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.applications.models import AppealKind, AppealResult, ApplicantKind, Channel, IdDocumentType
from gongkai.applications.services import ApplicantDetails, applicant_problems
from gongkai.common.dates import DateKind
from gongkai.common.forms import Form, date_field
from gongkai.core.proactive import SUGGESTION_LABEL as PROACTIVE_SUGGESTION_LABEL
from gongkai.core.receipt import STAFF_CHANNEL_TEXT


def phone_field(**changes) -> forms.RegexField:
    """The applicant's phone as registration takes it; the resend form's correction takes the same."""
    options = {"label": "联系电话", "max_length": 30, "error_messages": {"invalid": "请输入有效的电话号码。"}}
    return forms.RegexField(regex=r"^[0-9+\-() ]{7,30}$", **(options | changes))


def email_field(**changes) -> forms.EmailField:
    return forms.EmailField(**({"label": "电子邮箱", "max_length": 100, "required": False} | changes))


class ApplicantFields(Form):
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_document_type = forms.ChoiceField(label="证件类型", choices=IdDocumentType.choices)
    id_document_number = forms.CharField(label="证件号码", max_length=40)
    id_document_name = forms.CharField(
        label="证件名称",
        max_length=60,
        required=False,
        help_text="证件类型为“其他登记证明文件”时填写，如境外非政府组织登记证书。",
    )
    contact_phone = phone_field()
    contact_address = forms.CharField(label="通信地址", max_length=200, required=False)
    contact_email = email_field()
    information_requested = forms.CharField(
        label="所需政府信息的名称、文号或描述", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    form_wanted = forms.CharField(
        label="获取信息的方式",
        max_length=100,
        required=False,
        help_text="如：纸质、电子邮件、光盘、当面查阅。",
    )

    # 条例第四十四条第二款: the applicant may suggest that the information be published proactively.
    suggests_proactive = forms.BooleanField(label=PROACTIVE_SUGGESTION_LABEL, required=False)
    proactive_suggestion = forms.CharField(
        label="建议的理由",
        max_length=500,
        required=False,
        help_text="如：涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策。",
    )

    def clean(self):
        """The service's own checks of who applies and what they ask, here too, so that every
        problem shows at once beside its field (not the ID number only after the phone is fixed)."""
        data = super().clean()
        applicant = ApplicantDetails(
            kind=data.get("applicant_kind", ""),
            name=data.get("applicant_name", ""),
            id_document_type=data.get("id_document_type", ""),
            id_document_number=data.get("id_document_number", ""),
            id_document_name=data.get("id_document_name", ""),
            contact_phone=data.get("contact_phone", ""),
        )
        problems, _ = applicant_problems(
            applicant, information_requested=data.get("information_requested", ""), today=timezone.localdate()
        )
        for field, problem in problems.items():
            # A field Django already refused (empty, too long) keeps that one message.
            if field not in self.errors and field in data:
                self.add_error(field, problem)
        return data


def proactive_suggestion_of(data: dict) -> str | None:
    """The suggestion as application_register takes it: None when the box was not ticked."""
    return data.get("proactive_suggestion", "") if data.get("suggests_proactive") else None


class StaffRegisterForm(ApplicantFields):
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    received_on = date_field(
        "收到申请日期",
        DateKind.HAPPENED,
        help_text=STAFF_CHANNEL_TEXT,
    )
    field_order = ["channel", "received_on"]


class PublicApplyForm(ApplicantFields):
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label="我确认以上信息真实有效", error_messages={"required": "请勾选确认。"})


class ContactCorrectionForm(Form):
    """The case file's 重新发送: a phone or e-mail corrected before the failed messages go again
    (both empty: sent again to the contact the case holds)."""

    contact_phone = phone_field(label="更正后的联系电话", required=False)
    contact_email = email_field(label="更正后的电子邮箱")


class StatusLookupForm(Form):
    query_code = forms.RegexField(
        label="查询码",
        max_length=16,
        regex=r"^[0-9A-Za-z]{6,16}$",
        error_messages={"invalid": "查询码由字母和数字组成。"},
    )


class AppealForm(Form):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    filed_on = date_field("申请或起诉日期", DateKind.HAPPENED)
    authority = forms.CharField(label="复议机关或受理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60, required=False)
    application_number = forms.CharField(label="相关申请编号", max_length=40, required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)


class AppealConcludeForm(Form):
    result = forms.ChoiceField(
        label="审结结果",
        choices=[(v, label) for v, label in AppealResult.choices if v != AppealResult.PENDING],
    )
    concluded_on = date_field("审结日期", DateKind.HAPPENED)
