"""信息类别 on the new-item form: no preset, the column's usual kind suggested, and 规章 only for
a body that makes 规章 (《立法法》第九十三条; core.catalogue.RULE_MAKING_LEVELS)."""

import re

import pytest
from django.utils import timezone

from gongkai.bodies.models import BodyVersion, Level
from gongkai.common.services import ServiceError
from gongkai.publishing.models import CatalogueNode, Publication
from gongkai.publishing.selectors import usual_kinds
from gongkai.publishing.services import publication_create
from gongkai.publishing.tests.factories import fresh_catalogue

NEW = "/bodies/donghu/publishing/new/"


@pytest.fixture
def columns(cast):
    return fresh_catalogue(cast, today=timezone.localdate())


def column(code):
    return CatalogueNode.objects.get(body__code="donghu", code=code)


def create(cast, kind, code="guifanxing"):
    return publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=column(code),
        kind=kind,
        details={"title": f"{kind}文件", "issuer": "东湖街道办事处", "formed_on": timezone.localdate()},
        today=timezone.localdate(),
    )


def kind_select(page: str) -> str:
    return re.search(r'<select name="kind".*?</select>', page, re.S).group(0)


def post(client, **overrides):
    data = {
        "column": column("guifanxing").pk,
        "kind": "normative",
        "title": "关于低保标准的通知",
        "issuer": "东湖街道办事处",
        "formed_on": timezone.localdate().isoformat(),
        "topic": "综合政务",
    }
    return client.post(NEW, data | overrides)


def test_nothing_is_preset_and_a_street_office_is_not_offered_rules(client, cast, columns):
    client.force_login(cast.clerk)
    select = kind_select(client.get(NEW).content.decode())
    options = re.findall(r'<option value="([^"]*)"( selected)?>', select)
    assert options[0] == ("", " selected")
    assert [value for value, _ in options] == ["", "normative", "interpretation", "other"]
    assert "规章" not in select


def test_a_missing_kind_is_named(client, cast, columns):
    client.force_login(cast.clerk)
    response = post(client, kind="")
    assert response.status_code == 400 and "请选择信息类别。" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_street_office_is_refused_a_rule_on_the_form_and_in_the_service(client, cast, columns):
    client.force_login(cast.clerk)
    response = post(client, kind="rule")
    page = response.content.decode()
    assert response.status_code == 400 and "《立法法》第九十三条" in page
    assert "选择一个有效的选项" not in page
    with pytest.raises(ServiceError, match="只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章"):
        create(cast, "rule")
    assert not Publication.objects.exists()


@pytest.mark.parametrize("level", [Level.COUNTY, Level.DEPARTMENT, Level.TOWNSHIP])
def test_no_other_level_makes_rules(cast, columns, level):
    BodyVersion.objects.filter(body=cast.body).update(level=level)
    with pytest.raises(ServiceError, match="立法法"):
        create(cast, "rule")


@pytest.mark.parametrize("level", [Level.CITY, Level.PROVINCE])
def test_a_city_government_makes_rules(client, cast, columns, level):
    BodyVersion.objects.filter(body=cast.body).update(level=level)
    client.force_login(cast.clerk)
    assert "规章" in kind_select(client.get(NEW).content.decode())
    assert post(client, kind="rule", column=column("guizhang").pk).status_code == 302
    assert Publication.objects.get().kind == "rule"


def test_the_columns_usual_kind_is_offered_as_a_suggestion(client, cast, columns):
    create(cast, "normative")
    create(cast, "normative")
    create(cast, "interpretation")
    create(cast, "other", code="guizhang")
    assert usual_kinds(cast.body) == {column("guifanxing").pk: "normative", column("guizhang").pk: "other"}
    client.force_login(cast.clerk)
    select = kind_select(client.get(NEW).content.decode())
    hints = re.search(r'data-usual-kinds="([^"]*)"', select).group(1).replace("&quot;", '"')
    assert f'"{column("guifanxing").pk}": "normative"' in hints
    assert re.search(r'<option value="" selected>', select)  # a suggestion, still no preset


def test_the_suggestion_is_a_script_the_page_allows(client, cast, columns):
    client.force_login(cast.clerk)
    page = client.get(NEW).content.decode()
    assert re.search(r'<script src="/static/publishing/kind_hint\.js" defer>', page)
    assert "<script>" not in page  # no inline script, which the CSP would block
