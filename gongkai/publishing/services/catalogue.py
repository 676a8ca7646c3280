"""The 目录 of a body, its default, and the 索引号 rule and serial (管理员)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai.bodies.models import Body
from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.core.catalogue import (
    DefaultNode,
    IndexRuleError,
    UpdateEvery,
    check_index_rule,
    default_catalogue,
    format_index_number,
)
from gongkai.publishing import permissions
from gongkai.publishing.models import (
    CatalogueNode,
    PublishingProfile,
)
from gongkai.publishing.services._common import _audit_body, _refuse_unless
from gongkai.registry.serials import next_serial

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _level(body: Body, on: date) -> str:
    version = body.version_on(on) or body.versions.first()
    return version.level if version else ""


@transaction.atomic
def catalogue_install_default(*, actor: User, body: Body, today: date) -> list[CatalogueNode]:
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
    _audit_body(
        actor,
        "catalogue_default",
        f"建立默认公开目录（{len(created)}个栏目）",
        body=body,
        after={"codes": [node.code for node in created]},
        legal_basis="《政府信息公开条例》第十二条、第二十条、第二十一条",
    )
    return created


def index_rule_of(body: Body) -> str:
    profile, _ = PublishingProfile.objects.get_or_create(body=body)
    return profile.index_rule


def index_number_take(*, body: Body, column: CatalogueNode, year: int) -> str:
    """The next 索引号 of the body for the year, from its rule and its yearly serial."""
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


@transaction.atomic
def catalogue_node_save(
    *,
    actor: User,
    body: Body,
    node: CatalogueNode | None,
    code: str,
    name: str,
    parent: CatalogueNode | None,
    position: int,
    update_every: str,
    today: date,
) -> CatalogueNode:
    """Add a column (node=None) or rename, move, reorder or reschedule one."""
    _refuse_unless(permissions.can_manage_catalogue(actor, body, today), "只有管理员可以修改公开目录。")
    if parent is not None and parent.body_id != body.id:
        raise ServiceError("上级栏目不属于本机关。")
    if node is not None and node.body_id != body.id:
        raise ServiceError("栏目不属于本机关。")
    if node is not None and parent is not None and _is_below(parent, node):
        raise ServiceError("不能把栏目移到它自己的下级。")
    if update_every not in {u.value for u in UpdateEvery}:
        raise ServiceError("更新周期无效。")
    before = _node_snapshot(node) if node else None
    node = node or CatalogueNode(body=body)
    node.code, node.name, node.parent, node.position, node.update_every = (
        code,
        name.strip(),
        parent,
        position,
        update_every,
    )
    clean_or_refuse(node)
    node.save()
    _audit_body(
        actor,
        "catalogue_node",
        f"{'修改' if before else '增加'}公开目录栏目“{node.name}”",
        body=body,
        target=node,
        before=before,
        after=_node_snapshot(node),
        legal_basis="《政府信息公开条例》第十二条",
    )
    return node


def _is_below(candidate: CatalogueNode, node: CatalogueNode) -> bool:
    current = candidate
    while current is not None:
        if current.pk == node.pk:
            return True
        current = current.parent
    return False


def _node_snapshot(node: CatalogueNode) -> dict[str, Any]:
    return {
        "code": node.code,
        "name": node.name,
        "parent": node.parent.code if node.parent else None,
        "position": node.position,
        "update_every": node.update_every,
    }


@transaction.atomic
def index_rule_set(*, actor: User, body: Body, rule: str, today: date) -> PublishingProfile:
    _refuse_unless(permissions.can_manage_catalogue(actor, body, today), "只有管理员可以修改索引号规则。")
    rule = rule.strip()
    try:
        check_index_rule(rule)
    except IndexRuleError as error:
        raise ServiceError(str(error)) from error
    profile, _ = PublishingProfile.objects.select_for_update().get_or_create(body=body)
    before = profile.index_rule
    profile.index_rule = rule
    profile.save()
    _audit_body(
        actor,
        "index_rule",
        f"索引号规则改为“{rule}”",
        body=body,
        target=profile,
        before={"index_rule": before},
        after={"index_rule": rule},
        legal_basis="《政府信息公开条例》第十二条",
    )
    return profile
