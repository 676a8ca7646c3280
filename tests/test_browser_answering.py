"""Answering as an office does, in a real Chromium, each flow of the answering demo driven as the
clerk (and the 负责人 where the decision is theirs) would: a third party's objection overridden in
the public interest, the 告知书 delivered, then the disclosure; a co-producing body's silence; art.
35 with a reasonable and with an unreasonable reason; a failed text resent after correcting the phone."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.applications import handling
from gongkai.applications.clock import current_calendar
from gongkai.applications.models import AnswerSettings, ApplicantNotice, Application, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import person, register
from gongkai.core import consultations as rules
from tests.test_browser_approval import desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def today() -> date:
    return timezone.localdate()


def iso(day: date) -> str:
    return day.isoformat()


def received(cast, days_ago: int, **applicant):
    case = register(
        cast, received_on=today() - timedelta(days=days_ago), today=today(), applicant=person(**applicant)
    )
    return application_assign(actor=cast.head, application=case, clerk=cast.clerk, today=today())


def do(page, summary: str, fields: dict, *, done: bool = True):
    """Open a step of the case page, fill its fields (labels matched exactly: 「征求意见对象」 is
    also the start of 「征求意见对象名称」) and submit it; wait for the page that answers."""
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    details.locator("summary").click()
    for label, value in fields.items():
        control = details.get_by_label(re.compile(rf"^{re.escape(label)}\*?$"))  # * marks the required
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    details.get_by_role("button", name=summary).click()
    if done:
        expect(page.get_by_role("status")).to_contain_text(f"已完成：{summary}")


def consult(page, on: date, kind: str, name: str):
    do(
        page,
        "征求意见（第三方或共同制作机关）",
        {"发函日期": iso(on), "征求意见对象": kind, "征求意见对象名称": name},
    )


def deliver(page, number: str, on: date):
    do(page, "记录送达", {"文书": number, "送达方式": "邮寄送达", "送达日期": iso(on)})


def test_objection_overridden_notice_delivered_then_disclosed(
    chromium_browser, live_server, cast, weasyprint_available
):
    AnswerSettings.objects.create(body=cast.body, flow="one_step")  # the 负责人 signs as they draft
    case = received(cast, 10)
    start = case.received_on
    url = f"/bodies/donghu/applications/{case.pk}/"
    clerk_context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    consult(clerk, start + timedelta(days=1), "第三方（条例第三十二条）", "某建设工程有限公司")
    deliver(clerk, f"东湖街道依申征〔{start.year}〕1号", start + timedelta(days=2))
    do(
        clerk,
        "登记征求意见的结果",
        {
            "收到意见日期": iso(start + timedelta(days=3)),
            "意见": "不同意公开",
            "不同意公开的理由": "含本公司报价明细",
        },
    )
    expect(clerk.locator("main")).to_contain_text("不同意公开：含本公司报价明细")
    expect(clerk.locator("summary", has_text="因公共利益决定公开")).to_have_count(0)  # the 负责人's

    head_context, head = desk(chromium_browser, live_server, "donghu-fz", url)
    do(
        head,
        "因公共利益决定公开（出具第三方告知书）",
        {
            "告知日期": iso(start + timedelta(days=4)),
            "决定公开的政府信息内容": "中标价格及项目工期",
            "决定公开的理由": "项目使用财政资金，不公开可能对公共利益造成重大影响",
        },
    )
    notice = IssuedLetter.objects.get(application=case, kind="disclosure_notice")
    expect(head.locator("main")).to_contain_text("未送达，公开的答复须待其送达后签发")
    granted = {"答复日期": iso(today()), "答复依据": "予以公开（第三十六条第（二）项）"}
    granted["获取信息的方式、途径和时间"] = "随本答复书邮寄纸质件"
    do(head, "拟办答复", granted, done=False)  # held back until the 告知书 is delivered
    expect(head.locator("#action-decide")).to_contain_text(f"第三方告知书（{notice.number}）尚未登记送达")
    assert not IssuedLetter.objects.filter(application=case, kind="answer").exists()
    head_context.close()

    clerk.reload()
    deliver(clerk, notice.number, start + timedelta(days=5))
    expect(clerk.locator("main")).not_to_contain_text("未送达，公开的答复须待其送达后签发")
    clerk_context.close()

    head_context, head = desk(chromium_browser, live_server, "donghu-fz", url)
    do(head, "拟办答复", granted)
    expect(head.locator("main")).to_contain_text("已答复")
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("answered", "granted")
    head_context.close()


def test_a_co_producer_that_does_not_answer_consents(
    chromium_browser, live_server, cast, weasyprint_available
):
    delivered = today() - timedelta(days=30)
    while rules.reply_ends(delivered, current_calendar()) >= today():  # a long holiday in between
        delivered -= timedelta(days=7)
    case = received(cast, (today() - delivered).days + 2)
    url = f"/bodies/donghu/applications/{case.pk}/"
    context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    consult(clerk, delivered - timedelta(days=1), "共同制作机关（条例第三十四条）", "示范区住房和城乡建设局")
    letter = IssuedLetter.objects.get(application=case, kind="consultation")
    assert "逾期未提出意见的，视为同意公开" in letter.text and "第三十四条" in letter.text
    deliver(clerk, letter.number, delivered)
    do(clerk, "登记征求意见的结果", {"收到意见日期": iso(today()), "意见": "逾期未提出意见"})
    expect(clerk.locator("main")).to_contain_text("逾期未提出意见，视为同意公开（条例第三十四条）")
    assert case.consultations.get().position == "silent"
    context.close()


def ask_reason(page, start: date):
    do(
        page,
        "要求说明理由（第三十五条）",
        {
            "通知日期": iso(start + timedelta(days=1)),
            "认为申请数量、频次明显超过合理范围的情况": "您近期提出多件申请，范围明显超过一般需要",
            "说明理由期限": iso(start + timedelta(days=8)),
        },
    )
    expect(page.locator("#art35")).to_contain_text("等待申请人说明理由")


def record_reason(page, on: date, verdict: str, text: str):
    do(
        page,
        "记录申请人说明理由的情况（第三十五条）",
        {"收到理由日期（逾期未说明的，填记录日期）": iso(on), "审查结论": verdict, "申请人说明的理由": text},
    )
    expect(page.locator("#art35")).to_contain_text(verdict)


def test_art35_a_reasonable_reason_fixes_a_later_date(
    chromium_browser, live_server, cast, weasyprint_available
):
    case = received(cast, 10)
    start = case.received_on
    url = f"/bodies/donghu/applications/{case.pk}/"
    context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    ask_reason(clerk, start)
    record_reason(clerk, start + timedelta(days=3), "理由合理", "用于学术研究，附课题证明")
    case.refresh_from_db()
    later = case.due_on + timedelta(days=21)
    do(
        clerk,
        "确定延迟答复期限（第三十五条）",
        {
            "确定日期": iso(start + timedelta(days=4)),
            "延迟答复期限": iso(later),
            "无法在规定期限内答复的原因": "所涉统计表分散于六个社区",
        },
    )
    expect(clerk.locator("main")).to_contain_text(f"答复期限 {iso(later)}")
    case.refresh_from_db()
    assert case.due_on == later and case.letters.filter(kind="art35_delay").exists()
    context.close()


def test_art35_an_unreasonable_reason_is_not_processed(
    chromium_browser, live_server, cast, weasyprint_available
):
    AnswerSettings.objects.create(body=cast.body, flow="one_step")  # 拟办 by the clerk, 签发 by the 负责人
    case = received(cast, 10)
    start = case.received_on
    url = f"/bodies/donghu/applications/{case.pk}/"
    clerk_context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    ask_reason(clerk, start)
    record_reason(clerk, start + timedelta(days=3), "理由不合理", "就是想看看")
    do(
        clerk,
        "拟办答复",
        {
            "答复日期": iso(today()),
            "答复依据": "无正当理由大量、频繁申请（第三十五条）",
            "理由及说明": "所申请的每日考勤记录数量巨大，申请人未说明正当用途",
        },
    )
    expect(clerk.locator("main")).to_contain_text("待签发")
    clerk_context.close()
    head_context, head = desk(chromium_browser, live_server, "donghu-fz", url)
    do(head, "签发", {"签发日期": iso(today())})
    expect(head.locator("main")).to_contain_text("已答复")
    letter = IssuedLetter.objects.get(application=case, kind="answer")
    assert "第三十五条" in letter.text and "本机关不予处理" in letter.text and "就是想看看" in letter.text
    case.refresh_from_db()
    assert case.outcome == "not_processed_excessive"
    head_context.close()


class Unreachable:
    """The carrier's refusal of a mistyped number."""

    def send(self, phone, message):
        from gongkai.applications.sms import SmsError

        raise SmsError(f"空号：{phone}")


def test_a_failed_text_is_resent_after_correcting_the_phone(
    chromium_browser, live_server, cast, settings, weasyprint_available
):
    case = received(cast, 3, contact_phone="13900000009")
    settings.SMS_PROVIDER = f"{__name__}.Unreachable"
    handling.supplement_request(
        actor=cast.clerk, application=case, on=today(), missing="请写明年度。", working_days=10, today=today()
    )
    assert ApplicantNotice.objects.get(application=case).state == "failed"  # sent on commit, refused
    settings.SMS_PROVIDER = "gongkai.applications.sms.LoggingSms"
    url = f"/bodies/donghu/applications/{case.pk}/"
    context, clerk = desk(chromium_browser, live_server, "donghu-jb", url)
    alert = clerk.locator(".error", has_text="发送失败")
    expect(alert).to_contain_text("空号：13900000009")
    clerk.get_by_label("更正后的联系电话").fill("1390000000x")  # a slip on the correction too
    clerk.get_by_role("button", name="重新发送").click()
    expect(clerk.locator("#id_resend-contact_phone_error")).to_contain_text("请输入有效的电话号码")
    clerk.get_by_label("更正后的联系电话").fill("13900000008")
    clerk.get_by_role("button", name="重新发送").click()
    expect(clerk.get_by_role("status")).to_contain_text("已重新发送1条消息")
    expect(clerk.locator(".error", has_text="发送失败")).to_have_count(0)
    case = Application.objects.get(pk=case.pk)
    assert case.contact_phone == "13900000008"
    rows = list(
        ApplicantNotice.objects.filter(application=case).order_by("id").values_list("address", "state")
    )
    assert rows == [("13900000009", "resent"), ("13900000008", "sent")]
    context.close()
