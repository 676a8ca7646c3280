"""The 管理员's pages for the body's answer settings and letter templates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.applications import letter_settings
from gongkai.applications.letter_texts import answer_settings, template_for, template_keys
from gongkai.applications.models import AnswerSettings
from gongkai.bodies.models import Body
from gongkai.bodies.permissions import can_manage_body
from gongkai.common.forms import Form, add_service_error
from gongkai.common.services import ServiceError
from gongkai.core.letter_grounds import FACTS, GROUNDS_BY_CODE


class AnswerSettingsForm(Form):
    flow = forms.ChoiceField(label=AnswerSettings._meta.get_field("flow").verbose_name)
    notices_need_approval = forms.BooleanField(
        label="补正告知书、延期答复告知书（含第三十五条的说明理由通知书、延迟答复告知书）、第三方告知书也须审批",
        required=False,
    )
    review_authority = forms.CharField(
        label="行政复议机关",
        max_length=100,
        required=False,
        help_text="答复书中告知的复议机关。留空时为上级机关；垂直管理的机关请填写实际的复议机关。",
    )
    court = forms.CharField(
        label="行政诉讼受理法院", max_length=100, required=False, help_text="留空时写“有管辖权的人民法院”。"
    )
    online_receipt = forms.ChoiceField(
        label="在线申请的收到日期",
        required=False,
        help_text="本机关在公开指南中公布的规则（条例第三十一条）；在线申请页面据此告知申请人。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flow"].choices = AnswerSettings._meta.get_field("flow").choices
        self.fields["online_receipt"].choices = AnswerSettings._meta.get_field("online_receipt").choices


class LetterTemplateForm(Form):
    extra = forms.CharField(
        label="补充段落",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="放在法定内容之后、救济途径之前，如办理窗口、咨询方式。",
    )
    closing = forms.CharField(label="结束语", max_length=100, required=False, help_text="如：特此告知。")


def _managed_body(request, code: str) -> Body:
    body = get_object_or_404(Body, code=code)
    if not can_manage_body(request.user, body):
        raise PermissionDenied
    return body


@login_required
def answer_settings_page(request, code: str):
    body = _managed_body(request, code)
    current = answer_settings(body)
    initial = {name: getattr(current, name) for name in letter_settings.SETTING_FIELDS}
    form = AnswerSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_settings.answer_settings_save(actor=request.user, body=body, changes=form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已保存答复设置。")
            return redirect("answer-settings", code=code)
    context = {"body": body, "form": form, "keys": template_keys()}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "applications/answer_settings.html", context, status=status)


@login_required
def letter_template_page(request, code: str, key: str):
    body = _managed_body(request, code)
    keys = dict(template_keys())
    if key not in keys:
        raise Http404("没有这种文书。")
    saved = template_for(body, key)
    initial = {"extra": saved.extra, "closing": saved.closing} if saved else {}
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_settings.letter_template_save(actor=request.user, body=body, key=key, **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已保存文书模板：{keys[key]}。")
            return redirect("letter-template", code=code, key=key)
    ground = GROUNDS_BY_CODE.get(key)
    locked = ground.paragraph({name: f"〔{label}〕" for name, label in FACTS.items()}) if ground else ""
    context = {"body": body, "form": form, "label": keys[key], "locked": locked, "ground": ground}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "applications/letter_template.html", context, status=status)
