"""A year of cases with known outcomes, including carry-over both ways and the 31 Dec / 1 Jan edges."""

from datetime import date

from gongkai.applications.appeals import appeal_conclude, appeal_record
from gongkai.applications.models import Application
from gongkai.applications.statistics import table2_counts, table3_counts
from gongkai.applications.tests.test_register import person, register

TODAY = date(2027, 3, 1)
ORG_ID = "91350100M000100Y43"


def case(cast, received, decided=None, outcome="", kind="natural_person"):
    applicant = (
        person()
        if kind == "natural_person"
        else person(kind=kind, id_document_type="credit_code", id_document_number=ORG_ID)
    )
    application = register(cast, received_on=received, today=TODAY, applicant=applicant)
    if decided:
        # Decisions are written straight to the row here: this test is about counting, not handling.
        Application.objects.filter(pk=application.pk).update(
            decided_on=decided, outcome=outcome, status="answered"
        )
    return application


def test_table_2_of_2026(cast):
    case(cast, date(2025, 12, 20), date(2026, 1, 5), "granted")  # carried in, decided in 2026
    case(cast, date(2025, 12, 30), date(2025, 12, 31), "granted")  # decided in 2025: not in 2026 at all
    case(cast, date(2026, 1, 1), date(2026, 1, 20), "partial", kind="commercial")
    case(cast, date(2026, 6, 1), date(2026, 12, 31), "withheld_state_secret")  # decided on 31 Dec
    case(cast, date(2026, 12, 30), date(2027, 1, 1), "granted")  # decided on 1 Jan: carried out
    case(cast, date(2026, 12, 31))  # still open: carried out
    case(cast, date(2027, 1, 2))  # next year: not counted
    case(cast, date(2026, 3, 3), date(2026, 3, 20), "other_no_supplement", kind="legal_service")

    # By hand: new = received in 2026 (1 Jan commercial, 3 Mar legal service, 1 Jun, 30 Dec, 31 Dec) = 5;
    # carried in = the 20 Dec 2025 case; decided in 2026 = 4; carried out = 30 Dec (answered 1 Jan) + 31 Dec = 2.
    table = table2_counts(body=cast.body, year=2026)
    assert table["new"] == {
        "natural_person": 3,
        "commercial": 1,
        "research": 0,
        "public_interest": 0,
        "legal_service": 1,
        "other_organisation": 0,
        "total": 5,
    }
    assert table["carried_in"]["natural_person"] == 1 and table["carried_in"]["total"] == 1
    assert table["granted"]["total"] == 1
    assert table["partial"]["commercial"] == 1
    assert table["withheld_state_secret"]["natural_person"] == 1
    assert table["other_no_supplement"]["legal_service"] == 1
    assert table["total"]["total"] == 4
    assert table["carried_out"]["natural_person"] == 2 and table["carried_out"]["total"] == 2
    for column in table["new"]:  # 一 + 二 = 三（七） + 四, column by column
        assert (
            table["new"][column] + table["carried_in"][column]
            == table["total"][column] + table["carried_out"][column]
        )
    assert table2_counts(body=cast.other_body, year=2026)["new"]["total"] == 0


def appeal(cast, kind, filed, result=None, concluded=None):
    a = appeal_record(
        actor=cast.clerk, body=cast.body, kind=kind, filed_on=filed, authority="区政府", today=TODAY
    )
    if result:
        appeal_conclude(actor=cast.clerk, appeal=a, result=result, concluded_on=concluded, today=TODAY)
    return a


def test_table_3_counts_results_known_by_the_year_end(cast):
    appeal(cast, "review", date(2026, 2, 1), "upheld", date(2026, 4, 1))
    appeal(
        cast, "review", date(2026, 5, 1), "corrected", date(2027, 1, 15)
    )  # concluded after the year: pending
    appeal(cast, "litigation_direct", date(2026, 7, 1))
    appeal(
        cast, "litigation_after_review", date(2025, 11, 1), "other", date(2026, 2, 1)
    )  # filed the year before
    table = table3_counts(body=cast.body, year=2026)
    assert table["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert table["litigation_direct"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert table["litigation_after_review"]["total"] == 0


def test_an_earlier_year_appeal_concluded_in_the_year_is_counted_only_when_the_body_chooses_so(
    cast, settings
):
    """filed 2025-11-01, concluded 2026-02-01 (纠正): reported 尚未审结 in 2025; in 2026 by the setting."""
    appeal(cast, "review", date(2025, 11, 1), "corrected", date(2026, 2, 1))
    appeal(cast, "review", date(2024, 6, 1), "upheld", date(2025, 3, 1))  # 2024's, concluded in 2025
    appeal(cast, "review", date(2025, 12, 1))  # still pending: stays in 2025 only

    settings.T3_EARLIER_APPEALS = "not_counted"
    assert table3_counts(body=cast.body, year=2026)["review"]["total"] == 0
    assert table3_counts(body=cast.body, year=2025)["review"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 0,
        "pending": 2,
        "total": 2,
    }

    settings.T3_EARLIER_APPEALS = "when_concluded"
    table = table3_counts(body=cast.body, year=2026)["review"]
    assert table == {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    # 2025 keeps its two pending appeals and gains 2024's appeal under its result
    assert table3_counts(body=cast.body, year=2025)["review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 2,
        "total": 3,
    }
    # the cell's drill-down lists the same appeal the count counted
    from gongkai.applications.statistics import t3_cell

    assert [a.filed_on for a in t3_cell(body=cast.body, year=2026, column="review.corrected")] == [
        date(2025, 11, 1)
    ]
