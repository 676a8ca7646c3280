"""Composing a body's letters: the locked legal parts from core.letter_grounds, the parts its 管理员
may adjust (LetterTemplate), and the remedies with the 复议机关 and court of its AnswerSettings."""

from __future__ import annotations

from datetime import date

from gongkai.applications.models import AnswerSettings, LetterKind, LetterTemplate
from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError
from gongkai.core.letter_grounds import GROUNDS, Ground, remedies

DEFAULT_COURT = "有管辖权的人民法院"
DEFAULT_CLOSING = {LetterKind.CONSULTATION: "特此函告。", LetterKind.FEE_NOTICE: "特此通知。"}


def answer_settings(body: Body) -> AnswerSettings:
    """The body's settings, or the defaults (拟办 → 审核 → 签发, remedies at the parent) if never saved."""
    found = AnswerSettings.objects.filter(body=body).first()
    return found if found is not None else AnswerSettings(body=body)


def review_authority(body: Body, on: date) -> str:
    """The 复议机关 the letter names: the body's setting, else its parent (right for a 街道 or a
    department, whose review lies with the people's government above), else a generic phrase."""
    configured = answer_settings(body).review_authority.strip()
    if configured:
        return configured
    version = body.version_on(on) or body.versions.first()
    parent = version.parent.version_on(on) if version and version.parent else None
    return parent.name if parent else "上一级行政机关"


def remedy_sentence(body: Body, on: date, **wording: str) -> str:
    court = answer_settings(body).court.strip() or DEFAULT_COURT
    return remedies(review_authority=review_authority(body, on), court=court, **wording)


def template_for(body: Body, key: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(body=body, key=key).first()


def closing_for(body: Body, key: str, kind: str) -> str:
    template = template_for(body, key)
    if template is not None and template.closing.strip():
        return template.closing.strip()
    return DEFAULT_CLOSING.get(kind, "特此告知。")


def extra_paragraph(body: Body, key: str) -> str:
    template = template_for(body, key)
    return template.extra.strip() if template is not None else ""


def ground_paragraphs(ground: Ground, facts: dict[str, str]) -> tuple[str, ...]:
    """The locked paragraph of the ground; a reason given where the wording has no place for it
    follows as 说明. Refuses, naming the fields, when a fact the ground needs is missing."""
    missing = ground.missing(facts)
    if missing:
        raise ServiceError(f"{ground.label}的答复须写明：{'、'.join(missing)}。")
    paragraphs = [ground.paragraph(facts)]
    reason = (facts.get("reason") or "").strip()
    if reason and "{reason}" not in ground.wording:
        paragraphs.append(f"说明：{reason}")
    return tuple(paragraphs)


def grounds_for_form() -> list[tuple[str, str]]:
    return [(g.code, g.label) for g in GROUNDS]


def template_keys() -> list[tuple[str, str]]:
    """Every letter a 管理员 can adjust: each ground of an answer, and each notice."""
    notices = [(k.value, k.label) for k in LetterKind if k is not LetterKind.ANSWER]
    return [(g.code, f"答复书：{g.label}") for g in GROUNDS] + notices
