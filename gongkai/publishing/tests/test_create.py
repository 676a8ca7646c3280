"""The 目录 and a new item: default columns per level, 索引号 from the body's rule, the deadline."""

from datetime import date

import pytest

from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.publishing.models import CatalogueNode, Publication, PublishingProfile
from gongkai.publishing.services import catalogue_install_default, publication_create

TODAY = date(2026, 10, 9)


def details(**changes):
    return {
        "title": "关于2026年10月城乡低保发放情况的公示",
        "issuer": "东湖街道办事处",
        "formed_on": date(2026, 9, 25),
    } | changes


@pytest.fixture
def catalogue(cast):
    CatalogueNode.objects.filter(body=cast.body).delete()
    catalogue_install_default(actor=cast.admin, body=cast.body, today=TODAY)
    return CatalogueNode.objects.filter(body=cast.body)


def test_a_township_gets_the_village_columns_and_a_monthly_dibao_column(cast, catalogue):
    assert catalogue.get(code="dibao").update_every == "month"
    assert catalogue.get(code="tudi").parent.code == "xiangcun"
    with pytest.raises(ServiceError, match="已有公开目录"):
        catalogue_install_default(actor=cast.admin, body=cast.body, today=TODAY)


def test_a_new_item_is_a_draft_with_an_index_number_and_its_deadline(cast, catalogue):
    item = publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=catalogue.get(code="dibao"),
        kind="other",
        details=details(),
        today=TODAY,
    )
    second = publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=catalogue.get(code="dibao"),
        kind="other",
        details=details(),
        today=TODAY,
    )
    assert item.index_number.startswith(f"{cast.body.credit_code}/2026-")
    assert int(second.index_number[-5:]) == int(item.index_number[-5:]) + 1
    version = item.versions.get()
    assert (version.status, version.due_on) == ("draft", date(2026, 10, 29))
    assert AuditEntry.objects.filter(action="publishing.create", target_id=str(item.pk)).exists()


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"formed_on": date(2026, 10, 10)}, "不能晚于今天"),
        ({"formed_on": None}, "形成或变更日期"),
        ({"title": ""}, "标题"),
        ({"title": "长" * 201}, "标题"),
        ({"secret_field": "x"}, "未知字段"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(cast, catalogue, change, complaint):
    with pytest.raises(ServiceError, match=complaint):
        publication_create(
            actor=cast.clerk,
            body=cast.body,
            column=catalogue.get(code="dibao"),
            kind="other",
            details=details(**change),
            today=TODAY,
        )
    assert not Publication.objects.exists()


def test_an_index_number_collision_is_a_clear_error(cast, catalogue):
    PublishingProfile.objects.update_or_create(body=cast.body, defaults={"index_rule": "X/{year}-{seq}"})
    PublishingProfile.objects.update_or_create(
        body=cast.other_body, defaults={"index_rule": "X/{year}-{seq}"}
    )
    CatalogueNode.objects.filter(body=cast.other_body).delete()
    catalogue_install_default(actor=cast.other_admin, body=cast.other_body, today=TODAY)
    other_column = CatalogueNode.objects.get(body=cast.other_body, code="guifanxing")
    publication_create(
        actor=cast.outsider,
        body=cast.other_body,
        column=other_column,
        kind="normative",
        details=details(),
        today=TODAY,
    )
    with pytest.raises(ServiceError, match="索引号“X/2026-1”已被使用"):
        publication_create(
            actor=cast.clerk,
            body=cast.body,
            column=catalogue.get(code="dibao"),
            kind="other",
            details=details(),
            today=TODAY,
        )
    assert Publication.objects.count() == 1


def test_a_column_of_another_body_is_refused(cast, catalogue):
    CatalogueNode.objects.filter(body=cast.other_body).delete()
    catalogue_install_default(actor=cast.other_admin, body=cast.other_body, today=TODAY)
    with pytest.raises(ServiceError, match="不属于本机关"):
        publication_create(
            actor=cast.clerk,
            body=cast.body,
            column=CatalogueNode.objects.filter(body=cast.other_body).first(),
            kind="other",
            details=details(),
            today=TODAY,
        )
