"""Thin views for bodies, people and roles: check permission, validate the form, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.auditlog.selectors import audit_entries_for_body
from gongkai.bodies import permissions, services
from gongkai.bodies.forms import (
    AbsenceForm,
    BodyDetailsForm,
    RoleAssignForm,
    RoleBackupForm,
    RoleEndForm,
    UserCreateForm,
)
from gongkai.bodies.models import Body, RoleAssignment
from gongkai.bodies.selectors import active_assignments, body_tree_rows, visible_bodies
from gongkai.common.forms import add_service_error
from gongkai.common.pages import form_page


def _body_for(request, code: str, allowed) -> Body:
    body = get_object_or_404(Body, code=code)
    if not allowed(request.user, body):
        raise PermissionDenied
    return body


def _save(request, form, use_case, success: str) -> bool:
    """Run a service; its rule violations become form errors instead of a 500."""
    try:
        use_case()
    except services.ServiceError as error:
        add_service_error(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
def body_list(request):
    today = timezone.localdate()
    rows = body_tree_rows(bodies=visible_bodies(user=request.user, on=today), on=today)
    return render(request, "bodies/body_list.html", {"rows": rows})


@login_required
def body_detail(request, code: str):
    body = _body_for(request, code, permissions.can_view_body)
    today = timezone.localdate()
    context = {
        "body": body,
        "version": body.version_on(today),
        "history": body.versions.select_related("parent", "supervisor"),
        "assignments": active_assignments(on=today).filter(body=body).select_related("user", "backup"),
        "can_manage": permissions.can_manage_body(request.user, body),
        "can_view_audit": permissions.can_view_audit_log(request.user, body),
        # Until 31 January the report being prepared is last year's; the page links to it.
        "report_year": today.year - 1 if today.month == 1 else today.year,
    }
    return render(request, "bodies/body_detail.html", context)


@login_required
def body_edit(request, code: str):
    body = _body_for(request, code, permissions.can_manage_body)
    current = body.version_on(timezone.localdate()) or body.versions.first()
    form = BodyDetailsForm(request.POST or None, instance=current, body=body)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        # The ModelForm wrote into `current` while validating; reload so the service sees the stored row.
        current.refresh_from_db()
        use_case = lambda: services.body_update_details(  # noqa: E731
            actor=request.user, body=body, effective_from=form.cleaned_data["effective_from"], changes=changes
        )
        if _save(request, form, use_case, "机关信息已保存。"):
            return redirect("body-detail", code=body.code)
    return form_page(request, form, heading=f"修改机关信息：{body}", cancel_url=f"/bodies/{body.code}/")


@login_required
def body_roles(request, code: str):
    body = _body_for(request, code, permissions.can_manage_people)
    form = RoleAssignForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        User = get_user_model()
        data = form.cleaned_data
        use_case = lambda: services.role_assign(  # noqa: E731
            actor=request.user,
            body=body,
            user=User.objects.get(pk=data["user"]),
            role=data["role"],
            valid_from=data["valid_from"],
            backup=User.objects.get(pk=data["backup"]) if data.get("backup") else None,
        )
        if _save(request, form, use_case, "角色已分配。"):
            return redirect("body-roles", code=body.code)
    assignments = (
        active_assignments(on=timezone.localdate()).filter(body=body).select_related("user", "backup")
    )
    status = 400 if form.is_bound and form.errors else 200
    context = {"body": body, "form": form, "assignments": assignments}
    return render(request, "bodies/body_roles.html", context, status=status)


def _assignment_for(request, code: str, pk: int) -> RoleAssignment:
    body = _body_for(request, code, permissions.can_manage_people)
    return get_object_or_404(RoleAssignment.objects.select_related("user", "body"), pk=pk, body=body)


@login_required
@require_POST
def role_end(request, code: str, pk: int):
    assignment = _assignment_for(request, code, pk)
    form = RoleEndForm(request.POST)
    if form.is_valid():
        use_case = lambda: services.role_end(  # noqa: E731
            actor=request.user, assignment=assignment, valid_to=form.cleaned_data["valid_to"]
        )
        if _save(request, form, use_case, "角色已终止。"):
            return redirect("body-roles", code=code)
    return form_page(request, form, heading=f"终止角色：{assignment}", cancel_url=f"/bodies/{code}/roles/")


@login_required
@require_POST
def role_backup(request, code: str, pk: int):
    assignment = _assignment_for(request, code, pk)
    form = RoleBackupForm(request.POST, body=assignment.body)
    if form.is_valid():
        backup_id = form.cleaned_data.get("backup")
        backup = get_user_model().objects.get(pk=backup_id) if backup_id else None
        use_case = lambda: services.role_set_backup(actor=request.user, assignment=assignment, backup=backup)  # noqa: E731
        if _save(request, form, use_case, "AB岗已设置。"):
            return redirect("body-roles", code=code)
    return form_page(request, form, heading=f"设置AB岗：{assignment}", cancel_url=f"/bodies/{code}/roles/")


@login_required
def user_new(request, code: str):
    body = _body_for(request, code, permissions.can_manage_people)
    form = UserCreateForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        use_case = lambda: services.user_create(actor=request.user, body=body, **data)  # noqa: E731
        if _save(request, form, use_case, f"用户 {data['username']} 已创建。"):
            return redirect("body-roles", code=body.code)
    return form_page(request, form, heading=f"新建用户：{body}", cancel_url=f"/bodies/{body.code}/roles/")


@login_required
def body_audit(request, code: str):
    body = _body_for(request, code, permissions.can_view_audit_log)
    return render(
        request, "bodies/body_audit.html", {"body": body, "entries": audit_entries_for_body(body=body)}
    )


@login_required
def absence_new(request):
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        use_case = lambda: services.absence_record(actor=request.user, body=None, user=request.user, **data)  # noqa: E731
        if _save(request, form, use_case, "请假已登记，期间由您的AB岗同事代为处理。"):
            return redirect("work-home")
    intro = "登记外出或休假期间，您担任的角色由指定的AB岗（B角）同事代为履职。"
    return form_page(request, form, heading="请假登记", cancel_url="/work/", intro=intro)
