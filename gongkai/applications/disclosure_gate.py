"""May an answer that discloses go out now? The case's consultations read into the core's rule
(gongkai.core.consultations.disclosure_refusal); handling.application_decide asks before it writes
anything, so the same refusal stops the case page, the API and 签发 in the approval flow."""

from __future__ import annotations

from gongkai.applications.models import Application, Consultation
from gongkai.common.services import ServiceError
from gongkai.core import consultations as rules


def facts_of(consultation: Consultation) -> rules.Consultation:
    notice = consultation.notice
    return rules.Consultation(
        party=rules.Party(consultation.party_kind),
        name=consultation.party,
        letter_number=consultation.letter.number,
        delivered_on=consultation.letter.delivered_on,
        position=rules.Position(consultation.position),
        reason=consultation.reason,
        notice_number=notice.number if notice else "",
        notice_delivered_on=notice.delivered_on if notice else None,
    )


def consultations_of(application: Application) -> list[rules.Consultation]:
    rows = Consultation.objects.filter(application=application).select_related("letter", "notice")
    return [facts_of(row) for row in rows]


def refuse_blocked_disclosure(
    application: Application, *, ground_code: str, objected_part_withheld: bool = False
) -> None:
    refusal = rules.disclosure_refusal(
        consultations_of(application),
        rules.disclosure_of(ground_code),
        objected_part_withheld=objected_part_withheld,
    )
    if refusal:
        raise ServiceError(refusal)
