"""条例第三十五条 through the case page, as staff do: the 说明理由通知书 with the request counts,
the reason recorded, and both outcomes - 不予处理 quoting the reply, or a 延迟答复 date that the
case page, the case list and the applicant's status page then show. Letters are opened."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.applications.dossier import dossier_pdf
from gongkai.applications.models import AnswerSettings, ApplicantNotice, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_dossier import pdf_text as dossier_text
from gongkai.applications.tests.test_handling import act, approve, day
from gongkai.applications.tests.test_letters import docx_text, pdf_text
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry

RECEIVED = date(2026, 3, 2)  # Mon; 20 working days: 3-3 .. 3-30


@pytest.fixture
def case(cast, weasyprint_available):
    register(cast, received_on=date(2026, 1, 5), today=timezone.localdate())  # earlier this year
    register(cast, received_on=date(2026, 2, 20), today=timezone.localdate())  # within 30 days of 3-9
    registered = register(cast, received_on=RECEIVED, today=timezone.localdate())
    return application_assign(
        actor=cast.head, application=registered, clerk=cast.clerk, today=timezone.localdate()
    )


def ask(client, case, on=9, reply_by=16):
    return act(
        client,
        case,
        "art35_reason",
        on=day(on),
        grounds="您在两个月内提出3件申请，内容高度相似",
        reply_by=day(reply_by),
    )


def text_of(response) -> str:
    return response.content.decode()


def test_the_reason_notice_cites_article_35_and_shows_the_counts(client, cast, case):
    client.force_login(cast.clerk)
    assert ask(client, case).status_code == 302
    letter = IssuedLetter.objects.get(application=case, kind="art35_reason")
    assert letter.number == "东湖街道依申理〔2026〕1号"
    for text in (docx_text(letter), pdf_text(letter)):
        assert "说明理由通知书" in text
        assert "第三十五条" in text
        assert "明显超过合理范围" in text and "内容高度相似" in text
        assert "本年度已向本机关提出政府信息公开申请3件" in text and "近30日内2件" in text
        assert "2026年3月16日前" in text
    page = text_of(client.get(f"/bodies/donghu/applications/{case.pk}/"))
    assert "说明理由（条例第三十五条）" in page and "本年度3件，近30日2件" in page
    assert "等待申请人说明理由" in page
    assert "要求说明理由（第三十五条）：" in page and "（7个工作日）" not in page  # days there hold a date
    assert ApplicantNotice.objects.filter(letter=letter).exists()  # told like the other letters
    assert AuditEntry.objects.filter(
        action="application.art35_reason_requested", target_id=str(case.pk)
    ).exists()
    again = ask(client, case, on=10)
    assert again.status_code == 400 and "不能重复发出" in text_of(again)


def test_reasonable_but_late_fixes_a_date_that_every_page_follows(client, cast, case):
    client.force_login(cast.clerk)
    assert ask(client, case).status_code == 302
    case.refresh_from_db()
    assert case.due_on == date(2026, 3, 30)  # by default the clock runs while waiting
    recorded = act(
        client, case, "art35_reason_record", on=day(12), verdict="reasonable", text="用于撰写学术论文"
    )
    assert recorded.status_code == 302
    delayed = act(
        client, case, "art35_delay", on=day(20), due_on="2026-04-30", reason="所涉档案分散于多个科室"
    )
    assert delayed.status_code == 302
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 30)
    letter = IssuedLetter.objects.get(application=case, kind="art35_delay")
    for text in (docx_text(letter), pdf_text(letter)):
        assert "延迟答复告知书" in text and "第三十五条" in text
        assert "理由合理" in text and "所涉档案分散于多个科室" in text
        assert "延迟答复的期限至2026年4月30日" in text
    assert ApplicantNotice.objects.filter(letter=letter).exists()
    page = text_of(client.get(f"/bodies/donghu/applications/{case.pk}/"))
    assert "依条例第三十五条确定延迟答复期限至2026-04-30" in page
    assert "用于撰写学术论文" in page and "理由合理" in page
    assert "2026-04-30" in text_of(client.get("/bodies/donghu/applications/"))
    status = text_of(client.get(f"/status/{case.query_code}/"))
    assert "2026年4月30日" in status or "2026-04-30" in status
    actions = set(AuditEntry.objects.filter(target_id=str(case.pk)).values_list("action", flat=True))
    assert {"application.art35_reason_closed", "application.art35_due_fixed"} <= actions
    dossier = dossier_text(dossier_pdf(case, today=timezone.localdate()))
    for issued in case.letters.filter(kind__startswith="art35"):
        assert issued.number in dossier
    # Only one fixed date; and no art. 33 extension on top of it.
    client.force_login(cast.head)
    again = act(client, case, "art35_delay", on=day(23), due_on="2026-05-06", reason="x")
    assert again.status_code == 400 and "已确定过延迟答复的期限" in text_of(again)
    extend = act(client, case, "extend", on=day(23), days=10, reason="档案多")
    assert extend.status_code == 400 and "不能再延期答复" in text_of(extend)


@pytest.mark.parametrize(
    ("due_on", "message"),
    [
        ("2026-03-27", "应晚于当前答复期限（2026-03-30（星期一））"),
        ("2026-05-29", "超出合理期限上限：自收到申请起60个工作日，即2026-05-28（星期四）"),
    ],
)
def test_a_fixed_date_not_later_or_beyond_the_bound_is_refused(client, cast, case, due_on, message):
    client.force_login(cast.clerk)
    ask(client, case)
    act(client, case, "art35_reason_record", on=day(12), verdict="reasonable", text="研究")
    refused = act(client, case, "art35_delay", on=day(20), due_on=due_on, reason="档案多")
    assert refused.status_code == 400 and message in text_of(refused)
    case.refresh_from_db()
    assert case.due_on == date(2026, 3, 30)
    assert not IssuedLetter.objects.filter(application=case, kind="art35_delay").exists()


def test_refusals_of_the_reason_record_name_the_problem(client, cast, case):
    client.force_login(cast.clerk)
    early = act(client, case, "art35_reason_record", on=day(10), verdict="reasonable", text="研究")
    assert early.status_code == 400 and "本申请未要求申请人说明理由" in text_of(early)
    no_delay = act(client, case, "art35_delay", on=day(10), due_on="2026-04-30", reason="档案多")
    assert no_delay.status_code == 400 and "须先要求申请人说明理由并认定理由合理" in text_of(no_delay)
    ask(client, case)
    before = act(client, case, "art35_reason_record", on=day(6), verdict="reasonable", text="研究")
    assert before.status_code == 400 and "不能早于说明理由通知书的日期（2026-03-09）" in text_of(before)
    none_yet = act(client, case, "art35_reason_record", on=day(16), verdict="none_given", text="")
    assert none_yet.status_code == 400 and "说明理由期限（2026-03-16）尚未届满" in text_of(none_yet)
    empty = act(client, case, "art35_reason_record", on=day(12), verdict="unreasonable", text=" ")
    assert empty.status_code == 400 and "请填写申请人说明的理由" in text_of(empty)
    assert not AuditEntry.objects.filter(action="application.art35_reason_closed").exists()


def test_an_unreasonable_reason_is_refused_quoting_it(client, cast, case):
    client.force_login(cast.clerk)
    without = act(client, case, "decide", on=day(20), ground="35", reason="申请量过大")
    assert without.status_code == 400 and "须先要求申请人说明理由" in text_of(without)
    ask(client, case)
    act(client, case, "art35_reason_record", on=day(12), verdict="unreasonable", text="就是想看看")
    assert (
        act(client, case, "decide", on=day(20), ground="35", reason="三件申请内容高度重复").status_code == 302
    )
    approve(client, cast, case, on=day(20))
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("answered", "not_processed_excessive")
    answer = IssuedLetter.objects.get(application=case, kind="answer")
    for text in (docx_text(answer), pdf_text(answer)):
        assert "您于2026年3月12日说明的理由为“就是想看看”，本机关认为该理由不合理" in text
        assert "第三十五条的规定，本机关不予处理" in text
    closed = act(client, case, "art35_delay", on=day(23), due_on="2026-04-30", reason="档案多")
    assert closed.status_code == 400 and "不能进行此操作" in text_of(closed)


def test_no_reason_by_the_date_is_refused_saying_so(client, cast, case):
    client.force_login(cast.clerk)
    ask(client, case)
    assert (
        act(client, case, "art35_reason_record", on=day(17), verdict="none_given", text="").status_code == 302
    )
    reasonable = act(client, case, "art35_delay", on=day(18), due_on="2026-04-30", reason="档案多")
    assert reasonable.status_code == 400 and "认定理由合理" in text_of(reasonable)
    assert (
        act(client, case, "decide", on=day(20), ground="35", reason="三件申请内容高度重复").status_code == 302
    )
    approve(client, cast, case, on=day(20))
    answer = IssuedLetter.objects.get(application=case, kind="answer")
    assert "您未在2026年3月16日前说明理由" in docx_text(answer)


def test_a_reasonable_reason_cannot_be_refused_and_changes_nothing_else(client, cast, case):
    client.force_login(cast.clerk)
    ask(client, case)
    act(client, case, "art35_reason_record", on=day(12), verdict="reasonable", text="研究")
    case.refresh_from_db()
    assert case.due_on == date(2026, 3, 30)
    refused = act(client, case, "decide", on=day(20), ground="35", reason="量大")
    assert refused.status_code == 400 and "已认定申请人说明的理由合理" in text_of(refused)


def test_with_the_setting_the_wait_pauses_the_clock(client, cast, case, settings):
    settings.ART35_REASON_PAUSES_CLOCK = True
    client.force_login(cast.clerk)
    ask(client, case)
    case.refresh_from_db()
    # 5 used (3-3..3-9); 15 from 3-16: 3-17..20, 23..27, 3-30..4-3 (14), 清明 4-4..6, 4-7.
    assert case.due_on == date(2026, 4, 7)
    act(client, case, "art35_reason_record", on=day(12), verdict="reasonable", text="研究")
    case.refresh_from_db()
    assert case.due_on == date(2026, 4, 2)  # 15 from 3-12


def test_the_notices_go_through_approval_where_the_body_asks(client, cast, case):
    AnswerSettings.objects.create(body=case.body, notices_need_approval=True)
    client.force_login(cast.clerk)
    assert ask(client, case).status_code == 302
    assert not IssuedLetter.objects.filter(application=case, kind="art35_reason").exists()
    approve(client, cast, case, on=day(10))
    letter = IssuedLetter.objects.get(application=case, kind="art35_reason")
    assert letter.issued_on == date(2026, 3, 10) and "2026年3月16日前" in docx_text(letter)


def test_the_delay_notice_goes_through_approval(client, cast, weasyprint_available):
    """拟办 is checked as of today (what 签发 today would refuse), so this case is a recent one."""
    today = timezone.localdate()
    registered = register(cast, received_on=today - timedelta(days=2), today=today)
    recent = application_assign(actor=cast.head, application=registered, clerk=cast.clerk, today=today)
    AnswerSettings.objects.create(body=recent.body, notices_need_approval=True)
    client.force_login(cast.clerk)
    later = (today + timedelta(days=5)).isoformat()
    act(client, recent, "art35_reason", on=today.isoformat(), grounds="一月内申请20件", reply_by=later)
    approve(client, cast, recent, on=today.isoformat())
    act(client, recent, "art35_reason_record", on=today.isoformat(), verdict="reasonable", text="研究")
    recent.refresh_from_db()
    fixed = recent.due_on + timedelta(days=3)
    proposed = act(
        client, recent, "art35_delay", on=today.isoformat(), due_on=fixed.isoformat(), reason="档案多"
    )
    assert proposed.status_code == 302
    recent.refresh_from_db()
    assert recent.due_on == fixed - timedelta(days=3)  # nothing changes before 签发
    approve(client, cast, recent, on=today.isoformat())
    recent.refresh_from_db()
    assert recent.due_on == fixed
    assert recent.letters.filter(kind="art35_delay").count() == 1


def test_the_steps_through_the_api(client, cast, case):
    client.force_login(cast.clerk)
    url = f"/api/v1/bodies/donghu/applications/{case.number}/actions"
    asked = client.post(
        f"{url}/art35_reason",
        {"on": day(9), "grounds": "一月内申请20件", "reply_by": day(16)},
        content_type="application/json",
    )
    assert asked.status_code == 200, asked.content.decode()
    early = client.post(
        f"{url}/art35_reason_record",
        {"on": day(6), "verdict": "reasonable", "text": "研究"},
        content_type="application/json",
    )
    assert early.status_code == 400 and "不能早于说明理由通知书的日期" in early.json()["detail"]
    client.post(
        f"{url}/art35_reason_record",
        {"on": day(12), "verdict": "reasonable", "text": "研究"},
        content_type="application/json",
    )
    fixed = client.post(
        f"{url}/art35_delay",
        {"on": day(20), "due_on": "2026-04-30", "reason": "档案多"},
        content_type="application/json",
    )
    assert fixed.status_code == 200 and fixed.json()["due_on"] == "2026-04-30"
