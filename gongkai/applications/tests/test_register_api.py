"""POST /api/v1/bodies/{code}/applications takes the applicant's art. 44 suggestion as the
registration form does: the same service, the same meaning, the same audit entry."""

import json

import pytest
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.auditlog.models import AuditEntry
from tests.test_hostile_input import APPLICANT, row_counts

URL = "/api/v1/bodies/donghu/applications"


def payload(**changes):
    return {**APPLICANT, "channel": "in_person", "received_on": timezone.localdate().isoformat()} | changes


def post(client, data):
    return client.post(URL, json.dumps(data), content_type="application/json")


def field_errors(response) -> dict[str, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_the_suggestion_and_its_reason_are_recorded(client, cast):
    client.force_login(cast.clerk)
    response = post(client, payload(suggests_proactive=True, proactive_suggestion="  需要公众广泛知晓 "))
    assert response.status_code == 201, response.json()
    case = Application.objects.get(number=response.json()["number"])
    assert case.suggests_proactive and case.proactive_suggestion == "需要公众广泛知晓"


def test_the_suggestion_without_a_reason_is_a_suggestion(client, cast):
    client.force_login(cast.clerk)
    response = post(client, payload(suggests_proactive=True))
    case = Application.objects.get(number=response.json()["number"])
    assert case.suggests_proactive and case.proactive_suggestion == ""


def test_no_suggestion_by_default_or_when_false(client, cast):
    client.force_login(cast.clerk)
    numbers = [
        post(client, payload()).json()["number"],
        post(client, payload(suggests_proactive=False)).json()["number"],
    ]
    assert not Application.objects.filter(number__in=numbers, suggests_proactive=True).exists()
    assert Application.objects.filter(number__in=numbers).count() == 2


def test_api_and_web_form_record_the_same_case_and_audit_entry(client, cast):
    client.force_login(cast.clerk)
    web = client.post(
        "/bodies/donghu/applications/new/",
        payload(suggests_proactive="on", proactive_suggestion="需要公众参与决策"),
    )
    assert web.status_code == 302, web.content.decode()[-800:]
    api = post(client, payload(suggests_proactive=True, proactive_suggestion="需要公众参与决策"))
    assert api.status_code == 201
    web_case, api_case = Application.objects.order_by("serial")
    for field in ("suggests_proactive", "proactive_suggestion", "information_requested", "channel"):
        assert getattr(web_case, field) == getattr(api_case, field), field
    entries = AuditEntry.objects.filter(action="application.register").order_by("id")
    assert entries.count() == 2
    web_entry, api_entry = entries
    assert web_entry.summary.replace(web_case.number, "N") == api_entry.summary.replace(api_case.number, "N")
    assert set(web_entry.after) == set(api_entry.after)
    assert api_entry.after["number"] == api_case.number
    assert (
        api_entry.after.get("suggests_proactive") is True
        and web_entry.after.get("suggests_proactive") is True
    )


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None, [], {"a": 1}])
def test_a_suggests_proactive_that_is_not_a_bool_is_refused(client, cast, value):
    client.force_login(cast.clerk)
    before = row_counts()
    response = post(client, payload(suggests_proactive=value))
    assert response.status_code == 400
    assert field_errors(response) == {"suggests_proactive": "应为 true 或 false"}
    assert row_counts() == before


def test_a_reason_of_501_characters_is_refused(client, cast):
    client.force_login(cast.clerk)
    before = row_counts()
    response = post(client, payload(suggests_proactive=True, proactive_suggestion="理" * 501))
    assert response.status_code == 400
    assert field_errors(response) == {"proactive_suggestion": "内容过长"}
    assert row_counts() == before
    assert post(client, payload(suggests_proactive=True, proactive_suggestion="理" * 500)).status_code == 201


@pytest.mark.parametrize("flag", [{}, {"suggests_proactive": False}])
def test_a_reason_without_the_suggestion_is_refused(client, cast, flag):
    client.force_login(cast.clerk)
    before = row_counts()
    response = post(client, payload(proactive_suggestion="需要公众广泛知晓", **flag))
    assert response.status_code == 400
    message = field_errors(response)["proactive_suggestion"]
    assert "suggests_proactive" in message and "建议的理由" in message
    assert row_counts() == before


def test_a_reason_that_is_not_text_or_has_control_characters_is_refused(client, cast):
    client.force_login(cast.clerk)
    before = row_counts()
    number = post(client, payload(suggests_proactive=True, proactive_suggestion=42))
    assert field_errors(number) == {"proactive_suggestion": "应为文本"}
    nul = post(client, payload(suggests_proactive=True, proactive_suggestion="需要\u0000公开"))
    assert "控制字符" in field_errors(nul)["proactive_suggestion"]
    assert row_counts() == before


def test_a_bad_flag_and_a_reason_report_the_flag_only(client, cast):
    client.force_login(cast.clerk)
    response = post(client, payload(suggests_proactive="yes", proactive_suggestion="需要公众广泛知晓"))
    assert response.status_code == 400 and set(field_errors(response)) == {"suggests_proactive"}
