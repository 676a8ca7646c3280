"""The case page's approval steps (审核, 退回, 签发) and the preview of a draft before it is signed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.applications import action_forms as f
from gongkai.applications import approval, permissions
from gongkai.applications.action_views import submit_step
from gongkai.applications.models import OPEN_DRAFT_STATES, AnswerDraft
from gongkai.common.forms import Form
from gongkai.common.services import ServiceError
from gongkai.documents.letter import render_docx, render_pdf

DRAFT_STEPS = {
    "review": ("审核通过", Form, lambda a, d, data, t: approval.draft_review(actor=a, draft=d, today=t)),
    "return": (
        "退回",
        f.ReturnForm,
        lambda a, d, data, t: approval.draft_return(actor=a, draft=d, reason=data["reason"], today=t),
    ),
    "sign": (
        "签发",
        f.SignForm,
        lambda a, d, data, t: approval.draft_sign(actor=a, draft=d, on=data["on"], today=t),
    ),
}
PREVIEW_FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx),
    "pdf": ("application/pdf", render_pdf),
}


def _draft(request, code: str, pk: int, draft_pk: int) -> AnswerDraft:
    draft = get_object_or_404(
        AnswerDraft.objects.select_related("application__body"),
        pk=draft_pk,
        application_id=pk,
        application__body__code=code,
    )
    if not permissions.can_handle_application(request.user, draft.application):
        raise PermissionDenied
    return draft


@login_required
@require_POST
def draft_action(request, code: str, pk: int, draft_pk: int, step: str):
    if step not in DRAFT_STEPS:
        raise Http404("没有这个审批步骤。")
    draft = _draft(request, code, pk, draft_pk)
    label, form_class, run = DRAFT_STEPS[step]
    form = form_class(request.POST, prefix=f"draft-{step}")

    def run_step(data):
        return run(request.user, draft, data, timezone.localdate())

    return submit_step(request, form, label, run_step, code=code, pk=pk, failed=f"draft-{step}")


@login_required
def draft_preview(request, code: str, pk: int, draft_pk: int, fmt: str):
    """The letter as it would be signed today, without 文号: for the 审核人 and 负责人 to read."""
    draft = _draft(request, code, pk, draft_pk)
    if fmt not in PREVIEW_FORMATS or draft.state not in OPEN_DRAFT_STATES:
        raise Http404("没有可预览的文书。")
    content_type, render_ = PREVIEW_FORMATS[fmt]
    try:
        letter = approval.preview(draft, on=timezone.localdate())
    except ServiceError as error:
        return render(request, "web/error.html", {"title": "无法预览", "message": str(error)}, status=400)
    response = HttpResponse(render_(letter), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''preview-{draft.pk}.{fmt}"
    return response


def draft_panel(user, application, today, *, failed: dict | None = None):
    """The case page's view of the drafts: the open one with its preview text and the steps the
    user may take, and the returned ones with their reasons."""
    drafts = list(application.drafts.select_related("drafted_by", "returned_by", "reviewed_by"))
    open_draft = next((d for d in drafts if d.state in OPEN_DRAFT_STATES), None)
    preview_text, preview_problem = "", ""
    if open_draft is not None:
        try:
            preview_text = approval.preview(open_draft, on=today).plain_text()
        except ServiceError as error:
            preview_problem = str(error)
    steps = []
    if open_draft is not None and permissions.can_handle_application(user, application):
        steps = [
            (
                key,
                label,
                (failed or {}).get(f"draft-{key}")
                or form_class(prefix=f"draft-{key}", initial={"on": today}),
            )
            for key, (label, form_class, _) in DRAFT_STEPS.items()
            if approval.may_take(user, open_draft, key, today)
        ]
    return {
        "open_draft": open_draft,
        "draft_preview": preview_text,
        "draft_problem": preview_problem,
        "draft_steps": steps,
        "returned_drafts": [d for d in drafts if d.state == "returned"],
    }
