"""Telling the applicant: an e-mail (Django's mail backend) and a text message when a letter to them
is issued (a 补正告知书, a 延期答复告知书, the 答复书 …), if they gave an address or a mobile number.

A message is only a courtesy beside the letter's delivery (送达), which is recorded on its own:
the letter is issued whatever happens here. Each message is an ApplicantNotice row written with
the letter and sent once the letter is committed; a failed send is kept with its reason and shown
on the case page, never raised.

Text messages go through a provider named by GONGKAI_SMS_PROVIDER (a dotted path to a class with
`send(phone, text)`); the default only logs them. No provider adapter ships with gongkai: each
carrier's contract and signature rules differ, and a deployment adds the one it has signed.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.applications.models import ApplicantNotice, IssuedLetter, LetterKind, NoticeChannel, NoticeState

logger = logging.getLogger(__name__)

# Letters that go to someone else (the 征求意见函, the 第三方告知书) are not announced to the applicant.
NOT_TO_APPLICANT = {LetterKind.CONSULTATION, LetterKind.DISCLOSURE_NOTICE}
MOBILE = re.compile(r"1[3-9]\d{9}")


class SmsError(Exception):
    """The provider refused or could not be reached; the message says why."""


class LoggingSms:
    """The default provider: the message is logged, not sent (development, or no contract yet)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("短信（未接入短信服务，仅记录）至 %s：%s", phone, text)


def mobile_of(phone: str) -> str:
    """The mainland mobile number in a contact phone, or "" (a landline gets no text message)."""
    digits = re.sub(r"[\s\-()（）]", "", phone or "").removeprefix("+86")
    return digits if MOBILE.fullmatch(digits) else ""


def _short_text(letter: IssuedLetter) -> str:
    application = letter.application
    return (
        f"【{letter.body.code}】您的政府信息公开申请（{application.number}）已出具"
        f"《{LetterKind(letter.kind).label}》（{letter.number}），可凭查询码 {application.query_code} 查询。"
    )


def letter_issued(letter: IssuedLetter) -> list[ApplicantNotice]:
    """Record the messages for a newly issued letter; they are sent when the transaction commits."""
    application = letter.application
    if letter.kind in NOT_TO_APPLICANT:
        return []
    notices = []
    if application.contact_email:
        notices.append(ApplicantNotice(channel=NoticeChannel.EMAIL, address=application.contact_email))
    if phone := mobile_of(application.contact_phone):
        notices.append(ApplicantNotice(channel=NoticeChannel.SMS, address=phone))
    for notice in notices:
        notice.application, notice.letter = application, letter
        notice.save()
    if notices:
        ids = [n.pk for n in notices]
        transaction.on_commit(lambda: send_notices(ids))
    return notices


def send_notices(ids: list[int]) -> None:
    """Send each pending message once and record how it went; a failure never raises."""
    for notice in ApplicantNotice.objects.filter(pk__in=ids, state=NoticeState.PENDING).select_related(
        "letter", "application", "letter__body"
    ):
        try:
            if notice.channel == NoticeChannel.EMAIL:
                _send_email(notice)
            else:
                import_string(settings.SMS_PROVIDER)().send(notice.address, _short_text(notice.letter))
        except Exception as error:  # noqa: BLE001 - any failure of a backend is recorded, not raised
            logger.warning("告知申请人失败（%s %s）：%s", notice.channel, notice.letter.number, error)
            notice.state, notice.error = NoticeState.FAILED, f"{type(error).__name__}: {error}"[:300]
        else:
            notice.state, notice.sent_at = NoticeState.SENT, timezone.now()
        notice.save(update_fields=["state", "error", "sent_at"])


def _send_email(notice: ApplicantNotice) -> None:
    letter, application = notice.letter, notice.application
    message = EmailMessage(
        subject=f"{LetterKind(letter.kind).label}（{letter.number}）",
        body=(
            f"{application.applicant_name}：\n\n{_short_text(letter)}\n\n文书全文如下，PDF 见附件。\n\n"
            f"{letter.text}\n\n本邮件由系统发送，请勿直接回复；文书以送达的正式文本为准。"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.address],
    )
    with letter.pdf.open("rb") as handle:
        message.attach(f"{letter.number}.pdf", handle.read(), "application/pdf")
    message.send(fail_silently=False)
