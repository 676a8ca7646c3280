"""Handling a case from its page: each step is a small form posted here, checked, and passed to
the use case in gongkai.applications.handling (or letters). Errors come back in Chinese, 400."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import action_forms as f
from gongkai.applications import handling, letters, permissions
from gongkai.applications.clock import clock_state
from gongkai.applications.models import Application
from gongkai.common.services import ServiceError
from gongkai.core.fees import per_page_fee, per_request_fee
from gongkai.core.workcalendar import UnknownYearError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Action:
    label: str
    form: type
    run: Callable  # (actor, application, data, today) -> None
    allowed: Callable = permissions.can_handle_application


def _acknowledge(actor: User, application, data, today):
    due = application.due_on
    if due is None:
        raise ServiceError("答复期限尚不能确定（计时中止或日历缺少年份），暂不能出具受理回执。")
    letters.letter_issue(
        actor=actor,
        application=application,
        draft=letters.acknowledgement(application, due_on=due),
        issued_on=data["on"],
    )


def _fee(actor: User, application, data, today):
    if data["method"] == "per_page":
        if data.get("pages") is None:
            raise ServiceError("按量计收须填写页数。")
        fee = per_page_fee(pages=data["pages"])
    else:
        fee = per_request_fee(earlier_this_month=data.get("earlier_this_month") or 0)
    handling.fee_notice_send(actor=actor, application=application, on=data["on"], fee=fee, today=today)


def _deliver(actor: User, application, data, today):
    letter = application.letters.filter(pk=data["letter"]).first()
    if letter is None:
        raise ServiceError("没有这份文书。")
    letters.letter_deliver(
        actor=actor, letter=letter, channel=data["channel"], delivered_on=data["delivered_on"], today=today
    )


ACTIONS: dict[str, Action] = {
    "acknowledge": Action("出具受理回执", f.OnForm, _acknowledge),
    "supplement": Action(
        "发出补正告知",
        f.SupplementForm,
        lambda a, app, d, t: handling.supplement_request(
            actor=a,
            application=app,
            on=d["on"],
            missing=d["missing"],
            working_days=d["working_days"],
            today=t,
        ),
    ),
    "supplement_received": Action(
        "收到补正材料",
        f.OnForm,
        lambda a, app, d, t: handling.supplement_receive(actor=a, application=app, on=d["on"], today=t),
    ),
    "consult": Action(
        "征求第三方意见",
        f.ConsultationForm,
        lambda a, app, d, t: handling.consultation_send(
            actor=a,
            application=app,
            on=d["on"],
            third_party=d["third_party"],
            concerns=d["concerns"],
            today=t,
        ),
    ),
    "consult_answered": Action(
        "收到第三方意见",
        f.ConsultationAnswerForm,
        lambda a, app, d, t: handling.consultation_answer(
            actor=a, application=app, on=d["on"], note=d["note"], today=t
        ),
    ),
    "extend": Action(
        "批准延期（负责人）",
        f.ExtensionForm,
        lambda a, app, d, t: handling.extension_approve(
            actor=a, application=app, on=d["on"], days=d["days"], reason=d["reason"], today=t
        ),
        permissions.can_approve_extension,
    ),
    "fee": Action("发出收费通知", f.FeeForm, _fee),
    "fee_paid": Action(
        "申请人已缴费",
        f.OnForm,
        lambda a, app, d, t: handling.fee_paid(actor=a, application=app, on=d["on"], today=t),
    ),
    "decide": Action(
        "作出答复",
        f.DecisionForm,
        lambda a, app, d, t: handling.application_decide(
            actor=a, application=app, outcome_code=d["outcome"], on=d["on"], reason=d["reason"], today=t
        ),
    ),
    "redirect": Action(
        "告知向其他机关申请（转办）",
        f.RedirectForm,
        lambda a, app, d, t: handling.application_redirect(
            actor=a,
            application=app,
            competent_body=d["competent_body"],
            contact=d["contact"],
            on=d["on"],
            today=t,
        ),
    ),
    "deliver": Action("记录送达", f.DeliveryForm, _deliver),
}


def available_actions(user, application) -> list[tuple[str, Action]]:
    return [(key, action) for key, action in ACTIONS.items() if action.allowed(user, application)]


def clock_summary(application, today):
    """The clock's explanation for the case page, or why it cannot be computed."""
    try:
        return clock_state(application, today), None
    except UnknownYearError as error:
        return None, str(error)


@login_required
@require_POST
def application_action(request, code: str, pk: int, action: str):
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404("没有这个办理步骤。")
    if not step.allowed(request.user, application):
        raise PermissionDenied
    form = step.form(request.POST, prefix=action)
    if form.is_valid():
        try:
            step.run(request.user, application, form.cleaned_data, timezone.localdate())
        except ServiceError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"已完成：{step.label}。")
            return redirect("application-detail", code=code, pk=pk)
    errors = [e for field_errors in form.errors.values() for e in field_errors]
    context = {"title": f"无法{step.label}", "message": "；".join(errors)}
    return render(request, "web/error.html", context, status=400)
