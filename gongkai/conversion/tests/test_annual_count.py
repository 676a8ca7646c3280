"""The annual report's text counts the cases turned to 主动公开 in the year (条例第四十四条), only
when there were some, and the number is held to the records like the other drafted numbers."""

from gongkai.annual.facts import draft_facts
from gongkai.annual.ledger import ledger_of
from gongkai.annual.narrative import overview, quoted_numbers, record_number_findings
from gongkai.conversion.services import application_join_proactive
from gongkai.conversion.tests.test_turn import TODAY, column, turn, two_like  # noqa: F401 (fixture)

YEAR = TODAY.year


def on_request_part(cast, facts) -> str:
    text = overview(
        body_name="东湖街道",
        year=YEAR,
        facts=facts,
        ledger=ledger_of(body=cast.body, year=YEAR),
        values={},
        level="township",
    )
    return next(line for line in text.splitlines() if line.startswith("（二）依申请公开。"))


def test_turned_cases_are_counted_and_held_to_the_records(cast, column, weasyprint_available):  # noqa: F811
    first, second = two_like(cast)
    assert "转为主动公开" not in on_request_part(cast, draft_facts(body=cast.body, year=YEAR))
    publication = turn(cast, first, column)
    one = draft_facts(body=cast.body, year=YEAR)
    assert one.turned_proactive == 1
    text = on_request_part(cast, one)
    assert text.endswith("，依申请公开转为主动公开1件。")
    ledger = ledger_of(body=cast.body, year=YEAR)
    assert not record_number_findings([text], quoted_numbers(one, ledger, {}))
    application_join_proactive(actor=cast.clerk, application=second, publication=publication, today=TODAY)
    two = draft_facts(body=cast.body, year=YEAR)
    assert two.turned_proactive == 2 and draft_facts(body=cast.body, year=YEAR + 1).turned_proactive == 0
    # The text drafted before the second case joined no longer agrees with the records.
    findings = record_number_findings([text], quoted_numbers(two, ledger, {}))
    assert [f.code for f in findings] == ["TEXT-NUMBER"]
    assert "由依申请公开转为主动公开的申请为2" in findings[0].message


def test_the_drafted_report_says_it_and_passes_its_own_check(cast, column, weasyprint_available):  # noqa: F811
    from gongkai.annual import services

    first, second = two_like(cast)
    turn(cast, first, column, also=[second])
    version = services.report_draft_create(actor=cast.clerk, body=cast.body, year=YEAR)
    assert "依申请公开转为主动公开2件" in "".join(text for _, text in version.sections)
    assert not [f for f in services.check_version(version) if f.code == "TEXT-NUMBER"]
