"""Handling a case from its page: each step is a small form posted here, checked, and passed to
the use case in gongkai.applications.handling (or letters). Errors come back in Chinese, 400."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import action_forms as f
from gongkai.applications import approval, art35, consultations, fees, handling, letters, permissions
from gongkai.applications.clock import clock_state
from gongkai.applications.models import Application
from gongkai.common.forms import add_service_error
from gongkai.common.services import ServiceError
from gongkai.core.workcalendar import UnknownYearError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Action:
    label: str
    form: type
    run: Callable  # (actor, application, data, today) -> None
    allowed: Callable = permissions.can_handle_application
    offered: Callable = lambda application: True  # whether the case page offers it now


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
    fee = fees.fee_for(
        application,
        method=data["method"],
        pages=data.get("pages"),
        already_published=data["already_published"],
    )
    handling.fee_notice_send(actor=actor, application=application, on=data["on"], fee=fee, today=today)


def _propose(step: str, *keys: str) -> Callable:
    """A step whose letter goes through 拟办 → 审核 → 签发 where the body says so (approval)."""

    def run(actor, application, data, today):
        facts = {key: _as_json(data[key]) for key in keys}
        approval.draft_propose(
            actor=actor, application=application, step=step, facts=facts, on=data["on"], today=today
        )

    return run


def _as_json(value):
    """A draft keeps its facts as JSON until 签发: dates as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def _may_propose_extension(user, application) -> bool:
    """Where extensions are approved like letters, the 经办人 drafts them; else the 负责人 decides."""
    if approval.needs_approval(application, "extend"):
        return permissions.can_handle_application(user, application)
    return permissions.can_approve_extension(user, application)


def _may_propose_public_interest(user, application) -> bool:
    """Where the 告知书 is approved, the 经办人 drafts it and the 负责人 decides by signing; else
    the 负责人 decides and issues it at once."""
    if approval.needs_approval(application, "public_interest"):
        return permissions.can_handle_application(user, application)
    return consultations.may_decide_public_interest(user, application)


def _deliver(actor: User, application, data, today):
    letter = application.letters.filter(pk=data["letter"]).first()
    if letter is None:
        raise ServiceError("没有这份文书。")
    handling.delivery_record(
        actor=actor, letter=letter, channel=data["channel"], delivered_on=data["delivered_on"], today=today
    )


ACTIONS: dict[str, Action] = {
    "acknowledge": Action("出具受理回执", f.OnForm, _acknowledge),
    "supplement": Action("发出补正告知", f.SupplementForm, _propose("supplement", "missing", "working_days")),
    "supplement_received": Action(
        "收到补正材料",
        f.LateConfirmForm,
        lambda a, app, d, t: handling.supplement_receive(
            actor=a, application=app, on=d["on"], today=t, confirm_late=d["confirm_late"]
        ),
    ),
    # 征求意见 (条例第三十二条、第三十四条): applications.consultations
    "consult": Action(
        "征求意见（第三方或共同制作机关）",
        f.ConsultationForm,
        lambda a, app, d, t: consultations.consultation_send(
            actor=a,
            application=app,
            on=d["on"],
            party_kind=d["party_kind"],
            third_party=d["third_party"],
            concerns=d["concerns"],
            today=t,
        ),
    ),
    "consult_answered": Action(
        "登记征求意见的结果",
        f.ConsultationAnswerForm,
        lambda a, app, d, t: consultations.consultation_answer(
            actor=a,
            application=app,
            consultation_id=d["consultation"],
            on=d["on"],
            position=d["position"],
            reason=d["reason"],
            today=t,
        ),
        offered=lambda app: app.consultations.filter(position="").exists(),
    ),
    "public_interest": Action(
        "因公共利益决定公开（出具第三方告知书）",
        f.PublicInterestForm,
        _propose("public_interest", "consultation", "content", "reason"),
        _may_propose_public_interest,
        offered=lambda app: app.consultations.filter(
            position="object", party_kind="third_party", notice=None
        ).exists(),
    ),
    "extend": Action(
        "延期答复（负责人批准）",
        f.ExtensionForm,
        _propose("extend", "days", "reason"),
        _may_propose_extension,
    ),
    "fee": Action("发出收费通知", f.FeeForm, _fee),
    "fee_paid": Action(
        "申请人已缴费",
        f.LateConfirmForm,
        lambda a, app, d, t: handling.fee_paid(
            actor=a, application=app, on=d["on"], today=t, confirm_late=d["confirm_late"]
        ),
    ),
    "decide": Action(
        "拟办答复",
        f.DecisionForm,
        _propose("decide", "ground", "access", "withheld", "reason", "objected_part_withheld"),
    ),
    "redirect": Action(
        "转办：拟办告知向其他机关申请的答复",
        f.RedirectForm,
        _propose("redirect", "competent_body", "contact"),
    ),
    "deliver": Action("记录送达", f.DeliveryForm, _deliver),
    # 条例第三十五条 (art35)
    "art35_reason": Action(
        "要求说明理由（第三十五条）", f.Art35ReasonForm, _propose("art35_reason", "grounds", "reply_by")
    ),
    "art35_reason_record": Action(
        "记录申请人说明理由的情况（第三十五条）",
        f.Art35ReasonRecordForm,
        lambda a, app, d, t: art35.reason_record(
            actor=a, application=app, on=d["on"], verdict=d["verdict"], text=d["text"], today=t
        ),
    ),
    "art35_delay": Action(
        "确定延迟答复期限（第三十五条）", f.Art35DelayForm, _propose("art35_delay", "due_on", "reason")
    ),
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

    def run(data):
        return step.run(request.user, application, data, timezone.localdate())

    return submit_step(request, form, step.label, run, code=code, pk=pk, failed=action)


def submit_step(request, form, label: str, run: Callable, *, code: str, pk: int, failed: str = ""):
    """Run a case-page step with its checked form; back to the case page, or - when the form or
    the rule refuses it - the case page again (400) with this form open, its input kept and each
    error beside its field. `failed` names the form on the page (the action's key, or "draft-<step>")."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已完成：{label}。")
            return redirect("application-detail", code=code, pk=pk)
    # The case page is built in views, which imports this module for its list of actions.
    from gongkai.applications.views import case_page

    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    return case_page(request, application, failed={failed: form}, status=400)
