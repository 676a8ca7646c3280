"""Views for 行政复议 and 行政诉讼: list, record, conclude."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import permissions
from gongkai.applications.appeals import appeal_conclude, appeal_record
from gongkai.applications.forms import AppealConcludeForm, AppealForm
from gongkai.applications.models import Appeal, Application
from gongkai.bodies.models import Body
from gongkai.bodies.permissions import can_view_body
from gongkai.common.forms import add_service_error
from gongkai.common.services import ServiceError


@login_required
def appeal_list(request, code: str):
    body = get_object_or_404(Body, code=code)
    if not can_view_body(request.user, body):
        raise PermissionDenied
    can_record = permissions.can_register_application(request.user, body)
    form = AppealForm(request.POST or None) if can_record else None
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid() and _record(request, form, body):
            messages.success(request, "已登记。")
            return redirect("appeal-list", code=body.code)
        status = 400
    return _appeals_page(request, body, form, status=status)


def _appeals_page(
    request, body, form, *, status: int = 200, failed: tuple[int, AppealConcludeForm] | None = None
):
    """The list with its forms; `failed` is (appeal id, its conclude form) when recording a result
    was refused: that row's form comes back with the clerk's input and each error beside it."""
    context = {
        "body": body,
        "appeals": Appeal.objects.filter(body=body).select_related("application"),
        "form": form,
        "conclude_form": AppealConcludeForm(),
        "failed_pk": failed[0] if failed else None,
        "failed_form": failed[1] if failed else None,
    }
    return render(request, "applications/appeals.html", context, status=status)


def _record(request, form, body) -> bool:
    data = form.cleaned_data
    application = None
    if data["application_number"]:
        application = Application.objects.filter(body=body, number=data["application_number"].strip()).first()
        if application is None:
            form.add_error("application_number", "本机关没有这个申请编号。")
            return False
    try:
        appeal_record(
            actor=request.user,
            body=body,
            kind=data["kind"],
            filed_on=data["filed_on"],
            authority=data["authority"],
            today=timezone.localdate(),
            application=application,
            case_number=data["case_number"],
            note=data["note"],
        )
    except ServiceError as error:
        add_service_error(form, error)
        return False
    return True


@login_required
@require_POST
def appeal_conclude_view(request, code: str, pk: int):
    appeal = get_object_or_404(Appeal.objects.select_related("body"), pk=pk, body__code=code)
    if not permissions.can_register_application(request.user, appeal.body):
        raise PermissionDenied
    form = AppealConcludeForm(request.POST)
    if form.is_valid():
        try:
            appeal_conclude(
                actor=request.user,
                appeal=appeal,
                result=form.cleaned_data["result"],
                concluded_on=form.cleaned_data["concluded_on"],
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已记录审结结果。")
            return redirect("appeal-list", code=code)
    record_form = AppealForm() if permissions.can_register_application(request.user, appeal.body) else None
    return _appeals_page(request, appeal.body, record_form, status=400, failed=(appeal.pk, form))
