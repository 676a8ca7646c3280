from __future__ import annotations

from django.db.models import QuerySet

from gongkai.applications.models import Application, Status

OPEN_STATUSES = (Status.REGISTERED, Status.AWAITING_SUPPLEMENT, Status.IN_PROGRESS, Status.AWAITING_FEE)


def applications_of(*, body, status: str | None = None) -> QuerySet[Application]:
    queryset = Application.objects.filter(body=body).select_related("assigned_to")
    if status == "open":
        return queryset.filter(status__in=OPEN_STATUSES)
    if status:
        return queryset.filter(status=status)
    return queryset


def application_by_query_code(*, query_code: str) -> Application | None:
    return Application.objects.filter(query_code=query_code.strip().upper()).select_related("body").first()


def mask_name(name: str) -> str:
    """张三丰 -> 张**: the public status page shows that the case is theirs without exposing the name."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
