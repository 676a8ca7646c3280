"""上年度年报问题整改: last year's published report re-checked as a supervisor's audit checks it,
each finding judged against this year's report, drafted in 五 and held to the records."""

from datetime import date

import pytest

from gongkai.annual import services
from gongkai.annual.models import AnnualReportVersion
from gongkai.annual.narrative import PLACEHOLDER
from gongkai.annual.rectification import last_year_audit
from gongkai.applications.tests.test_register import register
from gongkai.common.services import ServiceError

LATE = date(2026, 3, 10)  # after 1月31日: SIGNED-LATE, a warning that does not stop signing
TODAY = date(2027, 1, 12)


def _filled(version):
    return [[h, PLACEHOLDER.sub("本年度未开展此项工作。", t)] for h, t in version.sections]


def _publish(cast, year: int, today: date, sections=None):
    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=year)
    services.report_sections_save(actor=cast.clerk, version=version, sections=sections or _filled(version))
    services.report_review(actor=cast.reviewer, version=version, today=today, repetition_confirmed=True)
    return services.report_publish(actor=cast.head, version=version, today=today)


def _part5(version) -> str:
    return version.sections[4][1]


def _published_2025_with_a_wrong_number(cast):
    """2025 published late, then its stored text given a number its tables contradict - as a report
    published before the number check stopped signing would read."""
    register(cast, received_on=date(2025, 3, 3), today=date(2025, 3, 3))
    register(cast, received_on=date(2025, 4, 7), today=date(2025, 4, 7))
    last = _publish(cast, 2025, LATE)
    assert last.tables["t2|new|total"] == "2"
    sections = [list(s) for s in last.sections]
    sections[2][1] = sections[2][1].replace("收到政府信息公开申请2件", "收到政府信息公开申请5件")
    assert sections != last.sections
    AnnualReportVersion.objects.filter(pk=last.pk).update(sections=sections)
    return last


def test_no_published_previous_year_no_sentence(cast):
    register(cast, received_on=date(2026, 3, 2), today=date(2026, 3, 2))
    # A 2025 draft that was never published does not count.
    services.report_draft_create(actor=cast.clerk, body=cast.body, year=2025)
    this = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    assert last_year_audit(body=cast.body, year=2026) is None
    assert "上年度年报" not in _part5(this) and "整改" not in _part5(this)


def test_last_years_findings_are_drafted_with_what_is_corrected(cast):
    _published_2025_with_a_wrong_number(cast)
    audit = last_year_audit(body=cast.body, year=2026)
    assert sorted(f.code for f in audit.findings) == ["SIGNED-LATE", "TEXT-NUMBER"]
    number = next(f for f in audit.findings if f.code == "TEXT-NUMBER")
    assert "收到政府信息公开申请5件" in number.message and number.corrected is True
    late = next(f for f in audit.findings if f.code == "SIGNED-LATE")
    assert late.corrected is None  # this year's report is not signed yet

    this = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    assert (
        "上年度年报经核查发现2处问题：落款日期晚于公布期限1处、正文数字与表格不一致1处；"
        "已整改1处，落款日期晚于公布期限1处须本年度年报按期发布后方可整改。"
    ) in _part5(this)
    assert "收到政府信息公开申请5件" not in _part5(this)  # last year's wrong number is not repeated
    assert [f for f in services.check_version(this) if "上年度" in f.message] == []


def test_a_finding_made_again_this_year_is_not_corrected_and_the_sentence_must_say_so(cast):
    _published_2025_with_a_wrong_number(cast)
    register(cast, received_on=date(2026, 3, 2), today=date(2026, 3, 2))
    this = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    sections = _filled(this)
    # The clerk repeats last year's fault: a number the tables contradict.
    sections[2][1] = sections[2][1].replace("收到政府信息公开申请1件", "收到政府信息公开申请4件")
    services.report_sections_save(actor=cast.clerk, version=this, sections=sections)
    audit = last_year_audit(body=cast.body, year=2026, text=[t for _, t in sections])
    assert [f.code for f in audit.still_open] == ["TEXT-NUMBER"]
    messages = [f.message for f in services.check_version(this)]
    assert any("已整改1处" in m and "上年度年报问题已整改为0" in m for m in messages), messages
    services.report_review(actor=cast.reviewer, version=this, today=TODAY, repetition_confirmed=True)
    with pytest.raises(ServiceError, match="上年度年报问题已整改为0"):
        services.report_publish(actor=cast.head, version=this, today=TODAY)


def test_a_previous_year_without_findings_is_said_plainly(cast):
    register(cast, received_on=date(2025, 3, 3), today=date(2025, 3, 3))
    _publish(cast, 2025, date(2026, 1, 20))
    assert last_year_audit(body=cast.body, year=2026).findings == []
    this = services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    assert "上年度年报经核查未发现问题。" in _part5(this)


def test_the_report_page_shows_the_clerk_each_finding_and_its_state(client, cast):
    _published_2025_with_a_wrong_number(cast)
    services.report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/{cast.body.code}/annual/2026/").content.decode()
    assert "上年度年报问题整改" in page
    assert "已整改</strong>：正文数字与表格不一致" in page
    assert "待本年度年报按期发布</strong>：落款日期晚于公布期限" in page
