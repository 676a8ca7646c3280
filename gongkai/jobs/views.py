"""The jobs' pages: a job's progress (reloading itself until it ends) and the 管理员's list, with
failed jobs first and a button to run one again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.jobs import permissions, services
from gongkai.jobs.models import Job
from gongkai.jobs.registry import job_title

REFRESH_SECONDS = 2


def _job(request, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("body", "created_by"), pk=pk)
    if not permissions.can_view_job(request.user, job):
        raise PermissionDenied
    return job


@login_required
def job_detail(request, pk: int):
    job = _job(request, pk)
    context = {
        "job": job,
        "title": job_title(job.kind),
        "refresh": None if job.finished else REFRESH_SECONDS,
        "can_retry": job.status == Job.Status.FAILED and permissions.can_retry_job(request.user, job),
    }
    return render(request, "jobs/job.html", context)


@login_required
def job_status(request, pk: int):
    """The same progress as JSON, for a page or a script that polls."""
    job = _job(request, pk)
    fields = (
        "status",
        "done",
        "total",
        "current",
        "problems",
        "attempts",
        "max_attempts",
        "summary",
        "result_url",
    )
    return JsonResponse({"id": job.pk, "percent": job.percent, **{f: getattr(job, f) for f in fields}})


@login_required
@require_POST
def job_retry(request, pk: int):
    job = _job(request, pk)
    if not permissions.can_retry_job(request.user, job):
        raise PermissionDenied
    services.job_retry(actor=request.user, job=job)
    return redirect("job", pk=job.pk)


@login_required
def job_list(request):
    if not permissions.can_list_jobs(request.user):
        raise PermissionDenied
    jobs = Job.objects.select_related("body", "created_by")
    if not request.user.is_superuser:
        jobs = jobs.filter(body__in=permissions.administered_bodies(request.user))
    failed_first = Case(
        When(status=Job.Status.FAILED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    rows = [(job, job_title(job.kind)) for job in jobs.order_by(failed_first, "-created_at", "-pk")[:200]]
    failed = jobs.filter(status=Job.Status.FAILED).count()
    return render(request, "jobs/jobs.html", {"rows": rows, "failed": failed})
