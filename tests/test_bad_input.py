"""Hostile and malformed input: a clear Chinese message, a 4xx status, and nothing half written."""

import pytest
from django.test import Client

from gongkai.auditlog.models import AuditEntry
from gongkai.bodies.models import BodyVersion, RoleAssignment


@pytest.fixture
def as_admin(client, cast):
    client.force_login(cast.admin)
    return client


def snapshot():
    return (AuditEntry.objects.count(), BodyVersion.objects.count(), RoleAssignment.objects.count())


def valid_edit(**overrides):
    data = {"name": "示范区东湖街道办事处", "level": "township", "effective_from": "2030-01-01"}
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (valid_edit(effective_from="2026-02-30"), "请输入有效日期"),
        (valid_edit(effective_from="明天"), "请输入有效日期"),
        (valid_edit(name="长" * 101), "名称最多100个字（现有101个）"),
        (valid_edit(name=""), "请填写名称。"),
        (valid_edit(level="planet"), "选择一个有效的选项"),
        (valid_edit(office_email="not-an-email"), "电子邮箱：请输入有效的电子邮箱地址"),
        (valid_edit(parent="999999"), "选择一个有效的选项"),
        (valid_edit(effective_from="2018-01-01"), "不能早于现行版本的生效日期"),
    ],
)
def test_body_edit_rejects_bad_input(as_admin, cast, data, message):
    before = snapshot()
    response = as_admin.post(f"/bodies/{cast.body.code}/edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_role_assign_rejects_a_person_of_another_body(as_admin, cast):
    before = snapshot()
    response = as_admin.post(
        f"/bodies/{cast.body.code}/roles/",
        {"user": cast.outsider.pk, "role": "head", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "请从本机关人员中选择" in response.content.decode()
    assert snapshot() == before


def test_role_assign_rejects_an_unknown_role_and_self_backup(as_admin, cast):
    before = snapshot()
    response = as_admin.post(
        f"/bodies/{cast.body.code}/roles/",
        {"user": cast.clerk.pk, "role": "king", "valid_from": "2026-01-01", "backup": cast.clerk.pk},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "选择一个有效的选项" in page and "不能是本人" in page
    assert snapshot() == before


def test_duplicate_role_is_a_form_error_not_a_500(as_admin, cast):
    before = snapshot()
    response = as_admin.post(
        f"/bodies/{cast.body.code}/roles/",
        {"user": cast.clerk.pk, "role": "clerk", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "已担任经办人" in response.content.decode()
    assert snapshot() == before


def test_an_assignment_of_another_body_is_not_found(as_admin, cast):
    foreign = cast.other_body.assignments.first()
    before = snapshot()
    response = as_admin.post(f"/bodies/{cast.body.code}/roles/{foreign.pk}/end/", {"valid_to": "2030-01-01"})
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert snapshot() == before


def test_ending_a_role_before_it_started_is_explained(as_admin, cast):
    assignment = cast.body.assignments.get(user=cast.clerk)
    response = as_admin.post(
        f"/bodies/{cast.body.code}/roles/{assignment.pk}/end/", {"valid_to": "2010-01-01"}
    )
    assert response.status_code == 400
    assert "终止日期必须晚于起始日期" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/bodies/no-such-body/", "/bodies/no-such-body/edit/", "/bodies/donghu/roles/99999/end/"]
)
def test_unknown_ids_answer_404_in_chinese(as_admin, path):
    response = as_admin.get(path) if "end" not in path else as_admin.post(path, {"valid_to": "2030-01-01"})
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_user_create_rejects_weak_password_and_bad_username(as_admin, cast):
    before = snapshot()
    response = as_admin.post(
        f"/bodies/{cast.body.code}/users/new/",
        {
            "username": "张三 ",
            "full_name": "张三",
            "password": "123",
            "role": "clerk",
            "valid_from": "2026-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "用户名只能包含字母" in page
    assert "密码太短，至少需要 10 个字符" in page
    assert snapshot() == before


def test_oversized_form_is_refused_with_400(as_admin, cast):
    response = as_admin.post(f"/bodies/{cast.body.code}/edit/", valid_edit(office_address="街" * 3_000_000))
    assert response.status_code == 400


def test_absence_ending_before_it_starts(client, cast):
    client.force_login(cast.clerk)
    before = snapshot()
    response = client.post("/me/absences/new/", {"starts_on": "2026-12-10", "ends_on": "2026-12-01"})
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"role": "clerk", "valid_from": "2026-01-01"}, "username", "缺少此字段"),
        (
            {"username": "donghu-sh", "role": "clerk", "valid_from": "2026-13-45"},
            "valid_from",
            "日期格式应为",
        ),
        (
            {"username": "donghu-sh", "role": "emperor", "valid_from": "2026-01-01"},
            "role",
            "取值不在允许范围内",
        ),
        ({"username": "x" * 200, "role": "clerk", "valid_from": "2026-01-01"}, "username", "内容过长"),
    ],
)
def test_api_validation_errors_are_in_chinese(client, cast, payload, field, message):
    client.force_login(cast.admin)
    before = snapshot()
    response = client.post(f"/api/v1/bodies/{cast.body.code}/roles", payload, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "请求数据有误"
    assert {"field": field, "message": message} in [
        {"field": e["field"], "message": e["message"][: len(message)]} for e in body["errors"]
    ]
    assert snapshot() == before


def test_api_rejects_malformed_json_and_strangers(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        f"/api/v1/bodies/{cast.body.code}/roles", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    response = client.post(
        f"/api/v1/bodies/{cast.body.code}/roles",
        {"username": cast.outsider.username, "role": "head", "valid_from": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == f"“{cast.outsider.username}”不是本机关人员。"
    assert client.get("/api/v1/bodies/nowhere").json() == {"detail": "机关“nowhere”不存在。"}


def test_api_write_needs_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.admin)
    before = snapshot()
    response = client.post(
        f"/api/v1/bodies/{cast.body.code}/roles",
        {"username": "donghu-sh", "role": "head", "valid_from": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert snapshot() == before
