"""Consulting a third party (条例第三十二条) or a co-producing body (第三十四条): the 征求意见函, the
position it gets back, and the 第三方告知书 when the body discloses over an objection.

Each step runs in one transaction with its ledger entry (the clock pauses while a party holds the
case, applications.handling's helpers), its letter and its audit entry on the case (so the 案卷's
timeline lists it). The rules are gongkai.core.consultations'; the answer that discloses is held back
by applications.disclosure_gate.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import handling, letter_texts, letters
from gongkai.applications.audit import audit_on
from gongkai.applications.clock import current_calendar, refresh_due_date
from gongkai.applications.disclosure_gate import facts_of
from gongkai.applications.models import (
    Application,
    ClockEventKind,
    Consultation,
    IssuedLetter,
    Status,
)
from gongkai.bodies.models import Role
from gongkai.bodies.permissions import has_role
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files
from gongkai.core import consultations as rules
from gongkai.core.letter_grounds import REGULATION
from gongkai.core.workcalendar import UnknownYearError, fmt

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _basis(party: rules.Party) -> str:
    return f"《政府信息公开条例》{rules.PARTY_ARTICLES[party]}"


@atomic_with_files()
def consultation_send(
    *,
    actor: User,
    application: Application,
    on: date,
    third_party: str,
    concerns: str,
    today: date,
    party_kind: str = rules.Party.THIRD_PARTY,
) -> IssuedLetter:
    """The 征求意见函; the time the party takes is not counted (条例第三十二条、第三十四条), up to the
    15 working days from its delivery."""
    handling._require(application, Status.REGISTERED, Status.IN_PROGRESS)
    handling._check_date(application, on, today)
    name = third_party.strip()
    if party_kind not in {p.value for p in rules.Party}:
        raise ServiceError("征求意见对象应为第三方或共同制作机关。")
    party = rules.Party(party_kind)
    if not name:
        raise ServiceError("请填写征求意见对象的名称。")
    if party is rules.Party.CO_PRODUCER:
        draft = letters.co_producer_consultation(application, body_name=name)
    else:
        draft = letters.consultation(application, third_party=name, concerns=concerns.strip() or "合法权益")
    label = rules.PARTY_LABELS[party].split("（")[0]
    event = handling._record(
        application,
        ClockEventKind.CONSULTATION_SENT,
        on,
        actor,
        note=f"{label}：{name}"[:300],
        basis=_basis(party),
    )
    handling._set_status(application, Status.IN_PROGRESS)
    letter = handling._issue_notice(actor, application, event, draft, on)
    Consultation.objects.create(
        application=application, party_kind=party, party=name, concerns=concerns.strip(), letter=letter
    )
    refresh_due_date(application)
    return letter


def _pick(
    application: Application, consultation_id: int | None, *, pending: bool, lock: bool = True
) -> Consultation:
    """The consultation a step is about: the one named, or the only one that fits. A preview
    (lock=False) reads it outside a transaction, where select_for_update is refused."""
    rows = (Consultation.objects.select_for_update() if lock else Consultation.objects).filter(
        application=application
    )
    if consultation_id:
        found = rows.filter(pk=consultation_id).first()
        if found is None:
            raise ServiceError("本申请没有这项征求意见。")
        return found
    candidates = list(rows.filter(position="") if pending else rows.filter(position="object"))
    if not candidates:
        raise ServiceError("没有等待答复的征求意见。" if pending else "没有第三方不同意公开的征求意见。")
    if len(candidates) > 1:
        raise ServiceError("本申请有多项征求意见，请选择是哪一项。")
    return candidates[0]


@transaction.atomic
def consultation_answer(
    *,
    actor: User,
    application: Application,
    on: date,
    position: str,
    today: date,
    reason: str = "",
    consultation_id: int | None = None,
) -> Consultation:
    """The party's position: 同意公开, 不同意公开 with its reason, or 逾期未提出意见 once its 15
    working days from delivery have passed (for a co-producing body: consent, 第三十四条)."""
    handling._require(application, Status.IN_PROGRESS)
    handling._check_date(application, on, today)
    consultation = _pick(application, consultation_id, pending=True)
    if position not in {p.value for p in rules.Position}:
        raise ServiceError("意见应为同意公开、不同意公开或逾期未提出意见。")
    chosen = rules.Position(position)
    try:
        rules.check_position(facts_of(consultation), chosen, reason, on, current_calendar())
    except (rules.ConsultationError, UnknownYearError) as error:
        raise ServiceError(str(error)) from error
    consultation.position = chosen
    consultation.reason = reason.strip() if chosen is rules.Position.OBJECT else ""
    consultation.answered_on = on
    consultation.answered_by = actor
    consultation.save(update_fields=["position", "reason", "answered_on", "answered_by"])
    meaning = rules.meaning(facts_of(consultation))
    party = rules.Party(consultation.party_kind)
    if chosen is rules.Position.SILENT:
        # The clock resumed by itself when the 15 days ended (core.answer_clock); nothing to enter.
        audit_on(
            application,
            actor=actor,
            action="application.consultation_silent",
            summary=f"{application.number}：{consultation.party}{meaning}（登记于{on}）",
            after={"consultation": consultation.pk, "position": chosen.value, "on": on.isoformat()},
            legal_basis=_basis(party),
        )
    else:
        handling._record(
            application,
            ClockEventKind.CONSULTATION_ANSWERED,
            on,
            actor,
            note=f"{consultation.party}：{meaning}"[:300],
            basis=_basis(party),
        )
    refresh_due_date(application)
    return consultation


def may_decide_public_interest(user, application: Application) -> bool:
    """Disclosing over a third party's objection is the body's decision: its 负责人 takes it."""
    return user.is_authenticated and (user.is_superuser or has_role(user, application.body, Role.HEAD))


def _public_interest(
    application: Application, facts: dict, on: date, *, lock: bool
) -> tuple[Consultation, letters.Draft]:
    """The consultation and the 第三方告知书 that disclosing it in the public interest would issue
    on `on`; everything issuing refuses (bar who decides and the date), refused here."""
    handling._require(application, Status.IN_PROGRESS)
    consultation = _pick(application, facts.get("consultation") or None, pending=False, lock=lock)
    if consultation.party_kind != rules.Party.THIRD_PARTY or consultation.position != rules.Position.OBJECT:
        raise ServiceError("只有第三方不同意公开的，才需因公共利益决定公开并出具第三方告知书。")
    if consultation.notice_id is not None:
        raise ServiceError(f"已就该项征求意见出具第三方告知书（{consultation.notice.number}）。")
    content, reason = facts.get("content", ""), facts.get("reason", "")
    needed = (("决定公开的政府信息内容", content), ("决定公开的理由", reason))
    missing = [label for label, value in needed if not value.strip()]
    if missing:
        raise ServiceError(f"因公共利益决定公开的，须写明：{'、'.join(missing)}。")
    remedy = letter_texts.remedy_sentence(application.body, on, decision="本决定", document="本告知书")
    draft = letters.third_party_notice(
        application, consultation=consultation, content=content, reason=reason, remedy=remedy
    )
    return consultation, draft


def public_interest_draft(application: Application, facts: dict, on: date) -> letters.Draft:
    """The 第三方告知书 for the 拟办 preview (approval.STEPS["public_interest"]); it refuses at 拟办
    what 签发 would refuse, so a draft that cannot be issued never reaches the 负责人."""
    return _public_interest(application, facts, on, lock=False)[1]


@atomic_with_files()
def public_interest_disclosure(
    *,
    actor: User,
    application: Application,
    on: date,
    content: str,
    reason: str,
    today: date,
    consultation_id: int | None = None,
) -> IssuedLetter:
    """条例第三十二条: the third party objected; the body finds that not disclosing may seriously
    affect the public interest and decides to disclose. The 第三方告知书 states what will be
    disclosed and why; the answer that discloses waits until its delivery is recorded. The decision
    is the 负责人's: they sign it (approval), or issue it at once where notices are not approved."""
    if not may_decide_public_interest(actor, application):
        raise ServiceError("因公共利益决定公开，须由本机关负责人决定。")
    handling._check_date(application, on, today)
    facts = {"consultation": consultation_id, "content": content, "reason": reason}
    consultation, draft = _public_interest(application, facts, on, lock=True)
    letter = letters.letter_issue(actor=actor, application=application, draft=draft, issued_on=on)
    consultation.notice = letter
    consultation.disclosed_content = content.strip()
    consultation.public_interest_reason = reason.strip()
    consultation.save(update_fields=["notice", "disclosed_content", "public_interest_reason"])
    audit_on(
        application,
        actor=actor,
        action="application.public_interest_disclosure",
        summary=f"{application.number}：第三方{consultation.party}不同意公开，因公共利益决定公开，"
        f"出具第三方告知书 {letter.number}",
        after={"consultation": consultation.pk, "notice": letter.number, "content": content.strip()},
        legal_basis=f"{REGULATION}第三十二条",
    )
    return letter


def consultation_panel(application: Application, today: date) -> dict:
    """The case page's list of consultations: party, kind, letter and its delivery, the reply period,
    the position and what it means, and the 告知书."""
    rows = []
    calendar = current_calendar()
    for consultation in application.consultations.select_related("letter", "notice"):
        facts = facts_of(consultation)
        ends = ""
        if facts.delivered_on is not None:
            try:
                ends = fmt(rules.reply_ends(facts.delivered_on, calendar))
            except UnknownYearError as error:
                ends = str(error)
        rows.append(
            {
                "consultation": consultation,
                "kind": rules.PARTY_LABELS[facts.party],
                "reply_ends": ends,
                "meaning": rules.meaning(facts),
            }
        )
    pending = [row["consultation"] for row in rows if not row["consultation"].position]
    objected = [
        row["consultation"]
        for row in rows
        if row["consultation"].position == rules.Position.OBJECT
        and row["consultation"].party_kind == rules.Party.THIRD_PARTY
        and row["consultation"].notice_id is None
    ]
    return {"consultations": rows, "pending_consultations": pending, "objected_consultations": objected}
