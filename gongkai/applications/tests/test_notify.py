"""Telling the applicant: an e-mail and a text message when a letter to them is issued; a failed
send never loses the letter and is shown to the staff on the case page."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import handling
from gongkai.applications.models import ApplicantNotice, IssuedLetter
from gongkai.applications.notify import SmsError, mobile_of, notices_resend
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import person, register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError


def today():
    return timezone.localdate()


@pytest.fixture
def case(cast, weasyprint_available, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    registered = register(
        cast,
        applicant=person(contact_email="zhangsan@example.cn", contact_phone="138 0000 0000"),
        received_on=today() - timedelta(days=2),
        today=today(),
    )
    return application_assign(actor=cast.head, application=registered, clerk=cast.clerk, today=today())


def ask_for_supplement(cast, case):
    return handling.supplement_request(
        actor=cast.clerk, application=case, on=today(), missing="请写明年份。", working_days=10, today=today()
    )


def test_a_supplement_notice_is_mailed_and_texted(cast, case, caplog, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        letter = ask_for_supplement(cast, case)
    (message,) = mail.outbox
    assert message.to == ["zhangsan@example.cn"] and letter.number in message.subject
    assert "请写明年份。" in message.body and case.query_code in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{letter.number}.pdf" and content.startswith(b"%PDF") and mimetype == "application/pdf"
    states = dict(ApplicantNotice.objects.values_list("channel", "state"))
    assert states == {"email": "sent", "sms": "sent"}
    assert "13800000000" in caplog.text and letter.number in caplog.text  # the logging SMS provider


def test_nothing_is_sent_before_the_letter_is_committed(cast, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ask_for_supplement(cast, case)
    assert mail.outbox == [] and len(callbacks) == 1
    assert set(ApplicantNotice.objects.values_list("state", flat=True)) == {"pending"}


def test_no_address_no_message(
    cast, weasyprint_available, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    registered = register(
        cast, applicant=person(contact_phone="0755-8000 0000"), received_on=today(), today=today()
    )
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_supplement(cast, registered)
    assert mail.outbox == [] and not ApplicantNotice.objects.exists()


class BrokenSms:
    def send(self, phone, message):
        raise SmsError("短信服务返回：签名未备案")


def test_a_failed_send_keeps_the_letter_and_is_shown_to_staff(
    cast, case, settings, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_SSL = "127.0.0.1", _closed_port(), False
    settings.EMAIL_TIMEOUT = 5
    settings.SMS_PROVIDER = f"{__name__}.BrokenSms"
    with django_capture_on_commit_callbacks(execute=True):
        letter = ask_for_supplement(cast, case)
    assert IssuedLetter.objects.filter(pk=letter.pk).exists()
    case.refresh_from_db()
    assert case.status == "awaiting_supplement"
    failed = {n.channel: n.error for n in ApplicantNotice.objects.filter(state="failed")}
    assert "ConnectionRefusedError" in failed["email"] and "签名未备案" in failed["sms"]
    client.force_login(cast.clerk)
    page = client.get(reverse("application-detail", args=[case.body.code, case.pk])).content.decode()
    assert "发送失败" in page and "签名未备案" in page and letter.number in page


def test_through_a_real_smtp_server(cast, case, settings, django_capture_on_commit_callbacks):
    from aiosmtpd.controller import Controller

    received = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    port = _closed_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_SSL = settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        with django_capture_on_commit_callbacks(execute=True):
            letter = ask_for_supplement(cast, case)
    finally:
        controller.stop()
    (envelope,) = received
    assert envelope.rcpt_tos == ["zhangsan@example.cn"]
    from email import message_from_bytes, policy

    parsed = message_from_bytes(envelope.content, policy=policy.default)
    assert letter.number in parsed["subject"]
    assert any(part.get_filename() == f"{letter.number}.pdf" for part in parsed.iter_attachments())
    assert ApplicantNotice.objects.get(channel="email").state == "sent"


@pytest.mark.parametrize(
    ("phone", "mobile"),
    [
        ("13800000000", "13800000000"),
        ("+86 139-0000-0000", "13900000000"),
        ("0755-80000000", ""),
        ("12000000000", ""),
        ("1380000000", ""),
        ("", ""),
    ],
)
def test_only_mobile_numbers_get_text_messages(phone, mobile):
    assert mobile_of(phone) == mobile


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, read and released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fail_email(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_SSL = "127.0.0.1", _closed_port(), False
    settings.EMAIL_TIMEOUT = 5


def test_a_failed_message_is_sent_again_to_the_corrected_address(
    cast, case, settings, client, django_capture_on_commit_callbacks
):
    _fail_email(settings)
    with django_capture_on_commit_callbacks(execute=True):
        letter = ask_for_supplement(cast, case)
    assert ApplicantNotice.objects.get(channel="email").state == "failed"
    case.contact_email = "zhang.san@example.cn"  # the clerk corrects the mistyped address
    case.save(update_fields=["contact_email"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(cast.clerk)
    url = reverse("notices-resend", args=[case.body.code, case.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "已重新发送1条消息" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["zhang.san@example.cn"] and letter.number in message.subject
    rows = list(ApplicantNotice.objects.filter(channel="email").values_list("address", "state"))
    assert rows == [("zhangsan@example.cn", "resent"), ("zhang.san@example.cn", "sent")]
    assert "发送失败" not in response.content.decode()
    entry = AuditEntry.objects.get(action="application.notices_resend")
    assert entry.actor == cast.clerk and letter.number in str(entry.after)


def test_resending_needs_a_failure_and_an_address(cast, case, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_supplement(cast, case)
    with pytest.raises(ServiceError, match="没有发送失败的消息"):
        notices_resend(actor=cast.clerk, application=case)
    ApplicantNotice.objects.filter(channel="email").update(state="failed", error="boom")
    case.contact_email = ""
    case.save(update_fields=["contact_email"])
    with pytest.raises(ServiceError, match="没有可用的电子邮件地址"):
        notices_resend(actor=cast.clerk, application=case)
    assert ApplicantNotice.objects.filter(channel="email").get().state == "failed"  # nothing half done


def test_only_the_bodys_handlers_may_resend(cast, case, client):
    ApplicantNotice.objects.create(
        application=case,
        letter=ask_for_supplement(cast, case),
        channel="email",
        address="a@b.cn",
        state="failed",
    )
    client.force_login(cast.inspector)
    response = client.post(reverse("notices-resend", args=[case.body.code, case.pk]))
    assert response.status_code == 403
    assert ApplicantNotice.objects.filter(state="failed").count() == 1
