"""Staff pages of proactive disclosure: thin views over gongkai.publishing.services.

Reading: the body's staff and the inspectors above it. Every change goes through a service,
which checks the exact role again; errors come back in Chinese with status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.auditlog.models import AuditEntry
from gongkai.bodies.models import Body
from gongkai.common.forms import add_service_error
from gongkai.common.pages import form_page
from gongkai.common.services import ServiceError
from gongkai.core.catalogue import ITEM_KIND_LABELS
from gongkai.publishing import forms as f
from gongkai.publishing import permissions, selectors, services, workflow
from gongkai.publishing.hit_marks import marked_text
from gongkai.publishing.models import (
    Attachment,
    CatalogueNode,
    Publication,
    SensitiveHit,
    VersionStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _body(request, code: str, allowed: Callable = permissions.can_view_publishing) -> Body:
    body = get_object_or_404(Body, code=code)
    if not allowed(request.user, body):
        raise PermissionDenied
    return body


def _publication(body: Body, pk: int) -> Publication:
    return get_object_or_404(Publication.objects.select_related("body", "column"), pk=pk, body=body)


def _refused(request, error: ServiceError, title: str = "无法完成"):
    return render(
        request, "web/error.html", {"title": title, "message": "；".join(error.messages)}, status=400
    )


# ---- lists and the catalogue ----


@login_required
def publishing_list(request, code: str):
    body = _body(request, code)
    today = timezone.localdate()
    filters = {
        "column": request.GET.get("column", "")[:40],
        "status": request.GET.get("status", "")[:24],
        "kind": request.GET.get("kind", "")[:16],
        "late": request.GET.get("late") == "1",
    }
    context = {
        "body": body,
        "rows": selectors.item_rows(body=body, today=today, **filters),
        "filters": filters,
        "columns": selectors.columns_of(body),
        "statuses": [*VersionStatus.choices, ("repealed", "已废止")],
        "kinds": [(k.value, v) for k, v in ITEM_KIND_LABELS.items()],
        "share": selectors.interpretation_share(body=body),
        "missing": selectors.missing_updates(body=body, today=today),
        "can_draft": permissions.can_draft(request.user, body),
        "has_catalogue": CatalogueNode.objects.filter(body=body).exists(),
    }
    return render(request, "publishing/list.html", context)


@login_required
def catalogue(request, code: str):
    body = _body(request, code)
    context = {
        "body": body,
        "rows": selectors.catalogue_rows(body=body),
        "share": selectors.interpretation_share(body=body),
        "index_rule": services.index_rule_of(body),
        "can_manage": permissions.can_manage_catalogue(request.user, body),
    }
    return render(request, "publishing/catalogue.html", context)


@login_required
@require_POST
def catalogue_install(request, code: str):
    body = _body(request, code, permissions.can_manage_catalogue)
    try:
        services.catalogue_install_default(actor=request.user, body=body, today=timezone.localdate())
    except ServiceError as error:
        return _refused(request, error)
    messages.success(request, "已建立默认公开目录。")
    return redirect("publishing-catalogue", code=code)


@login_required
def column_edit(request, code: str, node: int | None = None):
    body = _body(request, code, permissions.can_manage_catalogue)
    existing = get_object_or_404(CatalogueNode, pk=node, body=body) if node is not None else None
    nodes = CatalogueNode.objects.filter(body=body)
    if existing is not None:
        nodes = nodes.exclude(pk=existing.pk)
    initial = (
        {
            "name": existing.name,
            "code": existing.code,
            "parent": existing.parent_id,
            "position": existing.position,
            "update_every": existing.update_every,
        }
        if existing
        else {}
    )
    form = f.ColumnForm(request.POST or None, nodes=nodes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.catalogue_node_save(
                actor=request.user,
                body=body,
                node=existing,
                code=data["code"],
                name=data["name"],
                parent=data["parent"],
                position=data["position"],
                update_every=data["update_every"] or "",
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已保存栏目。")
            return redirect("publishing-catalogue", code=code)
    heading = f"修改栏目：{existing.name}" if existing else "增加栏目"
    return form_page(request, form, heading=heading, cancel_url=f"/bodies/{code}/publishing/catalogue/")


@login_required
def index_rule(request, code: str):
    body = _body(request, code, permissions.can_manage_catalogue)
    form = f.IndexRuleForm(request.POST or None, initial={"rule": services.index_rule_of(body)})
    if request.method == "POST" and form.is_valid():
        try:
            services.index_rule_set(
                actor=request.user, body=body, rule=form.cleaned_data["rule"], today=timezone.localdate()
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已保存索引号规则。")
            return redirect("publishing-catalogue", code=code)
    intro = "新信息按此规则编号；已有信息的索引号不变。"
    return form_page(
        request, form, heading="索引号规则", cancel_url=f"/bodies/{code}/publishing/catalogue/", intro=intro
    )


# ---- items ----


def _details(data: dict) -> dict:
    return {field: data.get(field) for field in services.VERSION_FIELDS if field in data} | {
        "doc_number": data.get("doc_number", ""),
        "text": data.get("text", ""),
    }


@login_required
def item_new(request, code: str):
    body = _body(request, code, permissions.can_draft)
    columns = selectors.columns_of(body)
    if not columns.exists():
        return render(
            request,
            "web/error.html",
            {"title": "尚无公开目录", "message": "请管理员先在“公开目录”页建立目录。"},
            status=400,
        )
    version = body.version_on(timezone.localdate())
    form = f.NewItemForm(
        request.POST or None,
        columns=columns,
        may_make_rules=selectors.body_may_make_rules(body, timezone.localdate()),
        usual_kinds=selectors.usual_kinds(body),
        initial={"issuer": version.name if version else "", "formed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publication = services.publication_create(
                actor=request.user,
                body=body,
                column=data["column"],
                kind=data["kind"],
                details=_details(data),
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"已起草，索引号 {publication.index_number}。")
            return redirect("publishing-detail", code=code, pk=publication.pk)
    return form_page(
        request,
        form,
        heading="起草主动公开信息",
        cancel_url=f"/bodies/{code}/publishing/",
        submit_label="保存草稿",
        scripts=["publishing/kind_hint.js"],
    )


@login_required
def item_edit(request, code: str, pk: int):
    body = _body(request, code, permissions.can_draft)
    publication = _publication(body, pk)
    version = selectors.latest_version(publication)
    if version.status != VersionStatus.DRAFT:
        return _refused(request, ServiceError("只有草稿可以修改。"))
    initial = {field: getattr(version, field) for field in services.VERSION_FIELDS}
    form = f.VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_edit(
                actor=request.user,
                version=version,
                changes=_details(form.cleaned_data),
                today=timezone.localdate(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "已保存草稿。")
            return redirect("publishing-detail", code=code, pk=pk)
    return form_page(
        request, form, heading=f"修改草稿：{version.title}", cancel_url=f"/bodies/{code}/publishing/{pk}/"
    )


@dataclass(frozen=True)
class Step:
    """How the item page takes a step of the workflow table: its form and the service it calls."""

    form: type | None
    run: Callable  # (actor, publication, version, data, today) -> None


def _run_interprets(actor: User, publication, version, data, today):
    document = None
    if data.get("document"):
        document = Publication.objects.filter(pk=data["document"], body=publication.body).first()
        if document is None:
            raise ServiceError("没有这个文件。")
    services.publication_link_interpretation(
        actor=actor, interpretation=publication, document=document, today=today
    )


STEPS: dict[str, Step] = {
    "submit": Step(None, lambda a, p, v, d, t: services.version_submit(actor=a, version=v, today=t)),
    "review": Step(None, lambda a, p, v, d, t: services.version_review(actor=a, version=v, today=t)),
    "clear": Step(None, lambda a, p, v, d, t: services.version_secrecy_clear(actor=a, version=v, today=t)),
    "sign": Step(None, lambda a, p, v, d, t: services.version_sign(actor=a, version=v, today=t)),
    "return": Step(
        f.ReasonForm,
        lambda a, p, v, d, t: services.version_return(actor=a, version=v, reason=d["reason"], today=t),
    ),
    "new_version": Step(
        f.NewVersionForm,
        lambda a, p, v, d, t: services.publication_new_version(
            actor=a, publication=p, change_note=d["change_note"], formed_on=d["formed_on"], today=t
        ),
    ),
    "repeal": Step(
        f.RepealForm,
        lambda a, p, v, d, t: services.publication_repeal(
            actor=a, publication=p, repealed_on=d["repealed_on"], basis=d["basis"], today=t
        ),
    ),
    "interprets": Step(f.InterpretsForm, _run_interprets),
}
# Not a transition of the version: linking an interpretation is the 经办人's, in any status.
LINK_STEP = workflow.Transition("关联所解读的文件", permissions.can_draft, ())


def _transition(key: str) -> workflow.Transition:
    return LINK_STEP if key == "interprets" else workflow.TRANSITIONS[key]


def _hits_in_reading_order():
    """The text's hits first, then each attachment's, on every database (NULLs sort differently)."""
    return SensitiveHit.objects.select_related("attachment", "resolved_by").order_by(
        F("attachment_id").asc(nulls_first=True), "start", "id"
    )


@login_required
def item_detail(request, code: str, pk: int):
    body = _body(request, code)
    publication = _publication(body, pk)
    versions = publication.versions.select_related(
        "created_by", "reviewed_by", "secrecy_reviewed_by", "signed_by"
    ).prefetch_related("attachments", Prefetch("hits", queryset=_hits_in_reading_order()))
    versions = list(versions)
    for version in versions:
        version.marked_text = marked_text(
            version.text, [h for h in version.hits.all() if not h.attachment_id]
        )
    latest = versions[0]
    today = timezone.localdate()
    can_draft = permissions.can_draft(request.user, body)
    context = {
        "body": body,
        "publication": publication,
        "versions": versions,
        "latest": latest,
        "late": selectors.is_late(latest, today),
        "steps": [
            (
                key,
                workflow.TRANSITIONS[key].label,
                STEPS[key].form(prefix=key, initial={"formed_on": today, "repealed_on": today})
                if STEPS[key].form
                else None,
            )
            for key in workflow.steps_open_to(request.user, publication, latest)
        ],
        "can_edit": can_draft and latest.status == VersionStatus.DRAFT,
        "can_resolve": permissions.can_resolve_hits(request.user, body)
        and latest.status in (VersionStatus.IN_REVIEW, VersionStatus.IN_SECRECY),
        "attachment_form": f.AttachmentForm(),
        "can_link": can_draft and publication.kind == "interpretation",
        "documents": Publication.objects.filter(
            body=body, kind__in=services.INTERPRETED_KINDS
        ).select_related("published_version"),
        "interpretations": publication.interpretations.all(),
        "history": AuditEntry.objects.filter(
            target_type=Publication._meta.label_lower, target_id=str(publication.pk)
        ).order_by("-at", "-id")[:50],
    }
    return render(request, "publishing/detail.html", context)


@login_required
@require_POST
def item_step(request, code: str, pk: int, step: str):
    body = _body(request, code, permissions.can_act_on_publishing)
    action = STEPS.get(step)
    if action is None:
        raise Http404("没有这个步骤。")
    transition = _transition(step)
    label = transition.label
    if not transition.allowed(request.user, body):
        raise PermissionDenied
    publication = _publication(body, pk)
    version = selectors.latest_version(publication)
    form = action.form(request.POST, prefix=step) if action.form else None
    if form is not None and not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return render(
            request,
            "web/error.html",
            {"title": f"无法{label}", "message": "；".join(errors)},
            status=400,
        )
    try:
        action.run(
            request.user, publication, version, form.cleaned_data if form else {}, timezone.localdate()
        )
    except ServiceError as error:
        return _refused(request, error, f"无法{label}")
    messages.success(request, f"已完成：{label}。")
    return redirect("publishing-detail", code=code, pk=pk)


@login_required
@require_POST
def attachment_add(request, code: str, pk: int):
    body = _body(request, code, permissions.can_draft)
    publication = _publication(body, pk)
    form = f.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, ServiceError("请选择要上传的文件。"), "无法添加附件")
    upload = form.cleaned_data["file"]
    if upload.size > services.MAX_ATTACHMENT_BYTES:
        limit = services.MAX_ATTACHMENT_BYTES // (1024 * 1024)
        return _refused(
            request, ServiceError(f"{upload.name}：文件超过{limit}MB，请压缩或拆分后上传。"), "无法添加附件"
        )
    try:
        services.attachment_add(
            actor=request.user,
            version=selectors.latest_version(publication),
            name=upload.name,
            data=upload.read(),
            today=timezone.localdate(),
        )
    except ServiceError as error:
        return _refused(request, error, "无法添加附件")
    messages.success(request, f"已添加附件：{upload.name}。")
    return redirect("publishing-detail", code=code, pk=pk)


@login_required
@require_POST
def attachment_remove(request, code: str, pk: int, attachment: int):
    body = _body(request, code, permissions.can_draft)
    publication = _publication(body, pk)
    found = get_object_or_404(Attachment, pk=attachment, version__publication=publication)
    try:
        services.attachment_remove(actor=request.user, attachment=found, today=timezone.localdate())
    except ServiceError as error:
        return _refused(request, error, "无法删除附件")
    messages.success(request, "已删除附件。")
    return redirect("publishing-detail", code=code, pk=pk)


@login_required
def attachment_download(request, code: str, pk: int, attachment: int, which: str):
    body = _body(request, code)
    publication = _publication(body, pk)
    found = get_object_or_404(Attachment, pk=attachment, version__publication=publication)
    stored = {"original": found.original, "published": found.published}.get(which)
    if not stored:
        raise Http404("没有这个文件。")
    response = FileResponse(stored.open("rb"), content_type=services.attachment_content_type(found.file_type))
    prefix = "" if which == "original" else "发布件-"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quoted(prefix + found.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _hit(request, code: str, pk: int, hit: int) -> SensitiveHit:
    body = _body(request, code, permissions.can_resolve_hits)
    publication = _publication(body, pk)
    return get_object_or_404(SensitiveHit, pk=hit, version__publication=publication)


@login_required
@require_POST
def hit_resolve(request, code: str, pk: int, hit: int):
    found = _hit(request, code, pk, hit)
    form = f.HitForm(request.POST)
    if not form.is_valid():
        if "resolution" in form.errors:
            return _refused(request, ServiceError("处理方式无效。"))
        return _refused(request, ServiceError("允许公开的理由不能超过300字。"))
    try:
        services.hit_resolve(
            actor=request.user,
            hit=found,
            resolution=form.cleaned_data["resolution"],
            reason=form.cleaned_data["reason"],
            today=timezone.localdate(),
        )
    except ServiceError as error:
        return _refused(request, error, "无法处理敏感信息")
    word = services.CHANGED_TO[form.cleaned_data["resolution"]]
    label = f"已改为{word}" if found.resolution else f"已{word}"  # found holds the decision before
    messages.success(request, f"{label}：{found.get_kind_display()}（{found.location}）。")
    return redirect("publishing-detail", code=code, pk=pk)


@login_required
@require_POST
def hit_reopen(request, code: str, pk: int, hit: int):
    found = _hit(request, code, pk, hit)
    try:
        services.hit_reopen(actor=request.user, hit=found, today=timezone.localdate())
    except ServiceError as error:
        return _refused(request, error, "无法撤销决定")
    messages.success(request, f"已撤销决定，待重新处理：{found.get_kind_display()}（{found.location}）。")
    return redirect("publishing-detail", code=code, pk=pk)
