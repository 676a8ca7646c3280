"""Permission-matrix rows of the approval steps and the answer settings (see tests/access.py)."""

from datetime import date

from tests.access import HANDLERS, STAFF, Row

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
    Row(
        "case-file-upload",
        "post",
        "/bodies/{body}/applications/{draft_case}/case-file/",
        HANDLERS,
        ok=(400,),  # allowed to post; nothing was chosen
        data={"attach-kind": "other"},
    ),
    Row(
        "notices-resend",
        "post",
        "/bodies/{body}/applications/{draft_case}/notices/resend/",
        HANDLERS,
        ok=(400,),  # allowed to post; with nothing failed the case page says so beside the form
    ),
    # The case file is the body's own: inspectors above it, who read the case, do not see it.
    Row(
        "case-file-download",
        "get",
        "/bodies/{body}/applications/{draft_case}/case-file/{case_attachment}/",
        STAFF | {"superuser"},
    ),
    Row(
        "dossier-download",
        "get",
        "/bodies/{body}/applications/{draft_case}/dossier.zip",
        STAFF | {"superuser"},
    ),
    Row(
        "api-v1:draft_step",
        "post",
        "/api/v1/bodies/{body}/applications/{draft_number}/draft/return",
        HANDLERS,
        api=True,
        ok=(200, 400),  # allowed to call; the service then lets only the 审核人 or 负责人 return it
        data={"reason": "请补充理由"},
    ),
    # 征求意见 (条例第三十二条、第三十四条): recording a position is handling; disclosing over a third
    # party's objection is the 负责人's decision. Allowed to post; the empty form is refused (400).
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{draft_case}/do/consult_answered/",
        HANDLERS,
        ok=(400,),
    ),
    Row(
        "application-action",
        "post",
        "/bodies/{body}/applications/{draft_case}/do/public_interest/",
        {"head", "superuser"},
        ok=(400,),
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
    case = existing.application
    attachment = case.attachments.first()
    if attachment is None:
        from gongkai.applications.case_file import attachment_add
        from gongkai.applications.demo import _demo_png

        (attachment,) = attachment_add(
            actor=cast.clerk,
            application=case,
            kind="other",
            files=[("a.png", _demo_png())],
            today=date(2026, 3, 4),
        )
    return {
        "draft_case": case.pk,
        "draft": existing.pk,
        "draft_number": case.number,
        "case_attachment": attachment.pk,
    }
