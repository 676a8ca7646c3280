"""Permission-matrix rows of the job pages (see tests/access.py). The sample job is a failed one
of 东湖街道, submitted by its 经办人."""

from tests.access import Row

LISTERS = {"admin", "other_admin", "superuser"}  # 管理员 see their bodies' jobs, superusers all
READERS = {"clerk", "admin", "superuser"}  # who submitted it, its body's 管理员, superusers
RETRIERS = {"admin", "superuser"}

ROWS = [
    Row("jobs", "get", "/work/jobs/", LISTERS),
    Row("job", "get", "/work/jobs/{job}/", READERS),
    Row("job-status", "get", "/work/jobs/{job}/status.json", READERS),
    Row("job-retry", "post", "/work/jobs/{job}/retry/", RETRIERS, ok=(302,)),
]


def placeholders(cast) -> dict:
    from django.utils import timezone

    from gongkai.jobs.models import Job

    job = Job.objects.filter(body=cast.body, kind="uploads.cleanup").first() or Job.objects.create(
        kind="uploads.cleanup",
        body=cast.body,
        created_by=cast.clerk,
        status=Job.Status.FAILED,
        attempts=3,
        error="RuntimeError: 存储不可用",
        run_after=timezone.now(),
    )
    return {"job": job.pk}
