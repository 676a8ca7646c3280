"""Template context for the navigation: which areas the signed-in user can use."""

from django.utils import timezone

from gongkai.bodies.selectors import bodies_of
from gongkai.jobs.permissions import can_list_jobs
from gongkai.supervision.permissions import can_audit_reports


def navigation(request):
    # An error page for a request refused before authentication (a bad Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_audit_reports": can_audit_reports(user),
        "can_list_jobs": can_list_jobs(user),
        # 主动公开: a link per body where the user works (inspectors reach others through 机关).
        "publishing_bodies": list(bodies_of(user=user, on=timezone.localdate()).order_by("code")),
    }
