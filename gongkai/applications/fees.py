"""The fee of a 收费通知书, from the records: the method the clerk chose, and for 按件计收 the count
of the applicant's requests earlier in the month.

《政府信息公开信息处理费管理办法》第四条 counts 同一申请人一个自然月内累计申请: the applicant is found
by the identity document on record (ID number or 统一社会信用代码), never by a typed count, and the
month is the calendar month of receipt. Whether requests to other bodies count too is not settled
(statute.md §4, UNCONFIRMED): settings.FEE_COUNT_ACROSS_BODIES, by default only this body's.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from gongkai.applications.models import Application
from gongkai.common.services import ServiceError
from gongkai.core.fees import Fee, FeeMethod, per_page_fee, per_request_fee


def requests_earlier_in_month(application: Application) -> int:
    """The applicant's applications received before this one in its calendar month of receipt."""
    received = application.received_on
    earlier = Application.objects.filter(
        id_document_type=application.id_document_type,
        id_document_number=application.id_document_number,
        received_on__gte=received.replace(day=1),
    ).filter(Q(received_on__lt=received) | Q(received_on=received, pk__lt=application.pk))
    if not settings.FEE_COUNT_ACROSS_BODIES:
        earlier = earlier.filter(body_id=application.body_id)
    return earlier.count()


def fee_for(application: Application, *, method: str, pages: int | None, already_published: bool) -> Fee:
    """按件: the applicant's next request in the month; 按量: by pages, unless already published."""
    if method == FeeMethod.PER_PAGE:
        if already_published:
            raise ServiceError(
                "所申请的信息已主动公开，不按量收取信息处理费（《政府信息公开信息处理费管理办法》第五条）。"
            )
        if pages is None:
            raise ServiceError("按量计收须填写页数。")
        return per_page_fee(pages=pages)
    return per_request_fee(earlier_this_month=requests_earlier_in_month(application))
