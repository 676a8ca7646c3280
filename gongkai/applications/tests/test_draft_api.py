"""审核, 退回 and 签发 through the API: `…/actions/decide` only drafts, these take the draft on,
with the case page's rules; hostile input is refused in Chinese and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.applications.models import AnswerDraft, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry


def today():
    return timezone.localdate()


@pytest.fixture
def case(cast, weasyprint_available, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    registered = register(cast, received_on=today() - timedelta(days=3), today=today())
    return application_assign(actor=cast.head, application=registered, clerk=cast.clerk, today=today())


def call(client, user, case, step, **payload):
    client.force_login(user)
    url = f"/api/v1/bodies/{case.body.code}/applications/{case.number}"
    if step == "decide":
        return client.post(f"{url}/actions/decide", payload, content_type="application/json")
    return client.post(f"{url}/draft/{step}", payload, content_type="application/json")


def test_draft_review_sign_through_the_api(client, cast, case):
    drafted = call(
        client, cast.clerk, case, "decide", on=today().isoformat(), ground="36-2", access="当面领取"
    )
    assert drafted.status_code == 200 and drafted.json()["status"] == "registered"  # only drafted
    assert not IssuedLetter.objects.exists()
    reviewed = call(client, cast.reviewer, case, "review")
    assert reviewed.status_code == 200 and reviewed.json()["state"] == "awaiting_signature"
    signed = call(client, cast.head, case, "sign", on=today().isoformat())
    body = signed.json()
    assert signed.status_code == 200 and body["state"] == "signed"
    assert body["letter_number"] == IssuedLetter.objects.get(kind="answer").number
    assert body["application"]["status"] == "answered"
    again = call(client, cast.head, case, "sign", on=today().isoformat())
    assert again.status_code == 400 and "没有待审批的拟办文书" in again.json()["detail"]


def test_return_needs_a_reason_and_the_right_person(client, cast, case):
    call(client, cast.clerk, case, "decide", on=today().isoformat(), ground="36-2", access="当面领取")
    before = AuditEntry.objects.count()
    no_reason = call(client, cast.reviewer, case, "return", reason="   ")
    assert no_reason.status_code == 400
    assert call(client, cast.clerk, case, "return", reason="不同意").json()["detail"].startswith("只有审核人")
    assert call(client, cast.clerk, case, "review").json()["detail"].startswith("审核须由本机关审核人")
    assert (
        call(client, cast.reviewer, case, "sign", on=today().isoformat()).status_code == 400
    )  # not yet reviewed
    assert AuditEntry.objects.count() == before
    returned = call(client, cast.reviewer, case, "return", reason="请写明获取信息的具体时间")
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    assert returned.json()["return_reason"] == "请写明获取信息的具体时间"
    assert AnswerDraft.objects.get().state == "returned" and not IssuedLetter.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"on": "2026-02-30"},
        {"on": "'; DROP TABLE applications_application;--"},
        {"on": ["2026-03-01"]},
        {"on": None},
        {"on": "1900-01-01"},
        {"on": "9999-12-31"},
    ],
)
def test_hostile_sign_dates_are_refused_naming_the_field(client, cast, case, payload):
    call(client, cast.clerk, case, "decide", on=today().isoformat(), ground="36-2", access="当面领取")
    call(client, cast.reviewer, case, "review")
    before = (AuditEntry.objects.count(), IssuedLetter.objects.count())
    response = call(client, cast.head, case, "sign", **payload)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "on"
    assert (AuditEntry.objects.count(), IssuedLetter.objects.count()) == before
    assert AnswerDraft.objects.get().state == "awaiting_signature"


@pytest.mark.parametrize("reason", ["x" * 301, "理由\x00", "理由\x1b[2J"])
def test_hostile_return_reasons_are_refused(client, cast, case, reason):
    call(client, cast.clerk, case, "decide", on=today().isoformat(), ground="36-2", access="当面领取")
    response = call(client, cast.reviewer, case, "return", reason=reason)
    assert response.status_code == 400, response.json()
    assert AnswerDraft.objects.get().state == "awaiting_review"


def test_unknown_steps_cases_and_bodies(client, cast, case):
    assert call(client, cast.head, case, "approve_everything").status_code == 404
    client.force_login(cast.head)
    missing = client.post(
        "/api/v1/bodies/donghu/applications/NOPE-1/draft/review", {}, content_type="application/json"
    )
    assert missing.status_code == 404
    no_draft = call(client, cast.reviewer, case, "review")
    assert no_draft.status_code == 400 and "没有待审批的拟办文书" in no_draft.json()["detail"]
    not_json = client.post(
        f"/api/v1/bodies/donghu/applications/{case.number}/draft/review",
        "[1,2",
        content_type="application/json",
    )
    assert not_json.status_code in (400, 422)
    for outsider in (cast.inspector, cast.outsider):
        assert call(client, outsider, case, "review").status_code == 403
