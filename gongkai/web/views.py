"""Pages that belong to no single area: the public front page, the staff home, error pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.annual.selectors import published_report_years_by_body
from gongkai.bodies.models import Body
from gongkai.bodies.selectors import bodies_of, body_tree_rows, current_versions
from gongkai.common.todo import todo_for
from gongkai.core.guide import guide_sections


def front_page(request):
    """Public: the bodies, how to reach their disclosure offices (公开指南 contact details), and
    for each its 公开目录, 指南, online application and published annual reports."""
    if request.user.is_authenticated:
        return redirect("work-home")
    today = timezone.localdate()
    rows = body_tree_rows(
        bodies=Body.objects.filter(id__in=current_versions(on=today).values("body_id")), on=today
    )
    years = published_report_years_by_body()
    rows_with_years = [(depth, body, version, years.get(body.id, [])) for depth, body, version in rows]
    return render(request, "web/front_page.html", {"rows": rows_with_years})


@login_required
def work_home(request):
    today = timezone.localdate()
    context = {
        "items": todo_for(request.user, today),
        "today": today,
        "my_bodies": bodies_of(user=request.user, on=today),
    }
    return render(request, "web/work_home.html", context)


def bad_request(request, exception=None):
    return render(
        request,
        "web/error.html",
        {"title": "请求有误", "message": "请求的内容不完整或格式不正确。"},
        status=400,
    )


def permission_denied(request, exception=None):
    message = "您没有权限访问此页面。如需访问，请联系本机关管理员。"
    return render(request, "web/error.html", {"title": "无权访问", "message": message}, status=403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form left open past the session, or cookies blocked."""
    message = (
        "表单已失效，无法确认提交来自本站（CSRF 校验失败）。请返回上一页，刷新后重新填写提交；"
        "如仍失败，请确认浏览器允许本站使用 Cookie。"
    )
    return render(request, "web/error.html", {"title": "表单已失效", "message": message}, status=403)


def page_not_found(request, exception=None):
    message = "您要找的页面不存在，可能已被删除或网址有误。"
    return render(request, "web/error.html", {"title": "页面不存在", "message": message}, status=404)


def server_error(request):
    message = "系统出现错误，已记录。请稍后再试；如多次出现，请联系系统管理员。"
    return render(request, "web/error.html", {"title": "系统错误", "message": message}, status=500)


def body_guide(request, code: str):
    """Public: the body's 政府信息公开指南, generated from its current details (条例第十二条)."""
    body = get_object_or_404(Body, code=code)
    version = body.version_on(timezone.localdate())
    if version is None:
        raise Http404("该机关已撤销或尚未设立。")
    office = {field: getattr(version, field) for field in (*version.GUIDE_FIELDS, "office_web")}
    supervisor = version.supervisor.version_on(timezone.localdate()) if version.supervisor else None
    sections = guide_sections(
        body_name=version.name,
        level=version.level,
        office=office,
        supervisor_name=supervisor.name if supervisor else "政府信息公开工作主管部门",
    )
    return render(request, "web/guide.html", {"body": body, "version": version, "sections": sections})
