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


# How alike two requests must be (rapidfuzz ratio, 0-100) to be shown as possibly the same request.
SIMILARITY_THRESHOLD = 80
SIMILARITY_WINDOW = 5000  # the body's most recent applications compared against


def similar_applications(*, application: Application, limit: int = 10) -> list[tuple[Application, str]]:
    """Earlier applications of the same applicant, or asking for nearly the same information, with why.

    Shown on the case page so staff can decide 重复申请 or 无正当理由大量反复申请 with the evidence in view.
    """
    from rapidfuzz import fuzz, process

    earlier = Application.objects.filter(body=application.body).exclude(pk=application.pk)
    same_person = list(
        earlier.filter(id_document_number=application.id_document_number).order_by("-received_on")[:limit]
    )
    found: dict[int, tuple[Application, str]] = {a.pk: (a, "同一申请人") for a in same_person}
    recent = list(
        earlier.order_by("-received_on", "-serial").values_list("pk", "information_requested")[
            :SIMILARITY_WINDOW
        ]
    )
    matches = process.extract(
        application.information_requested,
        dict(recent),
        scorer=fuzz.ratio,
        score_cutoff=SIMILARITY_THRESHOLD,
        limit=limit,
    )
    similar_ids = {pk: score for _, score, pk in matches}
    for candidate in Application.objects.filter(pk__in=similar_ids):
        reason = f"内容相似度{similar_ids[candidate.pk]:.0f}%"
        if candidate.pk in found:
            reason = f"同一申请人，{reason}"
        found[candidate.pk] = (candidate, reason)
    return sorted(found.values(), key=lambda pair: pair[0].received_on, reverse=True)[:limit]
