"""Template context for the navigation: which areas the signed-in user can use."""

from gongkai.supervision.permissions import can_audit_reports


def navigation(request):
    return {"can_audit_reports": can_audit_reports(request.user)} if request.user.is_authenticated else {}
