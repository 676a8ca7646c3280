"""One small form per handling step; the case page shows those the user may take."""

from __future__ import annotations

from django import forms

from gongkai.applications.models import DeliveryChannel, ReasonVerdict
from gongkai.common.dates import DateKind
from gongkai.common.forms import Form, date_field
from gongkai.core.consultations import PARTY_LABELS, POSITION_LABELS, Party, Position
from gongkai.core.letter_grounds import GROUNDS


def _on(label: str = "日期") -> forms.DateField:
    """Every handling step records something done, on a day that has come."""
    return date_field(label, DateKind.HAPPENED)


class OnForm(Form):
    on = _on()


class LateConfirmForm(Form):
    """A 补正 or payment; one arriving after the applicant's period needs the clerk's confirmation."""

    on = _on()
    confirm_late = forms.BooleanField(
        label="确认逾期仍予受理",
        required=False,
        help_text="超过补正或缴费期限（自申请人收到通知之日起算）才收到的，须勾选确认。",
    )


class SupplementForm(Form):
    on = _on("告知日期")
    missing = forms.CharField(
        label="需要补正的内容（一次性告知）", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    working_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=30, initial=15)


class ConsultationForm(Form):
    on = _on("发函日期")
    party_kind = forms.ChoiceField(
        label="征求意见对象",
        choices=[(k.value, label) for k, label in PARTY_LABELS.items()],
        initial=Party.THIRD_PARTY.value,
        help_text="共同制作机关逾期未提出意见的，视为同意公开（条例第三十四条）。",
    )
    third_party = forms.CharField(label="征求意见对象名称", max_length=100)
    concerns = forms.CharField(
        label="可能涉及的权益",
        max_length=200,
        required=False,
        help_text="征求第三方意见时填写，如：商业秘密、个人隐私。",
    )


def _consultation_choice() -> forms.IntegerField:
    """Which consultation (the case page offers a list); may be left out when only one fits."""
    return forms.IntegerField(label="征求意见对象", required=False, min_value=1)


class ConsultationAnswerForm(Form):
    consultation = _consultation_choice()
    position = forms.ChoiceField(
        label="意见",
        choices=[(p.value, POSITION_LABELS[p]) for p in Position if p is not Position.PENDING],
    )
    reason = forms.CharField(
        label="不同意公开的理由",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不同意公开时必填。",
    )
    on = date_field(
        "收到意见日期",
        DateKind.HAPPENED,
        help_text="逾期未提出意见的，为登记之日，须在自送达之日起15个工作日届满之后。",
    )


class PublicInterestForm(Form):
    """条例第三十二条: disclosing over a third party's objection; the 第三方告知书 says what and why."""

    consultation = _consultation_choice()
    on = _on("告知日期")
    content = forms.CharField(
        label="决定公开的政府信息内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label="决定公开的理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写明不公开可能对公共利益造成的重大影响。",
    )


class ExtensionForm(Form):
    on = _on("批准日期")
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", max_length=300)


class FeeForm(Form):
    on = _on("通知日期")
    method = forms.ChoiceField(
        label="计收方式", choices=[("per_request", "按件计收"), ("per_page", "按量计收")]
    )
    pages = forms.IntegerField(label="页数（按量）", min_value=0, required=False)
    already_published = forms.BooleanField(
        label="所申请的信息已主动公开",
        required=False,
        help_text="已主动公开的信息不按量计收（《政府信息公开信息处理费管理办法》第五条）。"
        "按件计收时，该申请人本月已申请件数由系统按证件号码从登记记录中统计。",
    )


class DecisionForm(Form):
    """拟办 of the answer: the ground decides the wording, the citation and the table-2 row."""

    on = date_field("答复日期", DateKind.HAPPENED, help_text="须审批的答复，以负责人签发之日为答复日期。")
    ground = forms.ChoiceField(label="答复依据", choices=[(g.code, g.label) for g in GROUNDS])
    access = forms.CharField(
        label="获取信息的方式、途径和时间",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="予以公开、部分公开时必填，如：请于收到本答复之日起15个工作日内到本机关政务服务大厅领取纸质件。",
    )
    withheld = forms.CharField(
        label="不予公开的内容", max_length=1000, required=False, help_text="部分公开时必填。"
    )
    reason = forms.CharField(
        label="理由及说明",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="部分公开、不予公开、不予处理等须说明理由；信访、投诉、举报请写明受理渠道。",
    )
    objected_part_withheld = forms.BooleanField(
        label="已不公开第三方不同意公开的部分",
        required=False,
        help_text="部分公开且第三方不同意公开时，如其不同意公开的部分已在上栏列为不予公开，请勾选；"
        "未勾选的，须先出具第三方告知书并登记送达（条例第三十二条）。",
    )


class ReturnForm(Form):
    reason = forms.CharField(label="退回理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class SignForm(Form):
    on = _on("签发日期")


class RedirectForm(Form):
    on = _on("答复日期")
    competent_body = forms.CharField(label="负责公开该信息的机关", max_length=100)
    contact = forms.CharField(label="该机关联系方式", max_length=200, required=False)


class DeliveryForm(Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(label="送达方式", choices=DeliveryChannel.choices)
    delivered_on = _on("送达日期")


# --- 条例第三十五条 (art35) ---


class Art35ReasonForm(Form):
    on = _on("通知日期")
    grounds = forms.CharField(
        label="认为申请数量、频次明显超过合理范围的情况",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="通知书还将写明系统按证件号码统计的该申请人本年度及近30日向本机关提出的申请件数。",
    )
    reply_by = date_field("说明理由期限", DateKind.PLANNED)


class Art35ReasonRecordForm(Form):
    on = _on("收到理由日期（逾期未说明的，填记录日期）")
    verdict = forms.ChoiceField(label="审查结论", choices=ReasonVerdict.choices)
    text = forms.CharField(
        label="申请人说明的理由", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class Art35DelayForm(Form):
    on = _on("确定日期")
    due_on = date_field("延迟答复期限", DateKind.PLANNED)
    reason = forms.CharField(label="无法在规定期限内答复的原因", max_length=300)
