"""Telling the applicant: an e-mail (Django's mail backend) and a text message when a letter to them
is issued (a 补正告知书, a 延期答复告知书, the 答复书 …), if they gave an address or a mobile number.

A message is only a courtesy beside the letter's delivery (送达), which is recorded on its own:
the letter is issued whatever happens here. Each message is an ApplicantNotice row written with
the letter and sent once the letter is committed; a failed send is kept with its reason and shown
on the case page, never raised.

Text messages go through a provider named by GONGKAI_SMS_PROVIDER (applications.sms): the default
only logs them; 腾讯云短信 ships as a real one.

A failed message can be sent again from the case page, with a corrected phone or e-mail if the
clerk enters one (notices_resend): the failed row is kept, marked 已重新发送, and a new one is sent
to the address the case holds now.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from gongkai.applications.audit import audit_on
from gongkai.applications.models import (
    ApplicantNotice,
    Application,
    IssuedLetter,
    LetterKind,
    NoticeChannel,
    NoticeState,
)
from gongkai.applications.sms import ShortMessage, SmsError, provider
from gongkai.common.services import ServiceError, clean_or_refuse
from gongkai.core.sensitive import mask_whole

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# Letters that go to someone else (the 征求意见函, the 第三方告知书) are not announced to the applicant.
NOT_TO_APPLICANT = {LetterKind.CONSULTATION, LetterKind.DISCLOSURE_NOTICE}
MOBILE = re.compile(r"1[3-9]\d{9}")

__all__ = ["SmsError", "letter_issued", "notices_resend", "send_notices"]


def mobile_of(phone: str) -> str:
    """The mainland mobile number in a contact phone, or "" (a landline gets no text message)."""
    digits = re.sub(r"[\s\-()（）]", "", phone or "").removeprefix("+86")
    return digits if MOBILE.fullmatch(digits) else ""


def short_message(letter: IssuedLetter) -> ShortMessage:
    """The text message, and the parameters of the template a carrier has approved (applications.sms)."""
    application = letter.application
    params = (application.number, LetterKind(letter.kind).label, letter.number, application.query_code)
    text = "您的政府信息公开申请（{}）已出具《{}》（{}），可凭查询码{}查询。".format(*params)
    return ShortMessage(text=text, params=params)


def _address(application: Application, channel: str) -> str:
    if channel == NoticeChannel.EMAIL:
        return application.contact_email
    return mobile_of(application.contact_phone)


def letter_issued(letter: IssuedLetter) -> list[ApplicantNotice]:
    """Record the messages for a newly issued letter; they are sent when the transaction commits."""
    application = letter.application
    if letter.kind in NOT_TO_APPLICANT:
        return []
    notices = [
        ApplicantNotice.objects.create(
            application=application, letter=letter, channel=channel, address=address
        )
        for channel in NoticeChannel
        if (address := _address(application, channel))
    ]
    _send_after_commit(notices)
    return notices


def _send_after_commit(notices: list[ApplicantNotice]) -> None:
    if notices:
        ids = [n.pk for n in notices]
        transaction.on_commit(lambda: send_notices(ids))


def notices_resend(
    *, actor: User, application: Application, contact_phone: str = "", contact_email: str = ""
) -> list[ApplicantNotice]:
    """Send every failed message of the case again, to the address the case holds now, after
    correcting its phone or e-mail when the clerk gives one (a mistyped number is the usual reason
    a text fails). One transaction: a refusal leaves the contact as it was and nothing resent."""
    failed = list(application.notices.filter(state=NoticeState.FAILED).select_related("letter"))
    if not failed:
        raise ServiceError("本案没有发送失败的消息。")
    with transaction.atomic():
        _contact_correct(actor, application, phone=contact_phone.strip(), email=contact_email.strip())
        missing = [n for n in failed if not _address(application, n.channel)]
        if missing:
            what = "、".join(sorted({n.get_channel_display() for n in missing}))
            raise ServiceError(f"申请人现在没有可用的{what}地址，请先更正联系方式。")
        notices = []
        for notice in failed:
            notice.state = NoticeState.RESENT
            notice.save(update_fields=["state"])
            notices.append(
                ApplicantNotice.objects.create(
                    application=application,
                    letter=notice.letter,
                    channel=notice.channel,
                    address=_address(application, notice.channel),
                )
            )
        audit_on(
            application,
            actor=actor,
            action="application.notices_resend",
            summary=f"重新发送告知申请人的消息{len(notices)}条",
            after={"letters": sorted({n.letter.number for n in notices})},
        )
        _send_after_commit(notices)
    return notices


CONTACT_FIELDS = {"contact_phone": "联系电话", "contact_email": "电子邮箱"}


def _contact_correct(actor: User, application: Application, *, phone: str, email: str) -> None:
    """The corrected contact, audited with old and new masked as the case page masks them for
    readers who may not see them (the log is read more widely than the case)."""
    wanted = {"contact_phone": phone, "contact_email": email}
    changed = {f: v for f, v in wanted.items() if v and v != getattr(application, f)}
    if not changed:
        return
    before = {f: getattr(application, f) for f in changed}
    for field, value in changed.items():
        setattr(application, field, value)
    clean_or_refuse(application, exclude=["query_code"])
    application.save(update_fields=list(changed))
    audit_on(
        application,
        actor=actor,
        action="application.contact_correct",
        summary=f"更正申请人的{'、'.join(CONTACT_FIELDS[f] for f in changed)}（重新发送告知消息前）",
        before={f: mask_whole(v) for f, v in before.items()},
        after={f: mask_whole(v) for f, v in changed.items()},
    )


def send_notices(ids: list[int]) -> None:
    """Send each pending message once and record how it went; a failure never raises."""
    for notice in ApplicantNotice.objects.filter(pk__in=ids, state=NoticeState.PENDING).select_related(
        "letter", "application", "letter__body"
    ):
        try:
            if notice.channel == NoticeChannel.EMAIL:
                _send_email(notice)
            else:
                provider().send(notice.address, short_message(notice.letter))
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
            f"{application.applicant_name}：\n\n{short_message(letter).text}\n\n文书全文如下，PDF 见附件。\n\n"
            f"{letter.text}\n\n本邮件由系统发送，请勿直接回复；文书以送达的正式文本为准。"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.address],
    )
    with letter.pdf.open("rb") as handle:
        message.attach(f"{letter.number}.pdf", handle.read(), "application/pdf")
    message.send(fail_silently=False)
