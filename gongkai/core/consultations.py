"""Consulting a third party (条例第三十二条) or a co-producing body (第三十四条), and when an answer that
discloses may go out after it.

Rules (《政府信息公开条例》, statute.md §3.5):
- 第三十二条: the third party has 15 working days from its receipt of the 征求意见函. Silence: the body
  decides under the regulation. An objection with reasonable grounds: not disclosed, unless the body
  finds that not disclosing may seriously affect the public interest; it may then disclose, and must
  tell the third party in writing what it will disclose and why (the 第三方告知书).
- 第三十四条: the co-producing body has 15 working days from receipt; silence is taken as consent
  (逾期未提出意见的视为同意公开).
- Silence can only be recorded once the 15 working days from the recorded delivery have passed: the
  period runs from receipt (自收到征求意见书之日起), so without a recorded delivery it has not started.
- Our reading (not stated word for word in the regulation): an answer that discloses waits until
  every consultation's position is recorded, and, where a third party objected and the body decided
  to disclose in the public interest, until the 告知书's delivery is recorded - "before disclosure"
  means the third party has it in hand. Refusing (不予公开) needs neither.
The 15 days are `REPLY_DAYS`; the clock's pause for the same period is core.answer_clock's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.workcalendar import WorkCalendar, fmt

REPLY_DAYS = 15  # 条例第三十二条、第三十四条


class Party(StrEnum):
    THIRD_PARTY = "third_party"
    CO_PRODUCER = "co_producer"


PARTY_LABELS = {
    Party.THIRD_PARTY: "第三方（条例第三十二条）",
    Party.CO_PRODUCER: "共同制作机关（条例第三十四条）",
}
PARTY_ARTICLES = {Party.THIRD_PARTY: "第三十二条", Party.CO_PRODUCER: "第三十四条"}


class Position(StrEnum):
    PENDING = ""
    AGREE = "agree"
    OBJECT = "object"
    SILENT = "silent"


POSITION_LABELS = {
    Position.PENDING: "待答复",
    Position.AGREE: "同意公开",
    Position.OBJECT: "不同意公开",
    Position.SILENT: "逾期未提出意见",
}


class Disclosure(StrEnum):
    """What an answer gives the applicant, as far as a consulted party is concerned."""

    NONE = "none"  # a refusal, or nothing of the information (不予公开, 无法提供, 不予处理 ...)
    WHOLE = "whole"  # 予以公开 (第三十六条第（二）项)
    PARTIAL = "partial"  # 部分公开 (第三十七条)


# The answer grounds (core.letter_grounds) that give the applicant the information. 36(一) is not
# among them: what was already proactively published is not disclosed by this answer.
DISCLOSING_GROUNDS = {"36-2": Disclosure.WHOLE, "37": Disclosure.PARTIAL}


def disclosure_of(ground_code: str) -> Disclosure:
    return DISCLOSING_GROUNDS.get(ground_code, Disclosure.NONE)


class ConsultationError(ValueError):
    """A position that cannot be recorded (yet); the message is Chinese."""


@dataclass(frozen=True)
class Consultation:
    party: Party
    name: str
    letter_number: str  # the 征求意见函
    delivered_on: date | None  # its recorded delivery; the 15 days run from here
    position: Position = Position.PENDING
    reason: str = ""  # the objection's reason
    notice_number: str = ""  # the 第三方告知书, once the body decided to disclose in the public interest
    notice_delivered_on: date | None = None


def reply_ends(delivered_on: date, calendar: WorkCalendar) -> date:
    """The last day of the party's 15 working days (the day of receipt not counted)."""
    return calendar.add_working_days(delivered_on, REPLY_DAYS)


def check_position(
    consultation: Consultation, position: Position, reason: str, on: date, calendar: WorkCalendar
) -> None:
    """Refuses, in Chinese, a position that cannot be recorded on `on`."""
    who = consultation.name
    if consultation.position is not Position.PENDING:
        raise ConsultationError(f"已登记{who}的意见（{POSITION_LABELS[consultation.position]}）。")
    if position is Position.PENDING:
        raise ConsultationError("请选择意见：同意公开、不同意公开或逾期未提出意见。")
    if position is Position.OBJECT and not reason.strip():
        raise ConsultationError(f"{who}不同意公开的，请写明其理由。")
    if position is not Position.SILENT:
        return
    if consultation.delivered_on is None:
        raise ConsultationError(
            f"尚未登记征求意见函（{consultation.letter_number}）的送达日期：{REPLY_DAYS}个工作日自{who}"
            "收到征求意见函之日起算，登记送达前不能认定逾期未提出意见。"
        )
    ends = reply_ends(consultation.delivered_on, calendar)
    if on <= ends:
        raise ConsultationError(
            f"{who}提出意见的期限至{fmt(ends)}届满（自{fmt(consultation.delivered_on)}收到征求意见函起"
            f"{REPLY_DAYS}个工作日），届满前不能登记为逾期未提出意见。"
        )


def consents(consultation: Consultation) -> bool:
    """同意公开, or a co-producing body's silence (第三十四条: 视为同意公开)."""
    return consultation.position is Position.AGREE or (
        consultation.position is Position.SILENT and consultation.party is Party.CO_PRODUCER
    )


def meaning(consultation: Consultation) -> str:
    """What the recorded position means for the decision, for the case page."""
    position, party = consultation.position, consultation.party
    if position is Position.PENDING:
        return f"等待意见（{REPLY_DAYS}个工作日，自收到征求意见函之日起算）"
    if position is Position.AGREE:
        return "同意公开"
    if position is Position.SILENT and party is Party.CO_PRODUCER:
        return "逾期未提出意见，视为同意公开（条例第三十四条）"
    if position is Position.SILENT:
        return "逾期未提出意见，由本机关依照条例的规定决定是否公开（条例第三十二条）"
    if party is Party.CO_PRODUCER:
        return f"不同意公开：{consultation.reason}；由本机关依照条例的规定决定是否公开"
    if consultation.notice_number:
        return f"不同意公开：{consultation.reason}；本机关因公共利益决定公开，已出具第三方告知书{consultation.notice_number}"
    return (
        f"不同意公开：{consultation.reason}；有合理理由的不予公开，因公共利益决定公开的须先书面告知第三方"
        "（条例第三十二条）"
    )


def disclosure_refusal(
    consultations: list[Consultation], disclosure: Disclosure, *, objected_part_withheld: bool = False
) -> str | None:
    """Why an answer disclosing as `disclosure` may not be issued now, or None if it may.

    `objected_part_withheld`: a 部分公开 whose withheld part is what the third party objected to;
    it discloses nothing over the objection, so no 告知书 is needed.
    """
    if disclosure is Disclosure.NONE:
        return None
    for consultation in consultations:
        if consultation.position is Position.PENDING:
            return (
                f"尚未登记{consultation.name}对征求意见函（{consultation.letter_number}）的意见：公开前请先登记"
                "其同意公开、不同意公开或逾期未提出意见。"
            )
    for consultation in consultations:
        if consultation.party is not Party.THIRD_PARTY or consultation.position is not Position.OBJECT:
            continue
        if disclosure is Disclosure.PARTIAL and objected_part_withheld:
            continue
        if not consultation.notice_number:
            return (
                f"第三方{consultation.name}不同意公开（理由：{consultation.reason}）。公开其不同意公开的信息，"
                "须因公共利益作出决定，并书面告知第三方决定公开的内容和理由（条例第三十二条）：请先出具第三方告知书；"
                "不公开该部分的，请选择部分公开并勾选“已不公开第三方不同意公开的部分”。"
            )
        if consultation.notice_delivered_on is None:
            return (
                f"第三方告知书（{consultation.notice_number}）尚未登记送达{consultation.name}：须在其送达后，"
                "方可出具公开该信息的答复（条例第三十二条）。"
            )
    return None
