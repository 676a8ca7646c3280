"""A 管理员 adjusts how the body answers: its approval flow, the 复议机关 and court its letters name,
and the parts of each letter that are not law (a paragraph of its own, the closing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications.audit import audit_on
from gongkai.applications.letter_texts import answer_settings, template_keys
from gongkai.applications.models import AnswerSettings, ApprovalFlow, LetterTemplate
from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


SETTING_FIELDS = ("flow", "notices_need_approval", "review_authority", "court", "online_receipt")


@transaction.atomic
def answer_settings_save(*, actor: User, body: Body, changes: dict) -> AnswerSettings:
    if changes.get("flow") not in ApprovalFlow.values:
        raise ServiceError("答复审批流程无效。")
    receipt_rules = dict(AnswerSettings._meta.get_field("online_receipt").choices)
    if changes.get("online_receipt", "") not in receipt_rules:
        raise ServiceError("在线申请的收到日期规则无效。")
    settings_ = answer_settings(body)
    before = {name: getattr(settings_, name) for name in SETTING_FIELDS}
    for name in SETTING_FIELDS:
        value = changes.get(name, before[name])
        setattr(settings_, name, value.strip() if isinstance(value, str) else value)
    settings_.save()
    audit_on(
        settings_,
        actor=actor,
        action="answer_settings.save",
        summary=f"修改{body}的答复设置",
        before=before,
        after={name: getattr(settings_, name) for name in SETTING_FIELDS},
    )
    return settings_


@transaction.atomic
def letter_template_save(*, actor: User, body: Body, key: str, extra: str, closing: str) -> LetterTemplate:
    if key not in dict(template_keys()):
        raise ServiceError("没有这种文书。")
    template, _ = LetterTemplate.objects.get_or_create(body=body, key=key)
    before = {"extra": template.extra, "closing": template.closing}
    template.extra, template.closing = extra.strip(), closing.strip()
    template.save()
    audit_on(
        template,
        actor=actor,
        action="letter_template.save",
        summary=f"修改{body}的文书模板：{dict(template_keys())[key]}",
        before=before,
        after={"extra": template.extra, "closing": template.closing},
    )
    return template
