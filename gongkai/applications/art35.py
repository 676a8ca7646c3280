"""条例第三十五条: requests whose number or frequency is plainly beyond a reasonable range.

The steps: the 经办人 asks the applicant to 说明理由 by a date (说明理由通知书, with the applicant's
request counts from the records as evidence); the reason is recorded when it comes, or that none
came by the date, with the clerk's verdict. Then: not reasonable, or none - the answer 不予处理 on
ground "35" (the 答复书 quotes the reply, art35_records.reply_clause); reasonable but not
answerable within 第三十三条's period - a later, reasonable due date is fixed and told to the
applicant (延迟答复告知书), and from then on it is the case's due date (core.answer_clock);
reasonable and answerable in time - only the record. Whether the wait counts on the clock is the
UNCONFIRMED setting GONGKAI_ART35_REASON_PAUSES_CLOCK (core.answer_clock). Each step is one
transaction with its ledger entry, audit entry and letter, like the steps of applications.handling.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import art35_records, letters
from gongkai.applications.clock import clock_state_with, refresh_due_date
from gongkai.applications.handling import _check_date, _issue_notice, _record, _refuse_unlawful, _require
from gongkai.applications.models import (
    Application,
    ClockEventKind,
    IssuedLetter,
    ReasonRequest,
    ReasonVerdict,
    Status,
)
from gongkai.common.services import ServiceError
from gongkai.common.stored_files import atomic_with_files
from gongkai.core.answer_clock import ClockError, EntryKind, art35_entry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BASIS = "《政府信息公开条例》第三十五条"
HANDLED = (Status.REGISTERED, Status.IN_PROGRESS)


def as_date(value: date | str, label: str) -> date:
    """A date from a form, or from a draft's JSON facts (stored as ISO text until 签发)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ServiceError(f"{label}不是有效的日期。") from None


def reason_notice_draft(application: Application, facts: dict, on: date) -> letters.Draft:
    """The 说明理由通知书 as it would be issued on `on`, with the counts as of that day."""
    reply_by = as_date(facts["reply_by"], "说明理由期限")
    counts = art35_records.request_counts(application, on)
    return letters.art35_reason_notice(
        application,
        grounds=facts["grounds"],
        counts=art35_records.counts_sentence(counts, on),
        reply_by=reply_by,
    )


@atomic_with_files()
def reason_request(
    *, actor: User, application: Application, on: date, grounds: str, reply_by: date | str, today: date
) -> IssuedLetter:
    """Ask the applicant to 说明理由 by `reply_by`: once per case."""
    _require(application, *HANDLED)
    _check_date(application, on, today)
    if ReasonRequest.objects.filter(application=application).exists():
        raise ServiceError("本申请已要求申请人说明理由，不能重复发出。")
    if as_date(reply_by, "说明理由期限") <= on:  # checked on the day it is issued (签发, where approved)
        raise ServiceError(f"说明理由期限（{reply_by}）应晚于通知日期（{on}）。")
    draft = reason_notice_draft(application, {"grounds": grounds, "reply_by": reply_by}, on)
    entry = art35_entry(EntryKind.ART35_REASON_REQUESTED, on, as_date(reply_by, "说明理由期限"))
    _refuse_unlawful(application, entry)
    event = _record(
        application,
        ClockEventKind.ART35_REASON_REQUESTED,
        on,
        actor,
        days=entry.days,
        note=grounds.strip()[:300],
        basis=BASIS,
    )
    application.status = Status.IN_PROGRESS
    application.save(update_fields=["status"])
    letter = _issue_notice(actor, application, event, draft, on)
    ReasonRequest.objects.create(
        application=application,
        requested_on=on,
        reply_by=entry.until,
        grounds=grounds.strip(),
        counts=art35_records.request_counts(application, on),
        letter=letter,
    )
    refresh_due_date(application)
    return letter


@transaction.atomic
def reason_record(
    *, actor: User, application: Application, on: date, verdict: str, text: str, today: date
) -> ReasonRequest:
    """The reason received on `on` with its text and the clerk's verdict, or that none came by the
    date the notice set (recorded after it)."""
    _require(application, *HANDLED)
    asked = ReasonRequest.objects.select_for_update().filter(application=application).first()
    if asked is None:
        raise ServiceError("本申请未要求申请人说明理由。")
    if asked.verdict:
        raise ServiceError("说明理由的情况已经记录。")
    if verdict not in ReasonVerdict.values:
        raise ServiceError("审查结论无效。")
    if on < asked.requested_on:
        raise ServiceError(f"收到理由的日期（{on}）不能早于说明理由通知书的日期（{asked.requested_on}）。")
    if verdict == ReasonVerdict.NONE_GIVEN:
        if on <= asked.reply_by:
            raise ServiceError(f"说明理由期限（{asked.reply_by}）尚未届满，不能记录为逾期未说明理由。")
        text = ""
    elif not text.strip():
        raise ServiceError("请填写申请人说明的理由。")
    _check_date(application, on, today)
    label = ReasonVerdict(verdict).label
    _record(
        application,
        ClockEventKind.ART35_REASON_CLOSED,
        on,
        actor,
        note=(f"{label}：{text.strip()}" if text.strip() else label)[:300],
        basis=BASIS,
    )
    asked.verdict, asked.recorded_on = verdict, on
    if verdict != ReasonVerdict.NONE_GIVEN:
        asked.reason_on, asked.reason_text = on, text.strip()
    asked.save(update_fields=["verdict", "recorded_on", "reason_on", "reason_text"])
    refresh_due_date(application)
    return asked


def delay_notice_draft(application: Application, facts: dict, on: date) -> letters.Draft:
    """The 延迟答复告知书 as it would be issued on `on`; refuses what the clock refuses (a date not
    after the current due date, beyond the bound, or after the period ran out)."""
    asked = ReasonRequest.objects.filter(application=application).first()
    if asked is None or asked.verdict != ReasonVerdict.REASONABLE:
        raise ServiceError("须先要求申请人说明理由并认定理由合理，才能依第三十五条确定延迟答复期限。")
    due_on = as_date(facts["due_on"], "延迟答复期限")
    try:
        clock_state_with(application, art35_entry(EntryKind.ART35_DUE_FIXED, on, due_on))
    except ClockError as error:
        raise ServiceError(str(error)) from error
    return letters.art35_delay_notice(application, due_on=due_on, reason=facts["reason"])


@atomic_with_files()
def delay_fix(
    *, actor: User, application: Application, on: date, due_on: date | str, reason: str, today: date
) -> IssuedLetter:
    """The reason is reasonable but the answer cannot be made in time: fix the later date and tell
    the applicant; the case's due date follows it (a cache of the ledger, applications.clock)."""
    _require(application, *HANDLED)
    _check_date(application, on, today)
    draft = delay_notice_draft(application, {"due_on": due_on, "reason": reason}, on)
    entry = art35_entry(EntryKind.ART35_DUE_FIXED, on, as_date(due_on, "延迟答复期限"))
    event = _record(
        application,
        ClockEventKind.ART35_DUE_FIXED,
        on,
        actor,
        days=entry.days,
        note=f"延迟答复至{entry.until}：{reason.strip()}"[:300],
        basis=BASIS,
    )
    letter = _issue_notice(actor, application, event, draft, on)
    refresh_due_date(application)
    return letter
