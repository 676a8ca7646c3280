"""Registering applications: numbers, 查询码, identity checks, double submits, the public form."""

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.clock import receipt_day_online
from gongkai.applications.models import Application, ClockEvent
from gongkai.auditlog.models import AuditEntry

VALID_ID = "11010519491231002X"


def person(**overrides):
    values = {
        "kind": "natural_person",
        "name": "张三",
        "id_document_type": "resident_id",
        "id_document_number": VALID_ID,
        "contact_phone": "13800000000",
    }
    values.update(overrides)
    return services.ApplicantDetails(**values)


def register(cast, **overrides):
    values = {
        "actor": cast.clerk,
        "body": cast.body,
        "channel": "in_person",
        "received_on": date(2026, 3, 2),
        "applicant": person(),
        "information_requested": "2025年东湖街道低保发放名单",
        "form_wanted": "纸质",
        "today": date(2026, 3, 2),
    }
    values.update(overrides)
    return services.application_register(**values)


def test_numbers_run_per_body_and_year(cast):
    first = register(cast)
    second = register(cast)
    next_year = register(cast, received_on=date(2027, 1, 4), today=date(2027, 1, 4))
    other_body = register(cast, body=cast.other_body)
    assert [first.number, second.number, next_year.number, other_body.number] == [
        "DONGHU-2026-0001",
        "DONGHU-2026-0002",
        "DONGHU-2027-0001",
        "CZJ-2026-0001",
    ]


def test_registration_records_receipt_on_the_clock_and_in_the_audit_log(cast):
    application = register(cast)
    assert list(application.clock_events.values_list("kind", "on")) == [("received", date(2026, 3, 2))]
    entry = AuditEntry.objects.get(action="application.register")
    assert entry.legal_basis == "《政府信息公开条例》第二十九条、第三十一条"
    assert len(application.query_code) == 10 and application.query_code.isalnum()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"applicant": person(id_document_number="110105194912310021")}, "校验位错误"),
        ({"applicant": person(id_document_number="1234")}, "应为18位"),
        ({"applicant": person(kind="commercial")}, "应提供统一社会信用代码"),
        (
            {"applicant": person(id_document_type="credit_code", id_document_number="91350100M000100Y43")},
            "自然人",
        ),
        (
            {"applicant": person(kind="public_interest", id_document_type="other_registration")},
            "证件名称：请写明登记证明文件的名称",
        ),
        (
            {
                "applicant": person(
                    kind="public_interest",
                    id_document_type="other_registration",
                    id_document_name="境外非政府组织代表机构登记证书",
                    id_document_number="12",
                )
            },
            "证件号码：请填写登记证明文件上的编号",
        ),
        (
            {"applicant": person(id_document_type="other_registration", id_document_name="登记证书")},
            "自然人申请应提供身份证件",
        ),
        ({"received_on": date(2026, 3, 3)}, "不能晚于今天"),
        ({"information_requested": "   "}, "请填写所需政府信息"),
    ],
)
def test_bad_applications_are_refused_and_leave_nothing(cast, overrides, message):
    with pytest.raises(services.ServiceError, match=message):
        register(cast, **overrides)
    assert Application.objects.count() == 0
    assert ClockEvent.objects.count() == 0
    assert not AuditEntry.objects.filter(action="application.register").exists()


def test_an_organisation_applies_with_its_credit_code(cast):
    application = register(
        cast,
        applicant=person(
            kind="legal_service", id_document_type="credit_code", id_document_number="91350100m000100y43"
        ),
    )
    assert application.id_document_number == "91350100M000100Y43"


def test_an_organisation_without_a_credit_code_applies_with_another_registration_document(cast):
    application = register(
        cast,
        applicant=person(
            kind="other_organisation",
            id_document_type="other_registration",
            id_document_name=" 境外非政府组织代表机构登记证书 ",
            id_document_number="GJ2026-0042",
        ),
    )
    application.refresh_from_db()
    assert (application.id_document_type, application.id_document_name, application.id_document_number) == (
        "other_registration",
        "境外非政府组织代表机构登记证书",
        "GJ2026-0042",
    )


def test_the_document_name_is_kept_only_for_other_registration_documents(cast):
    application = register(cast, applicant=person(id_document_name="随便写的"))
    assert application.id_document_name == ""


def test_the_same_public_submission_twice_is_one_case(cast):
    first = register(cast, submission_key="k1")
    again = register(cast, submission_key="k1")
    assert first.pk == again.pk
    assert Application.objects.count() == 1


def public_form(**overrides):
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "李四",
        "id_document_type": "resident_id",
        "id_document_number": VALID_ID,
        "contact_phone": "13900000000",
        "information_requested": "东湖街道2026年老旧小区改造计划",
        "submission_key": "abc123",
        "confirm": "on",
    }
    data.update(overrides)
    return data


def test_citizen_applies_online_and_follows_with_the_query_code(client, cast):
    cache.clear()
    response = client.post("/apply/donghu/", public_form())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/status/{application.query_code}/"
    assert application.channel == "online"
    assert application.received_on == receipt_day_online(
        timezone.localdate(), cast.body
    )  # 条例第三十一条, see test_receipt_by_channel
    page = client.get(response["Location"]).content.decode()
    assert application.number in page and "李*" in page and "李四" not in page and VALID_ID not in page
    # Lower-case entry of the code finds the same case.
    assert client.get("/status/", {"query_code": application.query_code.lower()}).status_code == 302


def test_double_submit_of_the_public_form_makes_one_case(client, cast):
    cache.clear()
    client.post("/apply/donghu/", public_form())
    client.post("/apply/donghu/", public_form())
    assert Application.objects.count() == 1


def test_public_form_errors_are_in_chinese(client, cast):
    cache.clear()
    response = client.post("/apply/donghu/", public_form(id_document_number="110105194912310021", confirm=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "请勾选确认" in page
    assert Application.objects.count() == 0


def test_public_form_is_rate_limited(client, cast, settings):
    cache.clear()
    settings.PUBLIC_APPLY_PER_HOUR = 2
    for key in ("a", "b"):
        assert client.post("/apply/donghu/", public_form(submission_key=key)).status_code == 302
    refused = client.post("/apply/donghu/", public_form(submission_key="c"))
    assert refused.status_code == 429
    assert "提交过于频繁" in refused.content.decode()
    assert Application.objects.count() == 2


def test_unknown_query_code(client, db):
    response = client.get("/status/ABCDEFGH23/")
    assert response.status_code == 404
    assert "没有找到该查询码对应的申请" in response.content.decode()
    assert client.get("/status/", {"query_code": "<script>"}).status_code == 400


def test_staff_register_form_shows_number_and_code(client, cast):
    client.force_login(cast.clerk)
    data = public_form(channel="post", received_on=timezone.localdate().isoformat())
    response = client.post("/bodies/donghu/applications/new/", data, follow=True)
    application = Application.objects.get()
    assert (
        f"已登记，申请编号 {application.number}，查询码 {application.query_code}" in response.content.decode()
    )
    assert application.created_by == cast.clerk


def test_assigning_a_case_and_seeing_it_on_the_home_page(client, cast):
    application = register(cast)
    client.force_login(cast.head)
    assert "1件申请尚未分配经办人" in client.get("/work/").content.decode()
    # A reviewer is not a clerk: refused with a reason, nothing changes.
    response = client.post(
        f"/bodies/donghu/applications/{application.pk}/assign/", {"clerk": cast.reviewer.pk}
    )
    assert response.status_code == 400 and "请从本机关经办人中选择" in response.content.decode()
    response = client.post(
        f"/bodies/donghu/applications/{application.pk}/assign/", {"clerk": cast.backup_clerk.pk}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assigned_to == cast.backup_clerk
    client.force_login(cast.backup_clerk)
    assert f"办理申请 {application.number}" in client.get("/work/").content.decode()


def test_the_registration_page_takes_another_registration_document(client, cast):
    client.force_login(cast.clerk)
    form = {
        "channel": "post",
        "received_on": date(2026, 3, 2).isoformat(),
        "applicant_kind": "public_interest",
        "applicant_name": "某国际环境基金会北京代表处",
        "id_document_type": "other_registration",
        "id_document_name": "境外非政府组织代表机构登记证书",
        "id_document_number": "GJ2026-0042",
        "contact_phone": "010-80000000",
        "information_requested": "东湖河道水质监测数据",
    }
    missing = client.post("/bodies/donghu/applications/new/", form | {"id_document_name": ""})
    assert missing.status_code == 400 and "证件名称" in missing.content.decode()
    assert Application.objects.count() == 0
    response = client.post("/bodies/donghu/applications/new/", form)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "其他登记证明文件（境外非政府组织代表机构登记证书） GJ2026-0042" in page
