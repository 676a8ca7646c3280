"""Demo cases of answering as an office does (issue 12), each built through the use cases a clerk's
clicks run, so that the case pages, letters and 案卷 show them as real cases would:

- a third party's objection overridden in the public interest, its 第三方告知书 delivered (条例第三十二条);
- a co-producing body that did not answer within 15 working days: 逾期未答复视为同意 (第三十四条);
- 第三十五条 with a reasonable reason (a later answer date fixed and notified) and with an
  unreasonable one (不予处理, through 拟办 → 审核 → 签发);
- a text message that failed because the phone was mistyped, resent after correcting it.

Loading twice adds nothing: the cases are recognised by what they ask for.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from gongkai.applications import approval, art35, consultations, handling
from gongkai.applications.clock import current_calendar
from gongkai.applications.models import Application
from gongkai.applications.notify import notices_resend, send_notices
from gongkai.applications.services import ApplicantDetails, application_assign, application_register
from gongkai.applications.sms import SmsError
from gongkai.bodies.models import Body
from gongkai.core import consultations as rules

PUBLIC_INTEREST = "东湖路改造工程的中标价格和工期安排"
CO_PRODUCER_SILENT = "东湖街道与区住建局联合制定的老旧小区加装电梯补助办法的起草说明"
ART35_REASONABLE = "2020年至2025年东湖街道各社区历年人口统计表"
ART35_UNREASONABLE = "东湖街道各科室2025年每日考勤记录"
RESENT_SMS = "东湖街道2025年度防汛应急预案"
REQUESTS = (PUBLIC_INTEREST, CO_PRODUCER_SILENT, ART35_REASONABLE, ART35_UNREASONABLE, RESENT_SMS)

WANG = ApplicantDetails("natural_person", "王五", "resident_id", "11010519491231002X", "13800000007")
LI = ApplicantDetails("natural_person", "李四", "resident_id", "440305199001010018", "13800000002")
COMPANY = ApplicantDetails(
    "commercial", "某某咨询有限公司", "credit_code", "91350100M000100Y43", "0755-80000003"
)
MISTYPED = "13900000009"  # the applicant's mobile is 13900000008; the clerk typed a 9
CORRECTED = "13900000008"


class MistypedNumberSms:
    """The carrier's refusal of a number that does not exist, for the demo's failed text only."""

    def send(self, phone: str, message) -> None:
        raise SmsError(f"空号：{phone} 不是在用的手机号码（演示）")


def load_answering_cases() -> int:
    """The five cases, once; returns how many were created."""
    body = Body.objects.get(code="donghu")
    if Application.objects.filter(body=body, information_requested__in=REQUESTS).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="donghu-")}
    staff = (users["donghu-jb"], users["donghu-sh"], users["donghu-fz"])
    today = timezone.localdate()
    _public_interest(body, staff, today)
    _co_producer_silent(body, staff, today)
    _art35_reasonable(body, staff, today)
    _art35_unreasonable(body, staff, today)
    _resent_sms(body, staff, today)
    return len(REQUESTS)


def _register(body, staff, request: str, applicant: ApplicantDetails, received: date, today: date):
    clerk, _reviewer, head = staff
    case = application_register(
        actor=clerk,
        body=body,
        channel="in_person",
        received_on=received,
        applicant=applicant,
        information_requested=request,
        form_wanted="纸质",
        today=today,
    )
    return application_assign(actor=head, application=case, clerk=clerk, today=today)


def _public_interest(body, staff, today: date) -> None:
    clerk, _reviewer, head = staff
    received = today - timedelta(days=12)
    case = _register(body, staff, PUBLIC_INTEREST, COMPANY, received, today)
    letter = consultations.consultation_send(
        actor=clerk,
        application=case,
        on=received + timedelta(days=1),
        third_party="某建设工程有限公司",
        concerns="报价明细可能涉及商业秘密",
        today=today,
    )
    handling.delivery_record(
        actor=clerk, letter=letter, channel="post", delivered_on=received + timedelta(days=3), today=today
    )
    consultations.consultation_answer(
        actor=clerk,
        application=case,
        on=received + timedelta(days=6),
        position=rules.Position.OBJECT,
        reason="中标价格含本公司的报价明细，属于商业秘密",
        today=today,
    )
    # The 负责人 decides; where the body approves notices this would be a draft to sign instead.
    notice = approval.draft_propose(
        actor=head,
        application=case,
        step="public_interest",
        facts={
            "consultation": None,
            "content": "中标价格及项目工期",
            "reason": "项目使用财政资金，关系沿线居民出行，不公开可能对公共利益造成重大影响",
        },
        on=received + timedelta(days=7),
        today=today,
    )
    handling.delivery_record(
        actor=clerk,
        letter=notice,
        channel="in_person",
        delivered_on=received + timedelta(days=8),
        today=today,
    )


def _co_producer_silent(body, staff, today: date) -> None:
    clerk, _reviewer, _head = staff
    calendar = current_calendar()
    delivered = today - timedelta(days=30)
    while rules.reply_ends(delivered, calendar) >= today:  # a long holiday in between: go back further
        delivered -= timedelta(days=7)
    received = delivered - timedelta(days=3)
    case = _register(body, staff, CO_PRODUCER_SILENT, LI, received, today)
    letter = consultations.consultation_send(
        actor=clerk,
        application=case,
        on=received + timedelta(days=1),
        party_kind=rules.Party.CO_PRODUCER,
        third_party="示范区住房和城乡建设局",
        concerns="",
        today=today,
    )
    handling.delivery_record(actor=clerk, letter=letter, channel="post", delivered_on=delivered, today=today)
    consultations.consultation_answer(
        actor=clerk, application=case, on=today, position=rules.Position.SILENT, today=today
    )


def _ask_reason(staff, case, on: date, today: date) -> None:
    clerk, _reviewer, _head = staff
    approval.draft_propose(
        actor=clerk,
        application=case,
        step="art35_reason",
        facts={
            "grounds": "您近期提出多件申请，所需信息的范围明显超过一般需要",
            "reply_by": (on + timedelta(days=7)).isoformat(),
        },
        on=on,
        today=today,
    )


def _art35_reasonable(body, staff, today: date) -> None:
    clerk, _reviewer, _head = staff
    received = today - timedelta(days=10)
    case = _register(body, staff, ART35_REASONABLE, LI, received, today)
    _ask_reason(staff, case, received + timedelta(days=1), today)
    art35.reason_record(
        actor=clerk,
        application=case,
        on=received + timedelta(days=4),
        verdict="reasonable",
        text="用于社区人口变化的学术研究，附学校出具的课题证明",
        today=today,
    )
    case.refresh_from_db()
    approval.draft_propose(
        actor=clerk,
        application=case,
        step="art35_delay",
        facts={
            "due_on": (case.due_on + timedelta(days=21)).isoformat(),
            "reason": "所涉统计表分散于六个社区，需逐一调取",
        },
        on=received + timedelta(days=5),
        today=today,
    )


def _art35_unreasonable(body, staff, today: date) -> None:
    clerk, reviewer, head = staff
    received = today - timedelta(days=10)
    case = _register(body, staff, ART35_UNREASONABLE, LI, received, today)
    _ask_reason(staff, case, received + timedelta(days=1), today)
    art35.reason_record(
        actor=clerk,
        application=case,
        on=received + timedelta(days=4),
        verdict="unreasonable",
        text="就是想看看",
        today=today,
    )
    draft = approval.draft_propose(
        actor=clerk,
        application=case,
        step="decide",
        facts={"ground": "35", "reason": "所申请的每日考勤记录数量巨大，申请人未说明正当用途"},
        on=received + timedelta(days=5),
        today=today,
    )
    approval.draft_review(actor=reviewer, draft=draft, today=today)
    approval.draft_sign(actor=head, draft=draft, on=received + timedelta(days=6), today=today)


def _resent_sms(body, staff, today: date) -> None:
    clerk, _reviewer, _head = staff
    received = today - timedelta(days=5)
    applicant = ApplicantDetails("natural_person", "赵六", "resident_id", "11010519780615002X", MISTYPED)
    case = _register(body, staff, RESENT_SMS, applicant, received, today)
    # The carrier refuses the mistyped number. Sent explicitly as well as on commit: inside a test's
    # transaction the commit never comes, and a notice is sent only once either way.
    with override_settings(SMS_PROVIDER=f"{__name__}.MistypedNumberSms"):
        letter = handling.supplement_request(
            actor=clerk,
            application=case,
            on=received + timedelta(days=1),
            missing="请写明所需预案的年度和版本。",
            working_days=10,
            today=today,
        )
        send_notices(list(letter.notices.values_list("pk", flat=True)))
    resent = notices_resend(actor=clerk, application=case, contact_phone=CORRECTED)
    send_notices([n.pk for n in resent])
