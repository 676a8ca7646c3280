"""重新发送 with a corrected contact: the registration form's validators, the case's contact
changed and audited masked, the failed messages sent to the new address; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.applications.models import ApplicantNotice
from gongkai.applications.notify import notices_resend
from gongkai.applications.tests import test_notify
from gongkai.applications.tests.test_notify import ask_for_supplement
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from tests.test_hostile_input import row_counts

case = test_notify.case  # the fixture: a registered case with an e-mail and a mobile


@pytest.fixture
def failed(cast, case, caplog):
    """A 补正告知书 whose text failed (a mistyped mobile) and whose e-mail went out."""
    letter = ask_for_supplement(cast, case)
    ApplicantNotice.objects.filter(channel="sms").update(state="failed", error="号码不存在")
    ApplicantNotice.objects.filter(channel="email").update(state="sent")
    return letter


def url(case):
    return reverse("notices-resend", args=[case.body.code, case.pk])


def test_the_corrected_phone_is_kept_audited_masked_and_texted(
    cast, case, failed, client, caplog, django_capture_on_commit_callbacks
):
    client.force_login(cast.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(case), {"resend-contact_phone": " 139 1234 5678 "}, follow=True)
    assert "已重新发送1条消息" in response.content.decode()
    case.refresh_from_db()
    assert case.contact_phone == "139 1234 5678"
    rows = list(ApplicantNotice.objects.filter(channel="sms").order_by("id").values_list("address", "state"))
    assert rows == [("13800000000", "resent"), ("13912345678", "sent")]
    assert "13912345678" in caplog.text  # the logging provider sent to the new number
    entry = AuditEntry.objects.get(action="application.contact_correct")
    assert entry.actor == cast.clerk and "联系电话" in entry.summary
    assert entry.before == {"contact_phone": "＊" * len("138 0000 0000")}
    assert entry.after == {"contact_phone": "＊" * len("139 1234 5678")}
    assert "1391234" not in str(entry.after) + entry.summary
    assert AuditEntry.objects.filter(action="application.notices_resend").count() == 1


def test_the_corrected_email_gets_the_resent_mail(cast, case, failed, django_capture_on_commit_callbacks):
    ApplicantNotice.objects.filter(channel="sms").update(state="sent")
    ApplicantNotice.objects.filter(channel="email").update(state="failed")
    with django_capture_on_commit_callbacks(execute=True):
        notices_resend(actor=cast.clerk, application=case, contact_email="zhang.san@example.cn")
    assert mail.outbox[-1].to == ["zhang.san@example.cn"]
    case.refresh_from_db()
    assert case.contact_email == "zhang.san@example.cn"
    entry = AuditEntry.objects.get(action="application.contact_correct")
    assert set(entry.after) == {"contact_email"} and "example" not in str(entry.after)


def test_both_corrected_at_once(cast, case, failed, client):
    client.force_login(cast.clerk)
    response = client.post(
        url(case), {"resend-contact_phone": "13912345678", "resend-contact_email": "li@example.cn"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.contact_phone, case.contact_email) == ("13912345678", "li@example.cn")
    entry = AuditEntry.objects.get(action="application.contact_correct")
    assert set(entry.before) == set(entry.after) == {"contact_phone", "contact_email"}


def test_neither_field_resends_to_the_contact_held(cast, case, failed, client):
    client.force_login(cast.clerk)
    assert client.post(url(case), {"resend-contact_phone": "", "resend-contact_email": ""}).status_code == 302
    assert not AuditEntry.objects.filter(action="application.contact_correct").exists()
    assert ApplicantNotice.objects.filter(channel="sms", state="pending").get().address == "13800000000"
    assert ApplicantNotice.objects.filter(channel="sms", state="resent").count() == 1


def test_the_same_phone_again_is_no_correction(cast, case, failed):
    notices_resend(actor=cast.clerk, application=case, contact_phone="138 0000 0000")
    assert not AuditEntry.objects.filter(action="application.contact_correct").exists()


@pytest.mark.parametrize(
    ("data", "field_label", "problem"),
    [
        ({"resend-contact_phone": "call me"}, "更正后的联系电话", "请输入有效的电话号码。"),
        ({"resend-contact_phone": "1" * 10_000}, "更正后的联系电话", "最多30个字（现有10000个）"),
        ({"resend-contact_email": "not-an-address"}, "更正后的电子邮箱", "有效的电子邮箱地址"),
        ({"resend-contact_email": "a" * 10_000 + "@example.cn"}, "更正后的电子邮箱", "最多100个字"),
        ({"resend-contact_phone": "1380000\x000000"}, "更正后的联系电话", "控制字符"),
    ],
)
def test_hostile_corrections_change_nothing(cast, case, failed, client, data, field_label, problem):
    client.force_login(cast.clerk)
    before = row_counts()
    response = client.post(url(case), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_label in page and problem in page, page[-2000:]
    case.refresh_from_db()
    assert case.contact_phone == "138 0000 0000" and case.contact_email == "zhangsan@example.cn"
    assert row_counts() == before


def test_both_bad_are_both_reported(cast, case, failed, client):
    client.force_login(cast.clerk)
    before = row_counts()
    response = client.post(url(case), {"resend-contact_phone": "x", "resend-contact_email": "y"})
    page = response.content.decode()
    assert response.status_code == 400 and "请输入有效的电话号码。" in page and "有效的电子邮箱地址" in page
    assert row_counts() == before


def test_a_landline_for_a_failed_text_is_refused_and_not_kept(cast, case, failed, client):
    """A correction that leaves the failed text without a mobile is refused as a whole."""
    client.force_login(cast.clerk)
    before = row_counts()
    response = client.post(url(case), {"resend-contact_phone": "010-12345678"})
    assert response.status_code == 400 and "没有可用的短信地址" in response.content.decode()
    case.refresh_from_db()
    assert case.contact_phone == "138 0000 0000"
    assert row_counts() == before


def test_without_failures_a_correction_is_refused(cast, case):
    with pytest.raises(ServiceError, match="没有发送失败的消息"):
        notices_resend(actor=cast.clerk, application=case, contact_phone="13912345678")
    case.refresh_from_db()
    assert case.contact_phone == "138 0000 0000"
