"""Template context for the navigation: which areas the signed-in user can use."""

from django.utils import timezone

from gongkai.annual.todo import last_complete_year
from gongkai.bodies.selectors import bodies_of, inspector_body_ids
from gongkai.jobs.permissions import can_list_jobs
from gongkai.supervision.permissions import can_audit_reports


def navigation(request):
    # An error page for a request refused before authentication (a bad Host header) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    today = timezone.localdate()
    return {
        "can_audit_reports": can_audit_reports(user),
        "can_list_jobs": can_list_jobs(user),
        # 主动公开 and 依申请公开: links per body where the user works (inspectors reach others
        # through 机关).
        "publishing_bodies": list(bodies_of(user=user, on=today).order_by("code")),
        # A 督查's own screens: the overdue cases of the bodies supervised and the year's roll-up.
        "rollup_year": last_complete_year(today) if inspector_body_ids(user=user, on=today) else None,
    }
