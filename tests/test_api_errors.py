"""The API answers every error as JSON with a Chinese `detail`, and refuses a user of another body
before it looks at the request body."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from gongkai.applications.models import Application
from gongkai.common.json_errors import JsonErrorsForApiMiddleware
from gongkai.web.views import server_error

BAD_APPLICATION = {"channel": "carrier-pigeon", "received_on": "yesterday", "applicant_name": 7}


def detail(response) -> str:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()["detail"]


def test_unknown_path_is_a_json_404(client, cast):
    client.force_login(cast.clerk)
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and "不存在" in detail(response)


def test_wrong_method_is_a_json_405(client, cast):
    client.force_login(cast.clerk)
    response = client.delete("/api/v1/bodies")
    assert response.status_code == 405 and detail(response) == "该接口不支持此请求方法。"
    assert "GET" in response["Allow"]


def test_too_large_a_body_is_a_json_413(client, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client.force_login(cast.clerk)
    payload = json.dumps({"information_requested": "x" * (1024 * 1024 + 1)})
    response = client.post("/api/v1/bodies/donghu/applications", payload, content_type="application/json")
    assert response.status_code == 413 and detail(response) == "请求体过大（上限 1 MB）。"
    assert Application.objects.count() == 0


def test_unreadable_json_and_missing_csrf_are_explained_in_chinese(cast):
    client = Client()
    client.force_login(cast.clerk)
    broken = client.post("/api/v1/bodies/donghu/applications", "{not json", content_type="application/json")
    assert broken.status_code == 400 and "JSON" in detail(broken)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.clerk)
    refused = strict.post("/api/v1/bodies/donghu/applications", "{}", content_type="application/json")
    assert refused.status_code == 403 and "X-CSRFToken" in detail(refused)


def test_validation_errors_name_the_fields_in_chinese(client, cast):
    client.force_login(cast.clerk)
    response = client.post(
        "/api/v1/bodies/donghu/applications", BAD_APPLICATION, content_type="application/json"
    )
    assert response.status_code == 400 and detail(response) == "请求数据有误"
    fields = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert fields["received_on"] == "日期格式应为 YYYY-MM-DD" and fields["id_document_number"] == "缺少此字段"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/api/v1/bodies/donghu/applications", BAD_APPLICATION),
        ("/api/v1/bodies/donghu/appeals", {"kind": "duel", "filed_on": "soon"}),
        ("/api/v1/bodies/donghu/roles", {"role": "emperor"}),
        ("/api/v1/bodies/donghu/applications/DONGHU-2026-0001/actions/supplement", {"on": "never"}),
    ],
)
def test_another_bodys_post_with_bad_data_is_403_not_field_errors(client, cast, path, data):
    client.force_login(cast.outsider)
    response = client.post(path, data, content_type="application/json")
    assert response.status_code in (403, 404)
    assert "errors" not in response.json()
    if response.status_code == 403:
        assert detail(response) == "无权访问。"


def test_another_bodys_post_is_403_for_a_known_case(client, cast):
    from tests.test_permission_matrix import sample_application

    application = sample_application(cast)
    client.force_login(cast.outsider)
    response = client.post(
        f"/api/v1/bodies/donghu/applications/{application.number}/actions/supplement",
        {"on": "never"},
        content_type="application/json",
    )
    assert response.status_code == 403 and detail(response) == "无权访问。"


def request_to(path):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def test_a_server_error_under_the_api_is_json(db):
    """Django's handler500 page, as the middleware stack hands it back after an unhandled error."""
    response = JsonErrorsForApiMiddleware(server_error)(request_to("/api/v1/bodies"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert "系统出现错误" in json.loads(response.content)["detail"]
    page = JsonErrorsForApiMiddleware(server_error)(request_to("/work/"))
    assert page["Content-Type"].startswith("text/html")
