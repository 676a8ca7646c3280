"""What the records say for a 第三十五条 step (requests beyond a reasonable range): the applicant's
request counts, offered as evidence in the 说明理由通知书, and the applicant's reply, quoted in a
不予处理 answer. Only reads; the steps themselves are in applications.art35.

The applicant is found by the identity document on record (ID number or 统一社会信用代码), as for
按件计收 (applications.fees), and only this body's registrations are counted: the notice speaks
for the body that received the requests.
"""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.applications.models import Application, ReasonRequest, ReasonVerdict
from gongkai.common.services import ServiceError
from gongkai.core.written_dates import chinese_date

GROUND = "35"  # core.letter_grounds: 无正当理由大量、频繁申请
RECENT_DAYS = 30


def request_counts(application: Application, on: date) -> dict[str, int]:
    """This applicant's applications to this body received this calendar year, and in the 30 days
    up to `on` (both up to `on`, this one included)."""
    same = Application.objects.filter(
        body_id=application.body_id,
        id_document_type=application.id_document_type,
        id_document_number=application.id_document_number,
        received_on__lte=on,
    )
    return {
        "year": same.filter(received_on__gte=on.replace(month=1, day=1)).count(),
        "recent": same.filter(received_on__gt=on - timedelta(days=RECENT_DAYS)).count(),
    }


def counts_sentence(counts: dict[str, int], on: date) -> str:
    return (
        f"截至{chinese_date(on)}，您本年度已向本机关提出政府信息公开申请{counts['year']}件，"
        f"其中近{RECENT_DAYS}日内{counts['recent']}件。"
    )


def reply_clause(application: Application) -> str:
    """The applicant's reply as the ground-35 答复书 quotes it. Refuses a 不予处理 under 第三十五条
    without a 说明理由 step whose reason was judged not reasonable, or did not come."""
    asked = ReasonRequest.objects.filter(application_id=application.pk).first()
    if asked is None or not asked.verdict:
        raise ServiceError("依第三十五条不予处理前，须先要求申请人说明理由，并记录说明理由的情况。")
    if asked.verdict == ReasonVerdict.REASONABLE:
        raise ServiceError("已认定申请人说明的理由合理，不能依第三十五条不予处理。")
    if asked.verdict == ReasonVerdict.NONE_GIVEN:
        return f"您未在{chinese_date(asked.reply_by)}前说明理由"
    return f"您于{chinese_date(asked.reason_on)}说明的理由为“{asked.reason_text.strip()}”，本机关认为该理由不合理"
