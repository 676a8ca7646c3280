"""条例第四十四条 on the case side: the applicant's suggestion, the like requests of other applicants,
and what the case page shows of 转为主动公开.

Turning a case into a draft publication needs the publishing app too, so it lives a layer up
(gongkai.conversion); this module holds what the applications app knows alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import permissions
from gongkai.applications.audit import audit_on
from gongkai.applications.models import Application
from gongkai.applications.selectors import similar_applications
from gongkai.common.services import ServiceError
from gongkai.core.proactive import ConversionCase, conversion_grounds, conversion_refusal, discloses

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LEGAL_BASIS = "《政府信息公开条例》第四十四条"


def like_requests(
    application: Application, similar: list[tuple[Application, str]] | None = None
) -> list[Application]:
    """Other applicants' requests to the same body for (nearly) the same information (第一款).

    `similar` is similar_applications' answer when the caller has it already (the case page)."""
    if similar is None:
        similar = similar_applications(application=application)
    return [other for other, _ in similar if other.id_document_number != application.id_document_number]


def conversion_case(application: Application, like: list[Application] | None = None) -> ConversionCase:
    like = like_requests(application) if like is None else like
    return ConversionCase(
        outcome_code=application.outcome,
        applicant_suggested=application.suggests_proactive,
        other_applicants_alike=len(like),
        already_converted=application.proactive_publication_id is not None,
    )


@transaction.atomic
def application_suggestion_record(
    *, actor: User, application: Application, reason: str, today: date
) -> Application:
    """The applicant's suggestion (第二款) received after registration, e.g. by phone or letter."""
    application = Application.objects.select_for_update().select_related("body").get(pk=application.pk)
    if not permissions.can_handle_application(actor, application):
        raise ServiceError("只有本机关的办理人员可以登记申请人的建议。")
    if application.suggests_proactive:
        raise ServiceError("已登记申请人的主动公开建议。")
    application.suggests_proactive = True
    application.proactive_suggestion = reason.strip()
    application.save(update_fields=["suggests_proactive", "proactive_suggestion"])
    audit_on(
        application,
        actor=actor,
        action="application.proactive_suggestion",
        summary=f"登记申请人建议将 {application.number} 所涉信息纳入主动公开范围",
        after={"reason": application.proactive_suggestion, "on": today.isoformat()},
        legal_basis=f"{LEGAL_BASIS}第二款",
    )
    return application


def proactive_panel(user, application: Application, similar: list[tuple[Application, str]]) -> dict:
    """The case page's 转为主动公开 section, for the body's staff or once there is a ground or an item."""
    like = like_requests(application, similar)
    case = conversion_case(application, like)
    publication = application.proactive_publication
    can_handle = permissions.can_handle_application(user, application)
    # Not on every case page: once there is an item or a ground, or (for the handlers) once the
    # information was disclosed, when the applicant's suggestion of 第二款 can still come in.
    shown = (
        publication is not None
        or bool(conversion_grounds(case))
        or (can_handle and discloses(application.outcome))
    )
    return {
        "proactive": {
            "publication": publication,
            "version": publication.versions.order_by("-number").first() if publication else None,
            "grounds": conversion_grounds(case),
            "refusal": conversion_refusal(case),
            "like": like,
            "can_turn": can_handle and conversion_refusal(case) is None,
            "can_record_suggestion": can_handle and not application.suggests_proactive and not publication,
        }
        if shown
        else None
    }
