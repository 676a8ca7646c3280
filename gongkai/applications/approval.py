"""Approval of what goes out: 拟办 (the 经办人 drafts) → 审核 (审核人) → 签发 (负责人), or 退回 with a reason.

An answer is always approved; a 补正 or 延期 notice (and the 第三十五条 notices and the 第三方告知书)
when the body's AnswerSettings asks for it.
A body whose flow is `one_step` lets its 负责人 draft and sign at once. The draft stores the facts
of the handling step; signing runs that step (applications.handling) on the day of signing, so the
letter is numbered and dated only then. Roles are those held on the day, AB岗 backups included
(bodies.selectors.roles_held); every step goes to the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from gongkai.applications import art35, consultations, handling, letter_texts, letters
from gongkai.applications.clock import clock_state_with
from gongkai.applications.letter_texts import answer_settings
from gongkai.applications.models import (
    AnswerDraft,
    Application,
    ApprovalFlow,
    DraftState,
    IssuedLetter,
)
from gongkai.auditlog.services import audit_record
from gongkai.bodies.models import Role
from gongkai.bodies.selectors import acting_for, roles_held
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files
from gongkai.core.answer_clock import ClockError, Entry, EntryKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Step:
    label: str
    is_notice: bool  # approved only where the body's setting asks for it
    draft: Callable  # (application, facts, on) -> letters.Draft, for the preview
    run: Callable  # (actor, application, facts, on, today) -> IssuedLetter


def _answer_draft(application, facts, on):
    ground = handling.answer_ground(ground_code=facts.get("ground", ""))
    remedy = letter_texts.remedy_sentence(application.body, on)
    return letters.answer(application, ground=ground, facts=facts, remedy=remedy)


def _run_answer(actor: User, application, facts, on, today):
    return handling.application_decide(
        actor=actor,
        application=application,
        ground_code=facts["ground"],
        reason=facts.get("reason", ""),
        access=facts.get("access", ""),
        withheld=facts.get("withheld", ""),
        objected_part_withheld=bool(facts.get("objected_part_withheld")),
        on=on,
        today=today,
    )


def _redirect_facts(facts) -> dict:
    reason = f"负责公开该政府信息的机关为{facts['competent_body'].strip()}"
    reason += f"，联系方式：{facts['contact'].strip()}" if facts.get("contact", "").strip() else ""
    return {"ground": "36-5", "reason": reason}


def _extension_draft(application, facts, on):
    try:
        due = clock_state_with(application, Entry(EntryKind.EXTENSION_APPROVED, on, facts["days"])).due_on
    except ClockError as error:
        raise ServiceError(str(error)) from error
    return letters.extension_notice(application, days=facts["days"], new_due_on=due, reason=facts["reason"])


STEPS: dict[str, Step] = {
    "decide": Step("答复书", False, _answer_draft, _run_answer),
    "redirect": Step(
        "答复书（告知向其他机关申请）",
        False,
        lambda app, facts, on: _answer_draft(app, _redirect_facts(facts), on),
        lambda actor, app, facts, on, today: handling.application_redirect(
            actor=actor,
            application=app,
            competent_body=facts["competent_body"],
            contact=facts.get("contact", ""),
            on=on,
            today=today,
        ),
    ),
    "supplement": Step(
        "补正告知书",
        True,
        lambda app, facts, on: letters.supplement_notice(
            app, missing=facts["missing"], working_days=facts["working_days"]
        ),
        lambda actor, app, facts, on, today: handling.supplement_request(
            actor=actor,
            application=app,
            on=on,
            missing=facts["missing"],
            working_days=facts["working_days"],
            today=today,
        ),
    ),
    "extend": Step(
        "延期答复告知书",
        True,
        _extension_draft,
        lambda actor, app, facts, on, today: handling.extension_approve(
            actor=actor, application=app, on=on, days=facts["days"], reason=facts["reason"], today=today
        ),
    ),
    # 条例第三十五条 (art35): notices, approved where the body's setting asks for it
    "art35_reason": Step(
        "说明理由通知书",
        True,
        art35.reason_notice_draft,
        lambda actor, app, facts, on, today: art35.reason_request(
            actor=actor,
            application=app,
            on=on,
            grounds=facts["grounds"],
            reply_by=facts["reply_by"],
            today=today,
        ),
    ),
    "art35_delay": Step(
        "延迟答复告知书（第三十五条）",
        True,
        art35.delay_notice_draft,
        lambda actor, app, facts, on, today: art35.delay_fix(
            actor=actor, application=app, on=on, due_on=facts["due_on"], reason=facts["reason"], today=today
        ),
    ),
    # 条例第三十二条: the 第三方告知书 goes to the third party, not the applicant, but it is the
    # body's decision to disclose over an objection; approved like the other notices.
    "public_interest": Step(
        "第三方告知书",
        True,
        consultations.public_interest_draft,
        lambda actor, app, facts, on, today: consultations.public_interest_disclosure(
            actor=actor,
            application=app,
            consultation_id=facts.get("consultation"),
            on=on,
            content=facts["content"],
            reason=facts["reason"],
            today=today,
        ),
    ),
}


def needs_approval(application: Application, step: str) -> bool:
    return not STEPS[step].is_notice or answer_settings(application.body).notices_need_approval


def _roles(actor: User, application: Application, today: date) -> set[str]:
    return set() if actor.is_superuser else roles_held(user=actor, body=application.body, on=today)


def _may_draft(actor: User, application: Application, today: date) -> bool:
    """The assigned 经办人, the AB岗 backup acting for them, or the 负责人."""
    if actor.is_superuser or Role.HEAD in _roles(actor, application, today):
        return True
    if application.assigned_to_id is None:
        return False
    if application.assigned_to_id == actor.pk:
        return True
    return any(
        a.user_id == application.assigned_to_id and a.body_id == application.body_id and a.role == Role.CLERK
        for a in acting_for(user=actor, on=today)
    )


def preview(draft: AnswerDraft, *, on: date):
    """The letter as it would be signed on the day (no 文号 yet)."""
    step = STEPS[draft.step]
    return letters.preview(draft.application, step.draft(draft.application, draft.facts, on), on=on)


def _audit(actor: User, draft: AnswerDraft, action: str, summary: str, **after) -> None:
    audit_record(
        actor=actor,
        action=f"answer.{action}",
        summary=f"{draft.application.number}：{summary}",
        body=draft.application.body,
        target=draft.application,
        after={"draft": draft.pk, "step": draft.step, "state": draft.state, **after},
        legal_basis="《政府信息公开条例》第四十五条",
    )


@atomic_with_files()
def draft_propose(*, actor: User, application: Application, step: str, facts: dict, on: date, today: date):
    """拟办. Returns the draft; where no approval applies (a notice, or the 负责人 of a one-step
    body) the step is run at once, dated `on`, and its letter returned. `facts` are JSON: they wait
    in the draft until 签发, which dates the letter."""
    if step not in STEPS:
        raise ServiceError("没有这个办理事项。")
    application = Application.objects.select_for_update().get(pk=application.pk)
    is_head = actor.is_superuser or Role.HEAD in _roles(actor, application, today)
    one_step = answer_settings(application.body).flow == ApprovalFlow.ONE_STEP
    if not needs_approval(application, step):
        return STEPS[step].run(actor, application, facts, on, today)
    if one_step and is_head:
        letter = STEPS[step].run(actor, application, facts, on, today)
        audit_record(
            actor=actor,
            action="answer.sign",
            summary=f"{application.number}：负责人拟办并签发{STEPS[step].label} {letter.number}",
            body=application.body,
            target=application,
            after={"step": step, "letter": letter.number},
            legal_basis="《政府信息公开条例》第四十五条",
        )
        return letter
    if not _may_draft(actor, application, today):
        raise ServiceError("拟办须由本申请的经办人（或其AB岗）或负责人进行；请先分配经办人。")
    if application.drafts.filter(
        state__in=[DraftState.AWAITING_REVIEW, DraftState.AWAITING_SIGNATURE]
    ).exists():
        raise ServiceError("本申请已有待审批的拟办文书，请待其签发或退回后再拟办。")
    draft = AnswerDraft(
        application=application,
        step=step,
        facts=facts,
        drafted_by=actor,
        state=DraftState.AWAITING_SIGNATURE if one_step else DraftState.AWAITING_REVIEW,
    )
    STEPS[step].draft(application, facts, today)  # refuses now, naming the field, what 签发 would refuse
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        raise ServiceError("本申请已有待审批的拟办文书。") from None
    _audit(actor, draft, "draft", f"拟办{STEPS[step].label}，送{draft.get_state_display()[1:]}")
    return draft


def _locked(draft: AnswerDraft, *states: str) -> AnswerDraft:
    fresh = AnswerDraft.objects.select_for_update().select_related("application__body").get(pk=draft.pk)
    if fresh.state not in states:
        raise ServiceError(f"该拟办文书当前为“{fresh.get_state_display()}”，不能进行此操作。")
    return fresh


@transaction.atomic
def draft_review(*, actor: User, draft: AnswerDraft, today: date) -> AnswerDraft:
    """审核: a 审核人 (or their acting backup) other than the drafter passes it on to the 负责人."""
    draft = _locked(draft, DraftState.AWAITING_REVIEW)
    if Role.REVIEWER not in _roles(actor, draft.application, today) and not actor.is_superuser:
        raise ServiceError("审核须由本机关审核人（或其AB岗）进行。")
    if draft.drafted_by_id == actor.pk:
        raise ServiceError("拟办人不能审核自己拟办的文书。")
    draft.state = DraftState.AWAITING_SIGNATURE
    draft.reviewed_by = actor
    draft.save(update_fields=["state", "reviewed_by"])
    _audit(actor, draft, "review", f"审核通过{STEPS[draft.step].label}，送负责人签发")
    return draft


@transaction.atomic
def draft_return(*, actor: User, draft: AnswerDraft, reason: str, today: date) -> AnswerDraft:
    """退回 with a reason, by the 审核人 at 审核 or the 负责人 at either step; the 经办人 drafts anew."""
    draft = _locked(draft, DraftState.AWAITING_REVIEW, DraftState.AWAITING_SIGNATURE)
    roles = _roles(actor, draft.application, today)
    may = Role.HEAD in roles or (draft.state == DraftState.AWAITING_REVIEW and Role.REVIEWER in roles)
    if not (may or actor.is_superuser):
        raise ServiceError("只有审核人（审核时）或负责人可以退回。")
    if not reason.strip():
        raise ServiceError("请写明退回理由。")
    draft.state = DraftState.RETURNED
    draft.returned_by = actor
    draft.return_reason = reason.strip()[:300]
    draft.save(update_fields=["state", "returned_by", "return_reason"])
    _audit(actor, draft, "return", f"退回{STEPS[draft.step].label}：{draft.return_reason}", reason=reason)
    return draft


@atomic_with_files()
def draft_sign(*, actor: User, draft: AnswerDraft, on: date, today: date) -> IssuedLetter:
    """签发 by the 负责人 (or their acting backup): the step runs now, and the letter gets its 文号 and date."""
    draft = _locked(draft, DraftState.AWAITING_SIGNATURE)
    if Role.HEAD not in _roles(actor, draft.application, today) and not actor.is_superuser:
        raise ServiceError("签发须由本机关负责人（或其AB岗）进行。")
    application = Application.objects.select_for_update().get(pk=draft.application_id)
    letter = STEPS[draft.step].run(actor, application, draft.facts, on, today)
    draft.state = DraftState.SIGNED
    draft.signed_by = actor
    draft.letter = letter
    draft.save(update_fields=["state", "signed_by", "letter"])
    _audit(actor, draft, "sign", f"签发{STEPS[draft.step].label} {letter.number}", letter=letter.number)
    return letter


def may_take(actor: User, draft: AnswerDraft, step: str, today: date) -> bool:
    """Whether the case page offers the step to this user (the services check it again)."""
    roles = _roles(actor, draft.application, today)
    if actor.is_superuser:
        return True
    if step == "review":
        return (
            draft.state == DraftState.AWAITING_REVIEW
            and Role.REVIEWER in roles
            and draft.drafted_by_id != actor.pk
        )
    if step == "sign":
        return draft.state == DraftState.AWAITING_SIGNATURE and Role.HEAD in roles
    if step == "return":
        return Role.HEAD in roles or (draft.state == DraftState.AWAITING_REVIEW and Role.REVIEWER in roles)
    return False
