"""Use cases of the applications area: one function each, keyword-only, one transaction each."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from gongkai.applications import permissions
from gongkai.applications.audit import audit_on
from gongkai.applications.clock import receipt_day_online, refresh_due_date
from gongkai.applications.models import (
    ApplicantKind,
    Application,
    Channel,
    ClockEvent,
    ClockEventKind,
    IdDocumentType,
    Status,
)
from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.core.application_text import name_problem, request_problem
from gongkai.core.credit_code import CreditCodeError, validate_credit_code
from gongkai.core.identity import IdentityNumberError, validate_resident_id
from gongkai.registry.record_locks import refuse_in_locked_year
from gongkai.registry.serials import next_serial

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


# No 0/O, 1/I/L: a 查询码 is read out over the phone and typed on a phone.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10


@dataclass(frozen=True)
class ApplicantDetails:
    kind: str
    name: str
    id_document_type: str
    id_document_number: str
    contact_phone: str
    contact_address: str = ""
    contact_email: str = ""
    id_document_name: str = ""  # the document's name, for 其他登记证明文件


def applicant_problems(
    applicant: ApplicantDetails, *, information_requested: str, today: date
) -> tuple[dict[str, str], str]:
    """Every problem of who applies and what they ask, by form field (all at once, so the form can
    show them together), and the normalised document number. 条例第二十九条 requires 身份证明."""
    problems: dict[str, str] = {}
    if applicant.kind not in ApplicantKind.values:
        return {"applicant_kind": "申请人类型无效。"}, ""
    is_person = applicant.kind == ApplicantKind.NATURAL_PERSON
    problem = name_problem(applicant.name, is_person=is_person)
    if problem:
        problems["applicant_name"] = problem
    problem = request_problem(information_requested)
    if problem:
        problems["information_requested"] = problem
    organisation_types = (IdDocumentType.CREDIT_CODE, IdDocumentType.OTHER_REGISTRATION)
    if is_person and applicant.id_document_type == IdDocumentType.CREDIT_CODE:
        problems["id_document_type"] = "自然人申请应提供身份证件，而不是统一社会信用代码。"
    elif is_person and applicant.id_document_type == IdDocumentType.OTHER_REGISTRATION:
        problems["id_document_type"] = "自然人申请应提供身份证件，而不是组织的登记证明文件。"
    elif not is_person and applicant.id_document_type not in organisation_types:
        problems["id_document_type"] = (
            "法人或其他组织申请应提供统一社会信用代码；没有统一社会信用代码的，提供其他登记证明文件。"
        )
    number = applicant.id_document_number.strip()
    if applicant.id_document_type == IdDocumentType.OTHER_REGISTRATION:
        # Foreign organisations and some 社会组织 have no credit code: the registration document
        # they do have identifies them (条例第二十九条), named so the office can check it.
        if not applicant.id_document_name.strip():
            problems["id_document_name"] = "证件名称：请写明登记证明文件的名称（如境外机构注册证书）。"
        if len(number) < 4:
            problems["id_document_number"] = "证件号码：请填写登记证明文件上的编号（至少4个字符）。"
    try:
        if applicant.id_document_type == IdDocumentType.RESIDENT_ID:
            number = validate_resident_id(applicant.id_document_number, today=today)
        elif applicant.id_document_type == IdDocumentType.CREDIT_CODE:
            number = validate_credit_code(applicant.id_document_number)
    except (IdentityNumberError, CreditCodeError) as error:
        problems["id_document_number"] = str(error)
    return problems, number


def validate_applicant(applicant: ApplicantDetails, *, information_requested: str, today: date) -> str:
    """Refuse the application if any of `applicant_problems`; return the normalised number."""
    problems, number = applicant_problems(applicant, information_requested=information_requested, today=today)
    if problems:
        raise ServiceError(list(problems.values()))
    return number


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def format_number(*, body: Body, year: int, serial: int) -> str:
    return f"{body.code.upper()}-{year}-{serial:04d}"


@transaction.atomic
def application_register(
    *,
    actor: User | AnonymousUser,
    body: Body,
    channel: str,
    received_on: date,
    applicant: ApplicantDetails,
    information_requested: str,
    form_wanted: str,
    today: date,
    submission_key: str | None = None,
    proactive_suggestion: str | None = None,
) -> Application:
    """Register a case. `proactive_suggestion` (None: none made) is the applicant's suggestion to
    publish the information proactively (条例第四十四条第二款), with its reason if they gave one."""
    if submission_key:
        earlier = Application.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier  # the same form submitted twice: one case
    # 条例第三十一条: an online submission on a holiday is received when the body confirms it.
    latest = receipt_day_online(today, body) if channel == Channel.ONLINE else today
    if received_on > latest:
        raise ServiceError(
            "收到申请日期不能晚于今天。" if latest == today else f"收到申请日期不能晚于{latest}。"
        )
    refuse_in_locked_year(body=body, day=received_on)
    id_number = validate_applicant(applicant, information_requested=information_requested, today=today)
    serial = next_serial(body=body, year=received_on.year)
    application = Application(
        body=body,
        year=received_on.year,
        serial=serial,
        number=format_number(body=body, year=received_on.year, serial=serial),
        query_code=new_query_code(),
        channel=channel,
        received_on=received_on,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        id_document_type=applicant.id_document_type,
        id_document_number=id_number,
        id_document_name=applicant.id_document_name.strip()
        if applicant.id_document_type == IdDocumentType.OTHER_REGISTRATION
        else "",
        contact_phone=applicant.contact_phone.strip(),
        contact_address=applicant.contact_address.strip(),
        contact_email=applicant.contact_email.strip(),
        information_requested=information_requested.strip(),
        form_wanted=form_wanted.strip(),
        submission_key=submission_key or None,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        suggests_proactive=proactive_suggestion is not None,
        proactive_suggestion=(proactive_suggestion or "").strip(),
    )
    clean_or_refuse(application, exclude=["query_code"])
    for _ in range(5):  # a 查询码 collision is astronomically rare; retry rather than fail
        try:
            with transaction.atomic():
                application.save()
            break
        except IntegrityError:
            application.query_code = new_query_code()
    else:
        raise ServiceError("系统繁忙，请重试。")
    ClockEvent.objects.create(
        application=application, kind=ClockEventKind.RECEIVED, on=received_on, actor=application.created_by
    )
    refresh_due_date(application)
    audit_on(
        application,
        actor=actor,
        action="application.register",
        summary=f"登记政府信息公开申请 {application.number}（{application.get_channel_display()}）",
        # The art. 44 suggestion is the applicant's, made with the application: recorded with it.
        after={
            "number": application.number,
            "received_on": received_on.isoformat(),
            "channel": channel,
            "suggests_proactive": application.suggests_proactive,
        },
        legal_basis="《政府信息公开条例》第二十九条、第三十一条",
    )
    return application


@transaction.atomic
def application_assign(*, actor: User, application: Application, clerk, today: date) -> Application:
    """Give the case to a 经办人 of the body (or to the named backup acting for one)."""
    from gongkai.bodies.models import Role
    from gongkai.bodies.selectors import roles_held

    if Role.CLERK not in roles_held(user=clerk, body=application.body, on=today):
        raise ServiceError(f"{clerk.get_full_name() or clerk.username}不是本机关的经办人。")
    if application.status in (Status.ANSWERED, Status.CLOSED):
        raise ServiceError("已办结的申请不能再分配。")
    before = application.assigned_to.username if application.assigned_to else None
    application.assigned_to = clerk
    application.save(update_fields=["assigned_to"])
    audit_on(
        application,
        actor=actor,
        action="application.assign",
        summary=f"{application.number} 分配给{clerk.get_full_name() or clerk.username}",
        before={"assigned_to": before},
        after={"assigned_to": clerk.username},
    )
    return application


@transaction.atomic
def application_identity_reveal(*, actor: User, application: Application) -> None:
    """A reader who sees the applicant's numbers masked (a 督查) opens them: who, which case and
    when go to the audit log first (条例第十五条: personal data seen only as the task needs)."""
    if not permissions.can_view_application(actor, application):
        raise ServiceError("无权查看该申请。")
    audit_on(
        application,
        actor=actor,
        action="application.identity_reveal",
        summary=f"查看申请 {application.number} 申请人的完整证件号码和联系电话",
        legal_basis="《政府信息公开条例》第十五条",
    )
