"""The notices and answers of a case, written from its data, rendered, numbered and archived.

Texts follow the usual wording of these 文书 with the legal basis filled in; an answer's wording
and citation come from its ground (core.letter_grounds), and the applicant's remedies (行政复议
within 60 days, 行政诉讼 within 6 months, naming where) close every answer (letter_texts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import art35_records, letter_texts, notify
from gongkai.applications.audit import audit_on
from gongkai.applications.models import Application, DeliveryChannel, IssuedLetter, LetterKind
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files, store
from gongkai.core.fees import Fee
from gongkai.core.letter_grounds import REGULATION, Ground
from gongkai.core.outcomes import outcome
from gongkai.core.written_dates import chinese_date
from gongkai.documents.letter import Letter, render_docx, render_pdf
from gongkai.registry.serials import next_serial

if TYPE_CHECKING:
    from django.contrib.auth.models import User


ABBREVIATIONS = {
    LetterKind.ACKNOWLEDGEMENT: "受",
    LetterKind.SUPPLEMENT_NOTICE: "补",
    LetterKind.EXTENSION_NOTICE: "延",
    LetterKind.CONSULTATION: "征",
    LetterKind.FEE_NOTICE: "费",
    LetterKind.ANSWER: "答",
    LetterKind.TERMINATION: "终",
    LetterKind.DISCLOSURE_NOTICE: "告",
    LetterKind.ART35_REASON_NOTICE: "理",
    LetterKind.ART35_DELAY_NOTICE: "迟",
}


@dataclass(frozen=True)
class Draft:
    """What a letter says before it is numbered: the number is taken only when it is issued."""

    kind: str
    recipient: str
    paragraphs: tuple[str, ...]  # the locked parts, in order
    legal_basis: str
    remedy: str = ""  # the applicant's remedies, last paragraph (answers)
    template_key: str = ""  # the LetterTemplate adjusting it; its kind when empty


def _received(application: Application) -> str:
    return (
        f"本机关于{chinese_date(application.received_on)}收到您提出的政府信息公开申请"
        f"（申请编号：{application.number}），申请获取“{application.information_requested}”。"
    )


def acknowledgement(application: Application, *, due_on: date) -> Draft:
    return Draft(
        LetterKind.ACKNOWLEDGEMENT,
        application.applicant_name,
        (
            _received(application),
            f"本机关将在{chinese_date(due_on)}前予以答复。您可凭查询码 {application.query_code} 查询办理进度。",
        ),
        f"{REGULATION}第三十一条、第三十三条",
    )


def supplement_notice(application: Application, *, missing: str, working_days: int) -> Draft:
    if not missing.strip():
        raise ServiceError("请写明需要补正的内容（条例第三十条要求一次性告知）。")
    return Draft(
        LetterKind.SUPPLEMENT_NOTICE,
        application.applicant_name,
        (
            _received(application),
            f"经审查，您的申请内容不够明确。请您自收到本告知书之日起{working_days}个工作日内补正以下内容：{missing}",
            "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
        f"{REGULATION}第三十条",
    )


def extension_notice(application: Application, *, days: int, new_due_on: date, reason: str) -> Draft:
    return Draft(
        LetterKind.EXTENSION_NOTICE,
        application.applicant_name,
        (
            _received(application),
            f"因{reason}，不能在规定期限内答复。经政府信息公开工作机构负责人同意，答复期限延长{days}个工作日，"
            f"本机关将在{chinese_date(new_due_on)}前予以答复。",
        ),
        f"{REGULATION}第三十三条第二款",
    )


def _consulted_about(application: Application) -> str:
    return (
        f"本机关于{chinese_date(application.received_on)}收到政府信息公开申请（申请编号：{application.number}），"
        f"申请公开“{application.information_requested}”。"
    )


def consultation(application: Application, *, third_party: str, concerns: str) -> Draft:
    """征求意见函 to a third party (条例第三十二条): silence leaves the decision to the body."""
    return Draft(
        LetterKind.CONSULTATION,
        third_party,
        (
            _consulted_about(application) + f"该信息可能涉及贵方{concerns}，公开可能损害贵方合法权益。"
            f"根据{REGULATION}第三十二条的规定，现书面征求贵方意见。",
            "请贵方自收到本函之日起15个工作日内提出书面意见；不同意公开的，请说明理由。"
            "逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
            "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
            "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
        ),
        f"{REGULATION}第三十二条",
    )


def co_producer_consultation(application: Application, *, body_name: str) -> Draft:
    """征求意见函 to a body that made the information with this one (条例第三十四条): silence is consent."""
    return Draft(
        LetterKind.CONSULTATION,
        body_name,
        (
            _consulted_about(application) + "该政府信息由本机关与贵机关共同制作。"
            f"根据{REGULATION}第三十四条的规定，现征求贵机关意见。",
            "请贵机关自收到本函之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。",
        ),
        f"{REGULATION}第三十四条",
    )


def third_party_notice(
    application: Application, *, consultation, content: str, reason: str, remedy: str
) -> Draft:
    """第三方告知书 (条例第三十二条): the body discloses over the third party's objection in the public
    interest and tells it, before disclosing, what it will disclose and why."""
    consulted = consultation.letter
    return Draft(
        LetterKind.DISCLOSURE_NOTICE,
        consultation.party,
        (
            f"本机关于{chinese_date(consulted.issued_on)}向贵方发出《征求意见函》（{consulted.number}），"
            f"就政府信息公开申请（申请编号：{application.number}）征求贵方意见。"
            f"贵方于{chinese_date(consultation.answered_on)}提出不同意公开的意见，理由为：{consultation.reason.rstrip('。')}。",
            f"本机关认为不公开可能对公共利益造成重大影响。根据{REGULATION}第三十二条的规定，本机关决定予以公开，"
            "现将决定公开的政府信息内容和理由书面告知如下。",
            f"决定公开的政府信息内容：{content.strip().rstrip('。')}。",
            f"决定公开的理由：{reason.strip().rstrip('。')}。",
        ),
        f"{REGULATION}第三十二条",
        remedy=remedy,
    )


def fee_notice(application: Application, *, fee: Fee) -> Draft:
    return Draft(
        LetterKind.FEE_NOTICE,
        application.applicant_name,
        (
            _received(application),
            "您申请的数量、频次明显超过合理范围，本机关依法收取信息处理费。" + "".join(fee.explanation()),
            "请您自收到本通知之日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
        fee.basis,
    )


def termination(
    application: Application, *, notice: IssuedLetter, missed: str, closed_on: date, basis: str
) -> Draft:
    """终止处理告知书: the applicant let the period of `notice` (补正告知书 or 收费通知书) pass."""
    delivered = f"，已于{chinese_date(notice.delivered_on)}送达" if notice.delivered_on else ""
    return Draft(
        LetterKind.TERMINATION,
        application.applicant_name,
        (
            _received(application),
            f"本机关于{chinese_date(notice.issued_on)}向您出具《{LetterKind(notice.kind).label}》"
            f"（{notice.number}）{delivered}。您未在规定期限内{missed}，视为放弃申请。",
            f"本机关自{chinese_date(closed_on)}起终止处理您的该项政府信息公开申请。",
        ),
        basis,
    )


def answer(application: Application, *, ground: Ground, facts: dict[str, str], remedy: str) -> Draft:
    """The 答复书: the ground's locked wording and citation (条例第三十六条至第三十九条), and the remedies."""
    if ground.code == art35_records.GROUND and "art35_reply" not in facts:
        facts = {**facts, "art35_reply": art35_records.reply_clause(application)}
    return Draft(
        LetterKind.ANSWER,
        application.applicant_name,
        (_received(application), *letter_texts.ground_paragraphs(ground, facts)),
        ground.citation or outcome(ground.outcome_code).basis,
        remedy=remedy,
        template_key=ground.code,
    )


# --- 条例第三十五条 (art35) ---


def art35_reason_notice(application: Application, *, grounds: str, counts: str, reply_by: date) -> Draft:
    """说明理由通知书: why the requests look beyond a reasonable range, and the date to answer by."""
    if not grounds.strip():
        raise ServiceError("请写明认为申请数量、频次明显超过合理范围的情况。")
    return Draft(
        LetterKind.ART35_REASON_NOTICE,
        application.applicant_name,
        (
            _received(application),
            f"经审查，本机关认为您申请公开政府信息的数量、频次明显超过合理范围：{grounds.strip().rstrip('。')}。"
            + (f"据本机关登记记录，{counts}" if counts else ""),
            f"请您于{chinese_date(reply_by)}前向本机关书面说明申请理由。本机关认为申请理由不合理的，"
            "将告知您不予处理；认为申请理由合理，但无法在规定期限内答复的，将确定延迟答复的合理期限并告知您。",
        ),
        f"{REGULATION}第三十五条",
    )


def art35_delay_notice(application: Application, *, due_on: date, reason: str) -> Draft:
    """延迟答复告知书: the reason is reasonable, but the answer cannot be made within 第三十三条's period."""
    if not reason.strip():
        raise ServiceError("请写明无法在规定期限内答复的原因。")
    return Draft(
        LetterKind.ART35_DELAY_NOTICE,
        application.applicant_name,
        (
            _received(application),
            "经审查，本机关认为您说明的申请理由合理，但因"
            f"{reason.strip().rstrip('。')}，无法在{REGULATION}第三十三条规定的期限内答复。",
            f"本机关确定延迟答复的期限至{chinese_date(due_on)}，将在该日前予以答复。",
        ),
        f"{REGULATION}第三十五条",
    )


def compose(application: Application, draft: Draft, *, number: str, dated: date) -> Letter:
    """The letter as it reads: the locked parts, the body's own paragraph, the remedies, its closing."""
    body = application.body
    version = body.version_on(dated) or body.versions.first()
    key = draft.template_key or draft.kind
    extra = letter_texts.extra_paragraph(body, key)
    paragraphs = draft.paragraphs + ((extra,) if extra else ()) + ((draft.remedy,) if draft.remedy else ())
    return Letter(
        title=LetterKind(draft.kind).label,
        number=number,
        recipient=draft.recipient,
        paragraphs=paragraphs,
        sender=version.name,
        dated=dated,
        legal_basis=draft.legal_basis,
        notes=(f"联系电话：{version.office_phone}  地址：{version.office_address}",),
        closing=letter_texts.closing_for(body, key, draft.kind),
    )


UNNUMBERED = "（文号于签发时生成）"


def preview(application: Application, draft: Draft, *, on: date) -> Letter:
    """What the letter will say if signed on the day: no number yet (文号 only when signed)."""
    return compose(application, draft, number=UNNUMBERED, dated=on)


@atomic_with_files()
def letter_issue(*, actor: User, application: Application, draft: Draft, issued_on: date) -> IssuedLetter:
    """Number the draft, render it as DOCX and PDF, and archive both on the case."""
    version = application.body.version_on(issued_on) or application.body.versions.first()
    serial = next_serial(body=application.body, year=issued_on.year, series=f"letter:{draft.kind}")
    short = version.short_name or version.name
    number = f"{short}依申{ABBREVIATIONS[draft.kind]}〔{issued_on.year}〕{serial}号"
    letter = compose(application, draft, number=number, dated=issued_on)
    issued = IssuedLetter(
        body=application.body,
        application=application,
        kind=draft.kind,
        year=issued_on.year,
        serial=serial,
        number=number,
        issued_on=issued_on,
        recipient=draft.recipient,
        text=letter.plain_text(),
        issued_by=actor,
    )
    stem = f"{application.number}-{draft.kind}-{serial}"
    store(issued.docx, f"{stem}.docx", render_docx(letter))
    store(issued.pdf, f"{stem}.pdf", render_pdf(letter))
    issued.save()
    audit_on(
        issued,  # issued.body is the case's body
        actor=actor,
        action="letter.issue",
        summary=f"出具{LetterKind(draft.kind).label} {number}（{application.number}）",
        after={"number": number, "kind": draft.kind},
        legal_basis=draft.legal_basis,
    )
    notify.letter_issued(issued)
    return issued


@transaction.atomic
def letter_deliver(
    *, actor: User, letter: IssuedLetter, channel: str, delivered_on: date, today: date
) -> IssuedLetter:
    if channel not in DeliveryChannel.values:
        raise ServiceError("送达方式无效。")
    if delivered_on < letter.issued_on or delivered_on > today:
        raise ServiceError(f"送达日期应在出具日期（{letter.issued_on}）与今天之间。")
    if letter.delivered_on is not None:
        raise ServiceError("该文书已记录送达。")
    letter.delivered_on = delivered_on
    letter.delivery_channel = channel
    letter.save(update_fields=["delivered_on", "delivery_channel"])
    audit_on(
        letter,
        actor=actor,
        action="letter.deliver",
        summary=f"{letter.number} 已{DeliveryChannel(channel).label}（{delivered_on}）",
        after={"delivered_on": delivered_on.isoformat(), "channel": channel},
    )
    return letter
