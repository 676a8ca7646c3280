"""Thin views: staff register and follow cases; the public applies online and follows with a 查询码."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import permissions, services
from gongkai.applications.action_views import available_actions, clock_summary
from gongkai.applications.approval_views import draft_panel
from gongkai.applications.case_file_views import case_file_panel
from gongkai.applications.case_list import LIST_LIMIT, CaseFilterForm, case_lines
from gongkai.applications.clock import due_note, online_receipt_rule, receipt_day_online
from gongkai.applications.consultations import consultation_panel
from gongkai.applications.forms import (
    PublicApplyForm,
    StaffRegisterForm,
    StatusLookupForm,
    proactive_suggestion_of,
)
from gongkai.applications.models import Application, Channel, ReasonRequest
from gongkai.applications.proactive import proactive_panel
from gongkai.applications.rate_limit import submission_place_return, submission_place_take
from gongkai.applications.selectors import (
    OPEN_STATUSES,
    application_by_query_code,
    mask_name,
    similar_applications,
)
from gongkai.bodies.models import Body, Role
from gongkai.bodies.permissions import can_view_body
from gongkai.bodies.selectors import active_assignments
from gongkai.common.forms import add_service_error
from gongkai.core.receipt import ONLINE_RULE_TEXT
from gongkai.core.sensitive import mask_whole


def _applicant(data) -> services.ApplicantDetails:
    return services.ApplicantDetails(
        kind=data["applicant_kind"],
        name=data["applicant_name"],
        id_document_type=data["id_document_type"],
        id_document_number=data["id_document_number"],
        id_document_name=data.get("id_document_name", ""),
        contact_phone=data["contact_phone"],
        contact_address=data.get("contact_address", ""),
        contact_email=data.get("contact_email", ""),
    )


def _register(request, form, body, *, channel, received_on, submission_key=None):
    try:
        return services.application_register(
            actor=request.user,
            body=body,
            channel=channel,
            received_on=received_on,
            applicant=_applicant(form.cleaned_data),
            information_requested=form.cleaned_data["information_requested"],
            form_wanted=form.cleaned_data.get("form_wanted", ""),
            today=timezone.localdate(),
            submission_key=submission_key,
            proactive_suggestion=proactive_suggestion_of(form.cleaned_data),
        )
    except services.ServiceError as error:
        add_service_error(form, error)
        return None


@login_required
def application_list(request, code: str):
    body = get_object_or_404(Body, code=code)
    if not can_view_body(request.user, body):
        raise PermissionDenied
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    today = timezone.localdate()
    context = {
        "body": body,
        "form": form,
        "lines": case_lines(body=body, user=request.user, today=today, filters=filters),
        "limit": LIST_LIMIT,
        "can_register": permissions.can_register_application(request.user, body),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "applications/list.html", context, status=status)


@login_required
def application_new(request, code: str):
    body = get_object_or_404(Body, code=code)
    if not permissions.can_register_application(request.user, body):
        raise PermissionDenied
    form = StaffRegisterForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = _register(request, form, body, channel=data["channel"], received_on=data["received_on"])
        if application is not None:
            messages.success(
                request, f"已登记，申请编号 {application.number}，查询码 {application.query_code}。"
            )
            return redirect("application-detail", code=body.code, pk=application.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "applications/register.html", {"body": body, "form": form}, status=status)


def _readable_application(request, code: str, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    if not permissions.can_view_application(request.user, application):
        raise PermissionDenied
    return application


@login_required
def application_detail(request, code: str, pk: int):
    return _detail_page(request, _readable_application(request, code, pk), revealed=False)


@login_required
@require_POST
def application_identity(request, code: str, pk: int):
    """「查看完整号码」: logged first, then the page shows the numbers (this response only)."""
    application = _readable_application(request, code, pk)
    services.application_identity_reveal(actor=request.user, application=application)
    return _detail_page(request, application, revealed=True)


def _identity(request, application: Application, revealed: bool) -> dict:
    full = revealed or permissions.sees_full_identity(request.user, application)
    return {
        "identity_masked": not full,
        "id_number": application.id_document_number if full else mask_whole(application.id_document_number),
        "phone": application.contact_phone if full else mask_whole(application.contact_phone),
    }


def case_page(request, application: Application, *, failed: dict, status: int):
    """The case page again after a step was refused: `failed` maps the form's name on the page to
    the bound form, shown open with its input and errors in place of a fresh one."""
    return _detail_page(request, application, revealed=False, failed=failed, status=status)


def _detail_page(
    request, application: Application, *, revealed: bool, failed: dict | None = None, status=200
):
    failed = failed or {}
    clock, clock_problem = clock_summary(application, timezone.localdate())
    similar = similar_applications(application=application)
    context = {
        "application": application,
        **_identity(request, application, revealed),
        "events": application.clock_events.select_related("actor"),
        "similar": similar,
        "letters": application.letters.all(),
        "clerks": clerks_of(application.body),
        "actions": [
            (
                key,
                action.label,
                failed.get(key)
                or action.form(
                    prefix=key, initial={"on": timezone.localdate(), "delivered_on": timezone.localdate()}
                ),
            )
            for key, action in available_actions(request.user, application)
            if (key != "deliver" or application.letters.filter(delivered_on=None).exists())
            and action.offered(application)
        ]
        if application.status in OPEN_STATUSES or application.letters.filter(delivered_on=None).exists()
        else [],
        "clock": clock,
        "clock_problem": clock_problem,
        "reason_request": ReasonRequest.objects.filter(application=application).first(),  # 第三十五条
        "due_note": due_note(application.due_on),
        "can_handle": permissions.can_handle_application(request.user, application),
        **draft_panel(request.user, application, timezone.localdate(), failed=failed),
        **case_file_panel(request.user, application, timezone.localdate(), failed=failed),
        **proactive_panel(request.user, application, similar),  # 条例第四十四条
        **consultation_panel(application, timezone.localdate()),
    }
    # A refused step whose form is no longer offered (the case moved on meanwhile) still says why.
    shown = {id(form) for _, _, form in [*context["actions"], *context["draft_steps"]]}
    shown.add(id(context.get("case_file", {}).get("form")))
    if context.get("case_file", {}).get("failed_notices"):  # the resend form shows only beside them
        shown.add(id(context["case_file"]["resend_form"]))
    context["failed_elsewhere"] = [
        message
        for form in failed.values()
        if id(form) not in shown
        for field_errors in form.errors.values()
        for message in field_errors
    ]
    return render(request, "applications/detail.html", context, status=status)


def public_apply(request, code: str):
    body = get_object_or_404(Body, code=code)
    form = PublicApplyForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex})
    status = 200
    if request.method == "POST" and form.is_valid():
        # Checked only for a valid form, so that a citizen correcting mistakes loses no place.
        if not submission_place_take(request):
            form.add_error(None, "提交过于频繁，请一小时后再试，或通过电话、信函提出申请。")
            status = 429
        else:
            application = _register(
                request,
                form,
                body,
                channel=Channel.ONLINE,
                received_on=receipt_day_online(timezone.localdate(), body),
                submission_key=form.cleaned_data["submission_key"],
            )
            if application is not None:
                return redirect("application-status", query_code=application.query_code)
            submission_place_return(request)
    if form.errors and status == 200:
        status = 400
    context = {"body": body, "form": form, "receipt_rule": ONLINE_RULE_TEXT[online_receipt_rule(body)]}
    return render(request, "applications/public_apply.html", context, status=status)


def status_lookup(request):
    form = StatusLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("application-status", query_code=form.cleaned_data["query_code"].upper())
    return render(
        request, "applications/status_lookup.html", {"form": form}, status=400 if form.errors else 200
    )


def application_status(request, query_code: str):
    application = application_by_query_code(query_code=query_code)
    if application is None:
        return render(
            request,
            "applications/status_lookup.html",
            {"form": StatusLookupForm(), "not_found": True},
            status=404,
        )
    context = {
        "application": application,
        "body": application.body,
        "masked_name": mask_name(application.applicant_name),
    }
    return render(request, "applications/status.html", context)


def clerks_of(body):
    """People who can be given a case today: the body's 经办人 and anyone acting as one (AB岗)."""
    today = timezone.localdate()
    ids = active_assignments(on=today).filter(body=body).filter(Q(role=Role.CLERK)).values("user_id")
    backups = (
        active_assignments(on=today)
        .filter(body=body, role=Role.CLERK)
        .exclude(backup=None)
        .values("backup_id")
    )
    return (
        get_user_model()
        .objects.filter(Q(id__in=ids) | Q(id__in=backups), is_active=True)
        .order_by("username")
    )


@login_required
@require_POST
def application_assign(request, code: str, pk: int):
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    if not permissions.can_handle_application(request.user, application):
        raise PermissionDenied
    clerk = (
        clerks_of(application.body).filter(pk=request.POST.get("clerk") or 0).first()
        if (request.POST.get("clerk", "").isdigit())
        else None
    )
    if clerk is None:
        message = "请从本机关经办人中选择。"
        return render(request, "web/error.html", {"title": "无法分配", "message": message}, status=400)
    try:
        services.application_assign(
            actor=request.user, application=application, clerk=clerk, today=timezone.localdate()
        )
    except services.ServiceError as error:
        return render(
            request, "web/error.html", {"title": "无法分配", "message": "；".join(error.messages)}, status=400
        )
    messages.success(request, f"已分配给{clerk.get_full_name() or clerk.username}。")
    return redirect("application-detail", code=code, pk=pk)


LETTER_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def letter_download(request, code: str, pk: int, letter_pk: int, fmt: str):
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    if not permissions.can_view_application(request.user, application):
        raise PermissionDenied
    letter = get_object_or_404(application.letters, pk=letter_pk)
    if fmt not in LETTER_FORMATS:
        raise Http404("不支持的格式")
    stored = letter.docx if fmt == "docx" else letter.pdf
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{letter.number}.{fmt}",
        content_type=LETTER_FORMATS[fmt],
    )
