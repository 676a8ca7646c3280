"""The 转为主动公开 page of a case: translate the form into application_turn_proactive (or _join)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import permissions
from gongkai.applications.models import Application
from gongkai.applications.proactive import (
    application_suggestion_record,
    conversion_case,
    like_requests,
)
from gongkai.common.forms import add_service_error
from gongkai.common.services import ServiceError
from gongkai.conversion import services
from gongkai.conversion.forms import JoinForm, SuggestionForm, TurnForm
from gongkai.core.proactive import conversion_grounds, conversion_refusal, suggested_column
from gongkai.publishing.models import Publication
from gongkai.publishing.selectors import body_may_make_rules, columns_of


def _handled_case(request, code: str, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    if not permissions.can_handle_application(request.user, application):
        raise PermissionDenied
    return application


def _turn_form(application: Application, like: list[Application], data=None) -> TurnForm:
    today = timezone.localdate()
    columns = columns_of(application.body)
    column_code = suggested_column(application.information_requested, [(c.code, c.name) for c in columns])
    preselected = next((c for c in columns if c.code == column_code), None)
    return TurnForm(
        data,
        prefix="turn",
        columns=columns,
        like=like,
        may_make_rules=body_may_make_rules(application.body, today),
        initial={
            "column": preselected,
            "title": application.information_requested[:200],
            "also": [a for a in like if conversion_refusal(conversion_case(a, [application])) is None],
        },
    )


def _join_form(application: Application, like: list[Application], data=None) -> JoinForm:
    publications = Publication.objects.filter(
        body=application.body, source_applications__in=[a.pk for a in like]
    ).distinct()
    return JoinForm(data, prefix="join", publications=publications)


def _page(request, application, *, turn=None, join=None, suggest=None, status=200):
    like = like_requests(application)
    case = conversion_case(application, like)
    context = {
        "application": application,
        "body": application.body,
        "grounds": conversion_grounds(case),
        "refusal": conversion_refusal(case),
        "turn_form": turn or _turn_form(application, like),
        "join_form": join or _join_form(application, like),
        "suggest_form": suggest or SuggestionForm(prefix="suggest"),
    }
    return render(request, "conversion/turn.html", context, status=status)


@login_required
def proactive_turn(request, code: str, pk: int):
    application = _handled_case(request, code, pk)
    if request.method != "POST":
        return _page(request, application)
    form = _turn_form(application, like_requests(application), request.POST)
    if form.is_valid():
        try:
            publication = services.application_turn_proactive(
                actor=request.user,
                application=application,
                column=form.cleaned_data["column"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                also=list(form.cleaned_data["also"]),
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已转为主动公开草稿 {publication.index_number}，请完善后提交审核。")
            return redirect("publishing-detail", code=code, pk=publication.pk)
    return _page(request, application, turn=form, status=400)


@login_required
@require_POST
def proactive_join(request, code: str, pk: int):
    application = _handled_case(request, code, pk)
    form = _join_form(application, like_requests(application), request.POST)
    if form.is_valid():
        try:
            publication = services.application_join_proactive(
                actor=request.user,
                application=application,
                publication=form.cleaned_data["publication"],
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已并入主动公开信息 {publication.index_number}。")
            return redirect("application-detail", code=code, pk=pk)
    return _page(request, application, join=form, status=400)


@login_required
@require_POST
def proactive_suggestion(request, code: str, pk: int):
    application = _handled_case(request, code, pk)
    form = SuggestionForm(request.POST, prefix="suggest")
    if form.is_valid():
        try:
            application_suggestion_record(
                actor=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已登记申请人的主动公开建议。")
            return redirect("application-detail", code=code, pk=pk)
    return _page(request, application, suggest=form, status=400)
