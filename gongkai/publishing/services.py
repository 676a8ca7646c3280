"""Use cases of proactive disclosure: one function each, keyword-only, one transaction each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from gongkai.applications.clock import current_calendar
from gongkai.applications.services import next_serial
from gongkai.auditlog.services import audit_record
from gongkai.bodies.models import Body
from gongkai.bodies.services import ServiceError, clean_or_refuse
from gongkai.core.catalogue import (
    DefaultNode,
    IndexRuleError,
    ItemKind,
    default_catalogue,
    format_index_number,
    publication_due_on,
)
from gongkai.core.workcalendar import UnknownYearError
from gongkai.publishing.models import CatalogueNode, Publication, PublicationVersion, PublishingProfile

VERSION_FIELDS = (
    "title",
    "issuer",
    "doc_number",
    "written_on",
    "formed_on",
    "topic",
    "disclosure_mode",
    "effective_from",
    "effective_until",
    "text",
)


def _level(body: Body, on: date) -> str:
    version = body.version_on(on) or body.versions.first()
    return version.level if version else ""


@transaction.atomic
def catalogue_install_default(*, actor, body: Body, today: date) -> list[CatalogueNode]:
    """Give a body the default 目录 of its level (条例第二十条、第二十一条); refused if it has one."""
    if CatalogueNode.objects.filter(body=body).exists():
        raise ServiceError("该机关已有公开目录，请在现有目录上修改。")
    created: list[CatalogueNode] = []

    def install(nodes: tuple[DefaultNode, ...], parent: CatalogueNode | None) -> None:
        for position, node in enumerate(nodes):
            row = CatalogueNode.objects.create(
                body=body,
                parent=parent,
                code=node.code,
                name=node.name,
                position=position,
                basis=node.basis,
                update_every=node.update_every.value,
            )
            created.append(row)
            install(node.children, row)

    install(default_catalogue(_level(body, today)), None)
    audit_record(
        actor=actor,
        action="publishing.catalogue_default",
        summary=f"建立默认公开目录（{len(created)}个栏目）",
        body=body,
        after={"codes": [node.code for node in created]},
        legal_basis="《政府信息公开条例》第十二条、第二十条、第二十一条",
    )
    return created


def index_rule_of(body: Body) -> str:
    profile, _ = PublishingProfile.objects.get_or_create(body=body)
    return profile.index_rule


def _index_number(*, body: Body, column: CatalogueNode, year: int) -> str:
    try:
        return format_index_number(
            index_rule_of(body),
            credit_code=body.credit_code,
            body=body.code,
            column=column.code,
            year=year,
            seq=next_serial(body=body, year=year, series="publication"),
        )
    except IndexRuleError as error:
        raise ServiceError(f"{error}请管理员修改本机关的索引号规则。") from error


def due_on_for(formed_on: date) -> date | None:
    """条例第二十六条's last day, or None while the calendar lacks the year (shown as unknown)."""
    try:
        return publication_due_on(formed_on, current_calendar())
    except UnknownYearError:
        return None


@transaction.atomic
def publication_create(
    *, actor, body: Body, column: CatalogueNode, kind: str, details: dict[str, Any], today: date
) -> Publication:
    """A new item with its first version as a draft, and its 索引号 taken from the body's rule."""
    if column.body_id != body.id:
        raise ServiceError("栏目不属于本机关。")
    if kind not in {k.value for k in ItemKind}:
        raise ServiceError("信息类别无效。")
    unknown = set(details) - set(VERSION_FIELDS)
    if unknown:
        raise ServiceError(f"未知字段：{'、'.join(sorted(unknown))}")
    formed_on = details.get("formed_on")
    if formed_on is None:
        raise ServiceError("请填写信息形成或变更日期（条例第二十六条据此计算公开期限）。")
    if formed_on > today:
        raise ServiceError("信息形成或变更日期不能晚于今天。")
    number = _index_number(body=body, column=column, year=formed_on.year)
    publication = Publication(body=body, column=column, index_number=number, kind=kind, created_by=actor)
    version = PublicationVersion(publication=publication, created_by=actor, **details)
    version.due_on = due_on_for(formed_on)
    # Uniqueness is left to the database, which also catches two clerks taking a number at once.
    clean_or_refuse(publication, exclude=["published_version"], validate_unique=False)
    try:
        with transaction.atomic():
            publication.save()
    except IntegrityError:
        raise ServiceError(f"索引号“{number}”已被使用，请管理员检查本机关的索引号规则。") from None
    version.publication = publication
    clean_or_refuse(version)
    version.save()
    audit_record(
        actor=actor,
        action="publishing.create",
        summary=f"起草主动公开信息“{version.title}”（索引号 {number}）",
        body=body,
        target=publication,
        after={"index_number": number, "kind": kind, "column": column.code},
    )
    return publication
