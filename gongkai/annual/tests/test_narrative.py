"""一、五、六 drafted from the records and the 工作台账: numbers read back from the DOCX, placeholders
block signing, and a text repeating last year's report needs the reviewer's confirmation."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual import services
from gongkai.annual.ledger import ledger_entry_add
from gongkai.annual.narrative import PLACEHOLDER, placeholders_left
from gongkai.applications.tests.test_register import register
from gongkai.common.services import ServiceError

TODAY = date(2027, 1, 12)


def docx_paragraphs(data: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return int(match.group(1))


def test_the_demo_reports_have_no_placeholder_and_each_sub_part_reads_back_to_the_records(db):
    from django.core.management import call_command

    from gongkai.annual.models import AnnualReportVersion, LedgerEntry
    from gongkai.annual.rendering import render_report
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.publishing.models import Publication, PublicationVersion, SensitiveHit
    from gongkai.registry.calendar_store import current_calendar

    call_command("load_demo", stdout=io.StringIO())
    published = AnnualReportVersion.objects.filter(year=2025, status="published").select_related("body")
    assert published.count() == 6
    for version in published:
        body = version.body
        assert placeholders_left(version.sections) == [], body.code
        paragraphs = docx_paragraphs(render_report(body, 2025, "docx"))
        part = {p[:3]: p for p in paragraphs if re.match(r"（[一二三四五]）", p)}
        assert sorted(part) == ["（一）", "（三）", "（二）", "（五）", "（四）"], body.code
        assert (
            number(r"主动公开政府信息(\d+)条", part["（一）"])
            == Publication.objects.filter(body=body, first_published_on__year=2025).count()
        )
        decided = Application.objects.filter(body=body, decided_on__year=2025)
        assert (
            number(r"新收政府信息公开申请(\d+)件", part["（二）"])
            == Application.objects.filter(body=body, received_on__year=2025).count()
        )
        assert number(r"作出答复(\d+)件", part["（二）"]) == decided.count()
        on_time = sum(1 for a in decided if a.decided_on <= a.due_on)
        assert number(r"按期答复(\d+)件", part["（二）"]) == on_time
        assert number(r"超期答复(\d+)件", part["（二）"]) == decided.count() - on_time
        calendar = current_calendar()
        days = [calendar.working_days_between(a.received_on, a.decided_on) for a in decided]
        assert Decimal(re.search(r"平均用时([\d.]+)个工作日", part["（二）"]).group(1)) == (
            Decimal(sum(days)) / len(days)
        ).quantize(Decimal("0.1"))
        events = ClockEvent.objects.filter(application__body=body, on__year=2025)
        assert (
            number(r"征求第三方意见(\d+)件", part["（二）"])
            == events.filter(kind="consultation_sent").count()
        )
        assert (
            number(r"发出补正告知(\d+)件", part["（二）"])
            == events.filter(kind="supplement_requested").count()
        )
        assert (
            number(r"经保密审查后发布(\d+)条", part["（三）"])
            == PublicationVersion.objects.filter(publication__body=body, published_on__year=2025).count()
        )
        hits = SensitiveHit.objects.filter(
            version__publication__body=body, version__published_on__year=2025, resolution="masked"
        )
        masked = re.search(r"遮盖(\d+)处", part["（三）"])
        assert (int(masked.group(1)) if masked else 0) == hits.count(), body.code
        ledger = LedgerEntry.objects.filter(body=body, year=2025)
        for entry in ledger.filter(kind="platform"):
            assert entry.title in part["（四）"]
        meetings, trainings = ledger.filter(kind="leading_group"), ledger.filter(kind="training")
        assert number(r"召开领导小组会议(\d+)次", part["（五）"]) == meetings.count()
        assert number(r"开展政务公开培训(\d+)次", part["（五）"]) == trainings.count()
        assert number(r"累计参训(\d+)人次", part["（五）"]) == sum(t.attendees for t in trainings)
        if body.code in ("district", "donghu", "nanmen"):  # people's governments and 街道: art. 50(4)
            assert "社会评议：" in part["（五）"] and "责任追究：" in part["（五）"]
        text = "\n".join(paragraphs)
        # No 2024 report was published in the demo: nothing is said of last year's report.
        assert "上年度年报经核查" not in text
        if not events.filter(kind="fee_paid").exists():
            assert "本年度未收取信息处理费。" in text
        for entry in ledger.filter(kind__in=["improvement", "proposals"]):
            assert entry.title in text


def _draft_reviewed(cast, year=2026):
    register(cast, received_on=date(year, 3, 2), today=TODAY)
    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=year)
    return version


def test_signing_is_refused_while_a_placeholder_or_an_unconfirmed_sentence_remains(cast):
    version = _draft_reviewed(cast)
    assert "【待确认】本年度工作台账未记录政务公开培训" in version.sections[0][1]
    services.report_review(actor=cast.reviewer, version=version, today=TODAY)
    with pytest.raises(ServiceError) as refused:
        services.report_publish(actor=cast.head, version=version, today=TODAY)
    messages = "".join(refused.value.messages)
    assert "尚待补充或确认：一、总体情况：“【待确认】本年度工作台账未记录政务公开培训" in messages
    assert "二、主动公开政府信息情况：“（请补充公开的重点领域和方式。）”" in messages
    services.report_return(actor=cast.reviewer, version=version, today=TODAY, reason="补充")
    # One placeholder left out of many is still refused.
    sections = [[h, PLACEHOLDER.sub("本年度未开展此项工作。", t)] for h, t in version.sections]
    sections[5][1] += "其他事项：（如有，请补充。）"
    services.report_sections_save(actor=cast.clerk, version=version, sections=sections)
    services.report_review(actor=cast.reviewer, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="如有，请补充"):
        services.report_publish(actor=cast.head, version=version, today=TODAY)
    services.report_return(actor=cast.reviewer, version=version, today=TODAY, reason="补充")
    sections[5][1] = sections[5][1].replace("其他事项：（如有，请补充。）", "")
    services.report_sections_save(actor=cast.clerk, version=version, sections=sections)
    services.report_review(actor=cast.reviewer, version=version, today=TODAY)
    assert services.report_publish(actor=cast.head, version=version, today=TODAY).status == "published"


def test_a_ledger_number_the_records_no_longer_bear_out_blocks_signing(cast):
    for month in (3, 9):
        ledger_entry_add(
            actor=cast.clerk,
            body=cast.body,
            kind="training",
            on=date(2026, month, 5),
            title="政务公开培训",
            attendees=30,
            today=TODAY,
        )
    version = _draft_reviewed(cast)
    assert "开展政务公开培训2次，累计参训60人次" in version.sections[0][1]
    sections = [[h, PLACEHOLDER.sub("本年度未开展此项工作。", t)] for h, t in version.sections]
    sections[0][1] = sections[0][1].replace("累计参训60人次", "累计参训90人次")
    services.report_sections_save(actor=cast.clerk, version=version, sections=sections)
    services.report_review(actor=cast.reviewer, version=version, today=TODAY)
    with pytest.raises(ServiceError, match="累计参训90人次.*台账记录的培训参加人数为60"):
        services.report_publish(actor=cast.head, version=version, today=TODAY)


def _publish_with_ledger(cast, year: int, titles: list[str], sections=None):
    for i, title in enumerate(titles):
        for kind in ("leading_group", "training", "platform", "work_points", "inspection", "evaluation"):
            ledger_entry_add(
                actor=cast.clerk,
                body=cast.body,
                kind=kind,
                on=date(year, 2 + i, 10),
                title=f"{title}（{kind}）",
                attendees=10 + i,
                today=TODAY,
            )
    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=year)
    text = sections or [[h, PLACEHOLDER.sub("本年度未开展此项工作。", t)] for h, t in version.sections]
    services.report_sections_save(actor=cast.clerk, version=version, sections=text)
    return version


def test_a_report_copied_from_last_year_needs_the_reviewer_to_confirm_the_repeated_passages(cast):
    from gongkai.auditlog.models import AuditEntry

    last = _publish_with_ledger(cast, 2025, ["召开会议研究部署全年政务公开重点任务和责任分工"])
    last.refresh_from_db()
    services.report_review(actor=cast.reviewer, version=last, today=TODAY)
    services.report_publish(actor=cast.head, version=last, today=TODAY)
    # 2026: the clerk pastes last year's text over the draft, changing only the year.
    copied = [[h, t.replace("2025年", "2026年")] for h, t in last.sections]
    this = _publish_with_ledger(cast, 2026, [], sections=copied)
    with pytest.raises(ServiceError) as refused:
        services.report_review(actor=cast.reviewer, version=this, today=TODAY)
    message = "\n".join(refused.value.messages)
    assert "与本机关2025年度年报的相似度为" in message
    assert "召开会议研究部署全年政务公开重点任务和责任分工" in message  # a repeated passage is shown
    this.refresh_from_db()
    assert this.status == "draft"
    services.report_review(actor=cast.reviewer, version=this, today=TODAY, repetition_confirmed=True)
    audit = AuditEntry.objects.filter(action="annual.review").latest("id")
    assert "已核对雷同内容" in audit.summary and audit.after["repeats"][0][0] == "本机关2025年度年报"


def test_a_report_drafted_from_this_years_own_records_is_not_flagged(cast):
    from gongkai.annual.repetition import repetitions

    last = _publish_with_ledger(cast, 2025, ["召开会议研究部署全年政务公开重点任务和责任分工"])
    services.report_review(actor=cast.reviewer, version=last, today=TODAY)
    services.report_publish(actor=cast.head, version=last, today=TODAY)
    this = _publish_with_ledger(
        cast,
        2026,
        ["对照考核指标逐项整改上年检查发现的栏目更新不及时问题", "组织街道各科室学习新修订的保密审查办法"],
    )
    assert repetitions(this) == []


def test_urgings_received_and_replied_are_drafted_and_rechecked(cast):
    """督办 of the year (supervision.urging) in （五）监督保障, its numbers held to the records."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.annual.facts import draft_facts
    from gongkai.annual.ledger import ledger_of
    from gongkai.annual.narrative import overview, quoted_numbers, record_number_findings
    from gongkai.supervision.urging import urging_issue, urging_reply

    today = timezone.localdate()
    case = register(cast, received_on=today - timedelta(days=90), today=today)
    urging = urging_issue(actor=cast.inspector, application=case, note="请尽快答复。", today=today)
    facts = draft_facts(body=cast.body, year=today.year)
    assert facts.urgings == (1, 0)
    ledger = ledger_of(body=cast.body, year=today.year)
    text = overview(
        body_name="东湖街道", year=today.year, facts=facts, ledger=ledger, values={}, level="township"
    )
    oversight = next(line for line in text.splitlines() if line.startswith("（五）监督保障。"))
    assert "收到上级机关对逾期申请的督办1件，已回复办理情况0件。" in oversight
    urging_reply(actor=cast.clerk, urging=urging, reply="已答复。", today=today)
    replied = draft_facts(body=cast.body, year=today.year)
    assert replied.urgings == (1, 1)
    # The text drafted before the reply no longer agrees with the records.
    findings = record_number_findings([text], quoted_numbers(replied, ledger, {}))
    assert [f.code for f in findings] == ["TEXT-NUMBER"] and "已回复的督办" in findings[0].message
