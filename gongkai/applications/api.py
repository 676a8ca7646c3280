"""API endpoints for applications and appeals: the same permissions and services as the views."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Body as RequestBody
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from gongkai.applications import permissions, services
from gongkai.applications.action_views import ACTIONS
from gongkai.applications.appeals import appeal_record
from gongkai.applications.approval_views import DRAFT_STEPS
from gongkai.applications.clock import clock_state
from gongkai.applications.forms import proactive_suggestion_of
from gongkai.applications.models import (
    OPEN_DRAFT_STATES,
    Appeal,
    AppealKind,
    ApplicantKind,
    Application,
    Channel,
    IdDocumentType,
)
from gongkai.applications.selectors import applications_of
from gongkai.bodies.api import BodyPermission, ErrorOut, body_or_404
from gongkai.bodies.permissions import can_view_body
from gongkai.common.schemas import HappenedDate, InSchema
from gongkai.common.services import ServiceError
from gongkai.core.workcalendar import UnknownYearError

router = Router(tags=["依申请公开"])


class ApplicationIn(InSchema):
    channel: Channel
    received_on: HappenedDate
    applicant_kind: ApplicantKind
    applicant_name: str = Field(max_length=100)
    id_document_type: IdDocumentType
    id_document_number: str = Field(max_length=40)
    id_document_name: str = Field(default="", max_length=60)
    contact_phone: str = Field(max_length=30)
    contact_address: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=100)
    information_requested: str = Field(max_length=5000)
    form_wanted: str = Field(default="", max_length=100)
    # 条例第四十四条第二款, as the registration form's box and its reason. Strict: "yes" or 1 is
    # refused rather than read as a suggestion the applicant may not have made.
    suggests_proactive: StrictBool = False
    proactive_suggestion: str = Field(default="", max_length=500)

    @field_validator("proactive_suggestion")
    @classmethod
    def _reason_needs_the_suggestion(cls, value: str, info: ValidationInfo) -> str:
        # The form drops a reason whose box is not ticked; a client sending one has a bug worth
        # telling it about, not a suggestion to record or to lose silently. (A suggests_proactive
        # refused as not a bool is absent here and already reported on its own.)
        if value.strip() and info.data.get("suggests_proactive") is False:
            raise PydanticCustomError(
                "inconsistent",
                "填写了建议的理由（proactive_suggestion），须同时提交 suggests_proactive: true",
            )
        return value


class ApplicationOut(Schema):
    number: str
    query_code: str
    channel: str
    received_on: date
    applicant_kind: str
    applicant_name: str
    status: str
    due_on: date | None
    outcome: str
    decided_on: date | None


class AppealIn(InSchema):
    kind: AppealKind
    filed_on: HappenedDate
    authority: str = Field(max_length=100)
    case_number: str = Field(default="", max_length=60)
    application_number: str = Field(default="", max_length=40)


class AppealOut(Schema):
    id: int
    kind: str
    filed_on: date
    authority: str
    case_number: str
    application_number: str | None
    result: str
    concluded_on: date | None


def _out(application: Application) -> dict:
    return {field: getattr(application, field) for field in ApplicationOut.model_fields}


@router.get("bodies/{code}/applications", response={200: list[ApplicationOut], 403: ErrorOut, 404: ErrorOut})
def list_applications(request, code: str, status: str | None = None):
    body = body_or_404(code, request.user, can_view_body)
    return [_out(a) for a in applications_of(body=body, status=status)[:1000]]


@router.post(
    "bodies/{code}/applications",
    response={201: ApplicationOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
    summary="登记申请",
    auth=BodyPermission(permissions.can_register_application),
)
def register_application(request, code: str, payload: ApplicationIn):
    body = request.permitted_body
    applicant = services.ApplicantDetails(
        kind=payload.applicant_kind,
        name=payload.applicant_name,
        id_document_type=payload.id_document_type,
        id_document_number=payload.id_document_number,
        id_document_name=payload.id_document_name,
        contact_phone=payload.contact_phone,
        contact_address=payload.contact_address,
        contact_email=payload.contact_email,
    )
    try:
        application = services.application_register(
            actor=request.user,
            body=body,
            channel=payload.channel,
            received_on=payload.received_on,
            applicant=applicant,
            information_requested=payload.information_requested,
            form_wanted=payload.form_wanted,
            today=timezone.localdate(),
            proactive_suggestion=proactive_suggestion_of(payload.model_dump()),
        )
    except ServiceError as error:
        return Status(400, {"detail": "；".join(error.messages)})
    return Status(201, _out(application))


@router.get(
    "bodies/{code}/applications/{number}", response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut}
)
def get_application(request, code: str, number: str):
    body = body_or_404(code, request.user, can_view_body)
    application = Application.objects.filter(body=body, number=number).first()
    if application is None:
        raise Http404(f"申请“{number}”不存在。")
    return _out(application)


def _appeal_out(appeal: Appeal) -> dict:
    return {
        "id": appeal.id,
        "kind": appeal.kind,
        "filed_on": appeal.filed_on,
        "authority": appeal.authority,
        "case_number": appeal.case_number,
        "application_number": appeal.application.number if appeal.application else None,
        "result": appeal.result,
        "concluded_on": appeal.concluded_on,
    }


@router.get("bodies/{code}/appeals", response={200: list[AppealOut], 403: ErrorOut, 404: ErrorOut})
def list_appeals(request, code: str):
    body = body_or_404(code, request.user, can_view_body)
    return [_appeal_out(a) for a in Appeal.objects.filter(body=body).select_related("application")]


@router.post(
    "bodies/{code}/appeals",
    response={201: AppealOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
    auth=BodyPermission(permissions.can_register_application),
)
def record_appeal(request, code: str, payload: AppealIn):
    body = request.permitted_body
    application = None
    if payload.application_number:
        application = Application.objects.filter(body=body, number=payload.application_number).first()
        if application is None:
            return Status(400, {"detail": f"本机关没有申请“{payload.application_number}”。"})
    try:
        appeal = appeal_record(
            actor=request.user,
            body=body,
            kind=payload.kind,
            filed_on=payload.filed_on,
            authority=payload.authority,
            today=timezone.localdate(),
            application=application,
            case_number=payload.case_number,
        )
    except ServiceError as error:
        return Status(400, {"detail": "；".join(error.messages)})
    return Status(201, _appeal_out(appeal))


class ClockOut(Schema):
    due_on: date | None
    running: bool
    used: int
    allowed: int
    abandon_on: date | None
    warnings: list[str]
    explanation: list[str]


def _application(code: str, number: str, user, allowed) -> Application:
    application = Application.objects.select_related("body").filter(body__code=code, number=number).first()
    if application is None:
        raise Http404(f"申请“{number}”不存在。")
    if not allowed(user, application):
        raise PermissionDenied
    return application


@router.get(
    "bodies/{code}/applications/{number}/clock",
    response={200: ClockOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
)
def application_clock(request, code: str, number: str):
    application = _application(code, number, request.user, permissions.can_view_application)
    try:
        state = clock_state(application, timezone.localdate())
    except UnknownYearError as error:
        return Status(400, {"detail": str(error)})
    return {
        "due_on": state.due_on,
        "running": state.running,
        "used": state.used,
        "allowed": state.allowed,
        "abandon_on": state.abandon_on,
        "warnings": list(state.warnings),
        "explanation": list(state.explanation),
    }


@router.post(
    "bodies/{code}/applications/{number}/actions/{action}",
    response={200: ApplicationOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
    summary="办理步骤（补正、征求意见、延期、收费、答复、转办、送达等）",
)
def application_action(
    request, code: str, number: str, action: str, payload: dict[str, Any] = RequestBody(...)
):
    """The same steps and rules as the case page; the payload holds the step's form fields."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404(f"没有办理步骤“{action}”（可用：{'、'.join(ACTIONS)}）。")
    application = _application(code, number, request.user, step.allowed)
    form = step.form(data={key: "" if value is None else str(value) for key, value in payload.items()})
    if not form.is_valid():
        return Status(400, {"detail": "请求数据有误", "errors": _form_errors(form)})
    try:
        step.run(request.user, application, form.cleaned_data, timezone.localdate())
    except ServiceError as error:
        return Status(400, {"detail": "；".join(error.messages)})
    application.refresh_from_db()
    return _out(application)


class DraftOut(Schema):
    step: str
    state: str
    return_reason: str
    letter_number: str | None
    application: ApplicationOut


@router.post(
    "bodies/{code}/applications/{number}/draft/{step}",
    response={200: DraftOut, 400: dict, 403: ErrorOut, 404: ErrorOut},
    summary="审批拟办文书：review（审核）、return（退回，须 reason）、sign（签发，on 为签发日期）",
)
def draft_step(request, code: str, number: str, step: str, payload: dict[str, Any] = RequestBody(...)):
    """`…/actions/decide` only drafts; the case's open draft goes on here, with the case page's
    forms and rules (approval_views.DRAFT_STEPS)."""
    if step not in DRAFT_STEPS:
        raise Http404(f"没有审批步骤“{step}”（可用：{'、'.join(DRAFT_STEPS)}）。")
    application = _application(code, number, request.user, permissions.can_handle_application)
    draft = application.drafts.filter(state__in=OPEN_DRAFT_STATES).first()
    if draft is None:
        return Status(400, {"detail": "本申请没有待审批的拟办文书。"})
    _label, form_class, run = DRAFT_STEPS[step]
    form = form_class(data={key: "" if value is None else str(value) for key, value in payload.items()})
    if not form.is_valid():
        return Status(400, {"detail": "请求数据有误", "errors": _form_errors(form)})
    try:
        run(request.user, draft, form.cleaned_data, timezone.localdate())
    except ServiceError as error:
        return Status(400, {"detail": "；".join(error.messages)})
    draft.refresh_from_db()
    application.refresh_from_db()
    return {
        "step": draft.step,
        "state": draft.state,
        "return_reason": draft.return_reason,
        "letter_number": draft.letter.number if draft.letter_id else None,
        "application": _out(application),
    }


def _form_errors(form) -> list[dict]:
    return [
        {"field": field, "message": message}
        for field, messages in form.errors.items()
        for message in messages
    ]
