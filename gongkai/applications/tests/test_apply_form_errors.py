"""The online form and the staff registration form show every error at once, in Chinese, beside
its field (aria-describedby), with the minimums of core.application_text."""

import re

import pytest
from django.core.cache import cache

from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import public_form

STAGED = {
    "applicant_name": "x",
    "id_document_number": "123",
    "contact_phone": "12",
    "contact_email": "not-an-email",
    "information_requested": "?",
}


def error_of(page: str, field: str) -> str:
    """The error text beside the field, found the way a screen reader finds it."""
    widget = re.search(rf'<[^>]+name="{field}"[^>]*>', page).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', widget).group(1).split()
    assert 'aria-invalid="true"' in widget
    error_id = next(i for i in described if i.endswith("_error"))
    block = re.search(rf'id="{error_id}"[^>]*>(.*?)</div>', page, re.S).group(1)
    return re.sub(r"<[^>]+>", "", block).strip()


@pytest.fixture
def fresh(cast):
    cache.clear()  # the public form's rate limit


def test_every_problem_of_the_public_form_shows_at_once(client, cast, fresh):
    response = client.post("/apply/donghu/", public_form(**STAGED))
    page = response.content.decode()
    assert response.status_code == 400
    assert "至少2个字" in error_of(page, "applicant_name")
    # The ID length is shown with the bad phone, not only once the phone is fixed.
    assert "18位" in error_of(page, "id_document_number")
    assert "电话号码" in error_of(page, "contact_phone")
    assert error_of(page, "contact_email") == "电子邮箱：请输入有效的电子邮箱地址，如 name@example.com。"
    assert "至少4个字" in error_of(page, "information_requested")
    assert "Email" not in page and "这个字段是必填项" not in page
    assert Application.objects.count() == 0


def test_empty_fields_are_named(client, cast, fresh):
    empty = {key: "" for key in public_form()} | {"submission_key": "k"}
    page = client.post("/apply/donghu/", empty).content.decode()
    assert error_of(page, "applicant_name") == "请填写申请人姓名或名称。"
    assert error_of(page, "applicant_kind") == "请选择申请人类型。"
    assert error_of(page, "contact_phone") == "请填写联系电话。"
    assert "请勾选" in error_of(page, "confirm")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"applicant_name": "……"}, "applicant_name", "应包含文字"),
        ({"applicant_name": "x" * 101}, "applicant_name", "最多100个字（现有101个）"),
        ({"information_requested": "？？？？？？"}, "information_requested", "至少4个字"),
        ({"information_requested": "低保\x00名单"}, "information_requested", "所需政府信息"),
        ({"id_document_type": "credit_code"}, "id_document_type", "自然人申请应提供身份证件"),
        ({"applicant_kind": "planet"}, "applicant_kind", "选择一个有效的选项"),
    ],
)
def test_hostile_input_is_refused_beside_its_field(client, cast, fresh, overrides, field, message):
    response = client.post("/apply/donghu/", public_form(**overrides))
    assert response.status_code == 400
    assert message in error_of(response.content.decode(), field)
    assert Application.objects.count() == 0


def test_what_was_typed_is_kept(client, cast, fresh):
    page = client.post("/apply/donghu/", public_form(**STAGED, contact_address="东湖路1号")).content.decode()
    assert 'value="东湖路1号"' in page and 'value="not-an-email"' in page


def test_a_real_application_still_passes(client, cast, fresh):
    response = client.post(
        "/apply/donghu/", public_form(applicant_name="王五", information_requested="低保名单")
    )
    assert response.status_code == 302
    assert Application.objects.get().applicant_name == "王五"


def test_staff_registration_has_the_same_rules(client, cast):
    client.force_login(cast.clerk)
    data = public_form(**STAGED) | {"channel": "in_person", "received_on": "2026-03-02"}
    response = client.post("/bodies/donghu/applications/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "至少2个字" in error_of(page, "applicant_name")
    assert "18位" in error_of(page, "id_document_number")
    assert "至少4个字" in error_of(page, "information_requested")
    assert Application.objects.count() == 0


def test_the_service_refuses_the_same_for_the_api(cast):
    from gongkai.applications.services import ServiceError
    from gongkai.applications.tests.test_register import person, register

    with pytest.raises(ServiceError, match="至少2个字"):
        register(cast, applicant=person(name="x"))
    with pytest.raises(ServiceError, match="至少4个字"):
        register(cast, information_requested="?")
    assert Application.objects.count() == 0
