"""转为主动公开 (条例第四十四条): an answered case becomes a draft item of the body's 公开目录.

The draft is made by publishing's own publication_create, so it gets its 索引号, its 条例第二十六条
date and then goes through 保密审查 and review like any other item; nothing here publishes. The case
(and any like cases the clerk adds) points to the item, and both sides are in the audit log.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications import permissions
from gongkai.applications.audit import audit_on
from gongkai.applications.models import Application
from gongkai.applications.proactive import LEGAL_BASIS, conversion_case, like_requests
from gongkai.auditlog.services import audit_record
from gongkai.common.services import ServiceError
from gongkai.core.proactive import conversion_refusal
from gongkai.publishing.models import CatalogueNode, Publication
from gongkai.publishing.services.drafting import publication_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("body").get(pk=application.pk)


def _refuse_unless_turnable(actor: User, application: Application) -> None:
    if not permissions.can_handle_application(actor, application):
        raise ServiceError("只有本机关的办理人员可以将申请转为主动公开。")
    refusal = conversion_refusal(conversion_case(application))
    if refusal:
        raise ServiceError(refusal)


def _joining(application: Application, also: list[Application]) -> list[Application]:
    """The like cases to link too, each checked: of the like requests, answered with disclosure,
    not yet linked (the same rule as the case itself, read for each)."""
    like = {other.pk for other in like_requests(application)}
    joined = []
    for other in also:
        other = _locked(other)
        if other.pk not in like:
            raise ServiceError(f"申请 {other.number} 不是所需信息相同的申请，不能一并转入。")
        refusal = conversion_refusal(conversion_case(other, [application]))
        if refusal:
            raise ServiceError(f"申请 {other.number}：{refusal}")
        joined.append(other)
    return joined


def _link(actor: User, cases: list[Application], publication: Publication, today: date) -> None:
    """Each case points to the item, logged on the case and once on the item."""
    for case in cases:
        case.proactive_publication = publication
        case.proactive_on = today
        case.save(update_fields=["proactive_publication", "proactive_on"])
        audit_on(
            case,
            actor=actor,
            action="application.turn_proactive",
            summary=f"申请 {case.number} 所涉信息转为主动公开（草稿 {publication.index_number}）",
            after={"publication": publication.index_number, "on": today.isoformat()},
            legal_basis=LEGAL_BASIS,
        )
    numbers = "、".join(case.number for case in cases)
    audit_record(
        actor=actor,
        action="publishing.from_applications",
        summary=f"由依申请公开转为主动公开：{publication.index_number}，来源申请 {numbers}",
        body=publication.body,
        target=publication,
        after={"applications": [case.number for case in cases]},
        legal_basis=LEGAL_BASIS,
    )


@transaction.atomic
def application_turn_proactive(
    *,
    actor: User,
    application: Application,
    column: CatalogueNode,
    kind: str,
    title: str,
    also: list[Application],
    today: date,
) -> Publication:
    """A new draft item in `column` from the answered case, linked to it and to the like cases `also`.

    The information is taken as formed today: the body decides today that it belongs to 主动公开,
    which starts the 20 working days of 条例第二十六条 (the clerk may correct the date on the draft)."""
    application = _locked(application)
    _refuse_unless_turnable(actor, application)
    joined = _joining(application, also)
    version = application.body.version_on(today)
    publication = publication_create(
        actor=actor,
        body=application.body,
        column=column,
        kind=kind,
        details={"title": title.strip(), "issuer": version.name if version else "", "formed_on": today},
        today=today,
    )
    _link(actor, [application, *joined], publication, today)
    return publication


@transaction.atomic
def application_join_proactive(
    *, actor: User, application: Application, publication: Publication, today: date
) -> Publication:
    """Link the case to the item a like case was already turned into (several cases, one item)."""
    application = _locked(application)
    _refuse_unless_turnable(actor, application)
    if publication.body_id != application.body_id or not publication.source_applications.filter(
        pk__in=[other.pk for other in like_requests(application)]
    ):
        raise ServiceError("只能并入所需信息相同的申请已转入的主动公开信息。")
    _link(actor, [application], publication, today)
    return publication
