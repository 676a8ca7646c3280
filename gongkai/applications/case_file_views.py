"""The case file on the case page: uploading and reading attachments, and the 案卷 downloads.

Every route here is for the body's own staff (case_file.can_see_case_file); an inspector who may
read the case gets 403, as does anyone else.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.applications.case_file import (
    CONTENT_TYPES,
    MAX_NOTE,
    attachment_add,
    attachments_of,
    can_add_to_case_file,
    can_see_case_file,
)
from gongkai.applications.dossier import dossier_pdf, dossier_zip
from gongkai.applications.forms import ContactCorrectionForm
from gongkai.applications.models import Application, AttachmentKind, NoticeState
from gongkai.applications.notify import notices_resend
from gongkai.common.forms import Form, MultipleFileField, add_service_error
from gongkai.common.services import ServiceError


class AttachmentForm(Form):
    kind = forms.ChoiceField(label="材料类别", choices=AttachmentKind.choices)
    files = MultipleFileField(label="文件（pdf、jpg、png、docx，每个不超过20MB）")
    note = forms.CharField(label="说明", max_length=MAX_NOTE, required=False)


def _case(request, code: str, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("body"), pk=pk, body__code=code)
    if not can_see_case_file(request.user, application, timezone.localdate()):
        raise PermissionDenied
    return application


def case_file_panel(user, application: Application, today, *, failed: dict) -> dict:
    """The case page's 案卷 block (applications/_case_file.html), empty for those who may not see it;
    a refused upload's form (failed["attach"]) comes back open with its errors."""
    if not can_see_case_file(user, application, today):
        return {}
    return {
        "case_file": {
            "attachments": attachments_of(application),
            "form": failed.get("attach") or AttachmentForm(prefix="attach")
            if can_add_to_case_file(user, application, today)
            else None,
            "failed_notices": application.notices.filter(state=NoticeState.FAILED).select_related("letter"),
            "resend_form": failed.get("resend") or ContactCorrectionForm(prefix="resend")
            if can_add_to_case_file(user, application, today)
            else None,
        }
    }


@login_required
@require_POST
def attachment_upload(request, code: str, pk: int):
    application = _case(request, code, pk)
    if not can_add_to_case_file(request.user, application, timezone.localdate()):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES, prefix="attach")
    if form.is_valid():
        data = form.cleaned_data
        try:
            kept = attachment_add(
                actor=request.user,
                application=application,
                kind=data["kind"],
                files=[(f.name, f.read()) for f in data["files"]],
                note=data["note"],
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已将{len(kept)}个文件存入案卷。")
            return redirect("application-detail", code=code, pk=pk)
    # The case page is built in views, which imports this module for its 案卷 block.
    from gongkai.applications.views import case_page

    return case_page(request, application, failed={"attach": form}, status=400)


@login_required
@require_POST
def notices_resend_view(request, code: str, pk: int):
    """Send the case's failed messages again, to a corrected phone or e-mail if the clerk gives one."""
    application = _case(request, code, pk)
    if not can_add_to_case_file(request.user, application, timezone.localdate()):
        raise PermissionDenied
    form = ContactCorrectionForm(request.POST, prefix="resend")
    if form.is_valid():
        try:
            sent = notices_resend(
                actor=request.user,
                application=application,
                contact_phone=form.cleaned_data["contact_phone"],
                contact_email=form.cleaned_data["contact_email"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已重新发送{len(sent)}条消息，结果见本页。")
            return redirect("application-detail", code=code, pk=pk)
    from gongkai.applications.views import case_page

    application.refresh_from_db()  # a refused correction is not shown as if it were kept
    return case_page(request, application, failed={"resend": form}, status=400)


@login_required
def attachment_download(request, code: str, pk: int, attachment_pk: int):
    application = _case(request, code, pk)
    found = get_object_or_404(application.attachments, pk=attachment_pk)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=CONTENT_TYPES.get(found.file_type, "application/octet-stream"),
    )


@login_required
def dossier_download(request, code: str, pk: int, fmt: str):
    application = _case(request, code, pk)
    today = timezone.localdate()
    if fmt == "pdf":
        data, content_type = dossier_pdf(application, today=today), "application/pdf"
    elif fmt == "zip":
        data, content_type = dossier_zip(application, today=today), "application/zip"
    else:
        raise Http404("不支持的格式")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{application.number}-案卷.{fmt}")
    return response
