"""Permission-matrix rows of the approval steps and the answer settings (see tests/access.py)."""

from datetime import date

from tests.access import HANDLERS, Row

ROWS = [
    Row(
        "draft-action",
        "post",
        "/bodies/{body}/applications/{draft_case}/drafts/{draft}/return/",
        HANDLERS,
        ok=(302, 400),  # allowed to post; the service then lets only the 审核人 or 负责人 return it
        data={"draft-return-reason": "请补充理由"},
    ),
    Row(
        "draft-preview",
        "get",
        "/bodies/{body}/applications/{draft_case}/drafts/{draft}/preview.docx",
        HANDLERS,
        ok=(200,),
    ),
    Row("answer-settings", "get", "/bodies/{body}/applications/settings/", {"admin", "superuser"}),
    Row("letter-template", "get", "/bodies/{body}/applications/settings/letters/37/", {"admin", "superuser"}),
]


def placeholders(cast) -> dict:
    """A case with an answer drafted and waiting for 审核."""
    from gongkai.applications import approval
    from gongkai.applications.models import AnswerDraft
    from gongkai.applications.services import ApplicantDetails, application_register

    existing = AnswerDraft.objects.filter(application__body=cast.body).first()
    if existing is None:
        applicant = ApplicantDetails(
            "natural_person", "李四", "resident_id", "11010519491231002X", "13800000000"
        )
        case = application_register(
            actor=cast.clerk,
            body=cast.body,
            channel="in_person",
            received_on=date(2026, 3, 3),
            applicant=applicant,
            information_requested="临时救助名单",
            form_wanted="",
            today=date(2026, 3, 3),
        )
        existing = approval.draft_propose(
            actor=cast.head,
            application=case,
            step="decide",
            facts={"ground": "36-4"},
            on=date(2026, 3, 4),
            today=date(2026, 3, 4),
        )
    return {"draft_case": existing.application_id, "draft": existing.pk}
