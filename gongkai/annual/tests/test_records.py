"""Checks only the records allow: every case counted once (REC-ONCE), carry-over as published
(REC-CARRY), and a published year locked against new or changed cases until a correction draft."""

from datetime import date

import pytest

from gongkai.annual.models import AnnualReportVersion
from gongkai.annual.selectors import computed_report, year_locked
from gongkai.annual.services import check_version, report_draft_create
from gongkai.applications.handling import application_decide
from gongkai.applications.models import Application, ClockEvent, IssuedLetter
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.core.reports.layouts import T2_COLUMNS

TODAY = date(2027, 3, 1)
LOCKED = "2026年度年报已发布，该年度数据已锁定；如需更正，请先起草更正版本"


def case(cast, received, decided=None, outcome="granted"):
    application = register(cast, received_on=received, today=TODAY)
    if decided:
        Application.objects.filter(pk=application.pk).update(
            decided_on=decided, outcome=outcome, status="answered"
        )
    return application


def findings(cast, code, year=2026):
    _, found = computed_report(body=cast.body, year=year)
    return [f for f in found if f.code == code]


def published(cast, year, carried_out=0, version=1):
    """A published version whose 四 is `carried_out` 自然人 cases."""
    tables = {f"t2|carried_out|{column}": "0" for column in T2_COLUMNS}
    tables.update(
        {"t2|carried_out|natural_person": str(carried_out), "t2|carried_out|total": str(carried_out)}
    )
    return AnnualReportVersion.objects.create(
        body=cast.body, year=year, version=version, status="published", published_on=TODAY, tables=tables
    )


def test_clean_records_raise_no_record_finding(cast):
    case(cast, date(2025, 12, 20), date(2026, 1, 5))
    case(cast, date(2026, 3, 2))
    assert findings(cast, "REC-ONCE") == [] and findings(cast, "REC-CARRY") == []


def test_a_case_in_no_row_and_a_case_answered_before_it_arrived_are_named(cast):
    case(cast, date(2026, 3, 2), date(2026, 3, 20))  # fine
    no_outcome = case(cast, date(2026, 4, 1))
    Application.objects.filter(pk=no_outcome.pk).update(decided_on=date(2026, 4, 10))  # a date, no outcome
    unknown = case(cast, date(2026, 5, 1), date(2026, 5, 9), outcome="granted_maybe")  # not a coded outcome
    early = case(cast, date(2027, 1, 5), date(2026, 12, 20))  # answered before it was received
    found = findings(cast, "REC-ONCE")
    assert [f.severity for f in found] == ["error", "error", "error"]
    assert found[0].message == (
        f"2026年度有2件申请既未计入任何办理结果，也未结转下年度：{no_outcome.number}、{unknown.number}。"
        "请核对其答复日期和办理结果。"
    )
    assert early.number in found[1].message and "1件" in found[1].message
    # The outcome rows sum to 1 (+ 0 carried out) for 2 new cases: 自然人 and 总计 columns disagree.
    assert found[2].cells == [("t2", "total", "natural_person"), ("t2", "total", "total")]


def test_an_uncounted_case_stops_signing(cast):
    no_outcome = case(cast, date(2026, 4, 1))
    Application.objects.filter(pk=no_outcome.pk).update(decided_on=date(2026, 4, 10))
    version = report_draft_create(actor=cast.clerk, body=cast.body, year=2026)
    assert "REC-ONCE" in [f.code for f in check_version(version) if f.severity == "error"]


def test_carry_over_must_match_last_years_published_report(cast):
    case(cast, date(2025, 12, 20), date(2026, 1, 5))  # carried from 2025 into 2026
    published(cast, 2025, carried_out=1)
    assert findings(cast, "REC-CARRY") == []
    published(cast, 2025, carried_out=2, version=2)  # a correction of 2025 now says 2
    [finding] = findings(cast, "REC-CARRY")
    assert finding.message.startswith(
        "本年“上年结转”为1件，与已发布的2025年度年报（第2版）“结转下年度继续办理”2件不一致"
    )
    assert ("t2", "carried_in", "total") in finding.cells and (
        "t2",
        "carried_in",
        "natural_person",
    ) in finding.cells
    assert findings(cast, "REC-CARRY", year=2025) == []  # no published 2024 report to compare with


def counts():
    return (
        Application.objects.count(),
        ClockEvent.objects.count(),
        IssuedLetter.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_published_year_refuses_new_cases_until_a_correction_is_drafted(cast):
    case(cast, date(2026, 3, 2))
    assert not year_locked(cast.body, 2026)
    published(cast, 2026)
    assert year_locked(cast.body, 2026) and not year_locked(cast.body, 2027)
    assert not year_locked(cast.other_body, 2026)
    before = counts()
    with pytest.raises(ServiceError) as refused:
        register(cast, received_on=date(2026, 12, 30), today=TODAY)  # a letter posted in December
    assert refused.value.messages == [LOCKED]
    assert counts() == before  # nothing half written: no case, no ledger entry, no audit entry
    register(cast, received_on=date(2027, 1, 4), today=TODAY)  # the next year is open
    register(cast, body=cast.other_body, received_on=date(2026, 12, 30), today=TODAY)  # another body's is too
    report_draft_create(actor=cast.clerk, body=cast.body, year=2026, reason="补登12月30日收到的申请")
    assert not year_locked(cast.body, 2026)
    assert register(cast, received_on=date(2026, 12, 30), today=TODAY).year == 2026


def decide(cast, application, on):
    return application_decide(
        actor=cast.clerk,
        application=application,
        outcome_code="granted",
        on=on,
        access="当面领取",
        today=TODAY,
    )


def test_a_published_year_refuses_a_decision_dated_in_it(cast, weasyprint_available):
    open_case = case(cast, date(2026, 12, 1))
    published(cast, 2026)
    before = counts()
    with pytest.raises(ServiceError) as refused:
        decide(cast, open_case, date(2026, 12, 31))
    assert refused.value.messages == [LOCKED] and counts() == before
    open_case.refresh_from_db()
    assert (open_case.status, open_case.outcome, open_case.decided_on) == ("registered", "", None)
    # Answered in 2027, the carried-over case changes nothing of 2026: allowed.
    decide(cast, open_case, date(2027, 1, 6))
    open_case.refresh_from_db()
    assert (open_case.outcome, open_case.decided_on) == ("granted", date(2027, 1, 6))


def test_the_registration_page_shows_the_lock(client, cast, monkeypatch):
    from django.utils import timezone

    from gongkai.applications.tests.test_register import public_form

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    published(cast, 2026)
    client.force_login(cast.clerk)
    response = client.post(
        "/bodies/donghu/applications/new/", public_form(channel="post", received_on="2026-12-30")
    )
    assert response.status_code == 400 and LOCKED in response.content.decode()
    assert Application.objects.count() == 0


def test_the_daily_job_leaves_a_case_whose_closing_day_is_in_a_locked_year(cast, weasyprint_available):
    from gongkai.applications import handling

    case = register(cast, received_on=date(2026, 3, 2), today=date(2026, 3, 4))
    letter = handling.supplement_request(
        actor=cast.clerk,
        application=case,
        on=date(2026, 3, 4),
        missing="年份",
        working_days=10,
        today=date(2026, 3, 4),
    )
    handling.delivery_record(
        actor=cast.clerk,
        letter=letter,
        channel="in_person",
        delivered_on=date(2026, 3, 4),
        today=date(2026, 3, 4),
    )
    published(cast, 2026)  # the job did not run before 2026's report was published; it would close on 3-19
    assert handling.close_abandoned(today=date(2027, 2, 1)) == []
    case.refresh_from_db()
    assert (case.status, case.decided_on) == ("awaiting_supplement", None)
    report_draft_create(actor=cast.clerk, body=cast.body, year=2026, reason="补记3月19日终止的申请")
    [closed] = handling.close_abandoned(today=date(2027, 2, 1))
    assert closed.decided_on == date(2026, 3, 19)
