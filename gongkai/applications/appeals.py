"""Use cases for 行政复议 and 行政诉讼: record one, record its result. The data of report table 3."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from gongkai.applications.audit import audit_on
from gongkai.applications.models import Appeal, AppealResult, Application
from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError, clean_or_refuse

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def appeal_record(
    *,
    actor: User,
    body: Body,
    kind: str,
    filed_on: date,
    authority: str,
    today: date,
    application: Application | None = None,
    case_number: str = "",
    note: str = "",
) -> Appeal:
    if filed_on > today:
        raise ServiceError("申请或起诉日期不能晚于今天。")
    if application is not None and application.body_id != body.id:
        raise ServiceError("相关申请不属于本机关。")
    appeal = Appeal(
        body=body,
        application=application,
        kind=kind,
        filed_on=filed_on,
        authority=authority.strip(),
        case_number=case_number.strip(),
        note=note.strip(),
    )
    clean_or_refuse(appeal)
    appeal.save()
    audit_on(
        appeal,
        actor=actor,
        action="appeal.record",
        summary=f"登记{appeal.get_kind_display()}：{appeal.authority} {appeal.case_number}".strip(),
        after={
            "kind": kind,
            "filed_on": filed_on.isoformat(),
            "application": application.number if application else None,
        },
        legal_basis="《政府信息公开条例》第五十一条",
    )
    return appeal


@transaction.atomic
def appeal_conclude(*, actor: User, appeal: Appeal, result: str, concluded_on: date, today: date) -> Appeal:
    if result == AppealResult.PENDING:
        raise ServiceError("请选择审结结果（维持、纠正或其他）。")
    if result not in AppealResult.values:
        raise ServiceError("结果无效。")
    if concluded_on > today:
        raise ServiceError("审结日期不能晚于今天。")
    if concluded_on < appeal.filed_on:
        raise ServiceError(f"审结日期不能早于申请或起诉日期（{appeal.filed_on}）。")
    if appeal.result != AppealResult.PENDING:
        raise ServiceError("该案件已审结。")
    appeal.result = result
    appeal.concluded_on = concluded_on
    clean_or_refuse(appeal)
    appeal.save(update_fields=["result", "concluded_on"])
    audit_on(
        appeal,
        actor=actor,
        action="appeal.conclude",
        summary=f"{appeal.get_kind_display()}审结：{appeal.get_result_display()}",
        before={"result": AppealResult.PENDING},
        after={"result": result, "concluded_on": concluded_on.isoformat()},
    )
    return appeal
