"""A 管理员 adjusts how the body answers: its approval flow, the 复议机关 and court its letters name,
and the parts of each letter that are not law (a paragraph of its own, the closing)."""

from __future__ import annotations

from django.db import transaction

from gongkai.applications.letter_texts import answer_settings, template_keys
from gongkai.applications.models import AnswerSettings, ApprovalFlow, LetterTemplate
from gongkai.auditlog.services import audit_record
from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError

SETTING_FIELDS = ("flow", "notices_need_approval", "review_authority", "court", "online_receipt")


@transaction.atomic
def answer_settings_save(*, actor, body: Body, changes: dict) -> AnswerSettings:
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
    audit_record(
        actor=actor,
        action="answer_settings.save",
        summary=f"修改{body}的答复设置",
        body=body,
        target=settings_,
        before=before,
        after={name: getattr(settings_, name) for name in SETTING_FIELDS},
    )
    return settings_


@transaction.atomic
def letter_template_save(*, actor, body: Body, key: str, extra: str, closing: str) -> LetterTemplate:
    if key not in dict(template_keys()):
        raise ServiceError("没有这种文书。")
    template, _ = LetterTemplate.objects.get_or_create(body=body, key=key)
    before = {"extra": template.extra, "closing": template.closing}
    template.extra, template.closing = extra.strip(), closing.strip()
    template.save()
    audit_record(
        actor=actor,
        action="letter_template.save",
        summary=f"修改{body}的文书模板：{dict(template_keys())[key]}",
        body=body,
        target=template,
        before=before,
        after={"extra": template.extra, "closing": template.closing},
    )
    return template
