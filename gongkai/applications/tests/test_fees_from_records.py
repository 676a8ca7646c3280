"""按件计收 counts the applicant's requests in the month from the records (109号第四条), not a typed
number; already-published information is not charged by pages (第五条)."""

from datetime import date

from django.utils import timezone

from gongkai.applications.fees import fee_for, requests_earlier_in_month
from gongkai.applications.models import IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_handling import act
from gongkai.applications.tests.test_register import person, register

ORG = person(
    kind="commercial",
    name="某某有限公司",
    id_document_type="credit_code",
    id_document_number="91350100M000100Y43",
)


def on(day: date, cast, body=None, applicant=None):
    return register(
        cast,
        received_on=day,
        today=date(2026, 4, 30),
        body=body or cast.body,
        applicant=applicant or person(),
    )


def test_the_count_is_the_applicants_earlier_requests_in_the_calendar_month_of_receipt(cast, settings):
    on(date(2026, 2, 28), cast)  # the month before: not counted
    first = on(date(2026, 3, 2), cast)
    on(date(2026, 3, 5), cast, applicant=ORG)  # another applicant
    on(date(2026, 3, 6), cast, body=cast.other_body)  # another body
    second = on(date(2026, 3, 9), cast)
    same_day = on(date(2026, 3, 9), cast)
    on(date(2026, 4, 1), cast)  # the month after

    settings.FEE_COUNT_ACROSS_BODIES = False
    assert [requests_earlier_in_month(a) for a in (first, second, same_day)] == [0, 1, 2]
    settings.FEE_COUNT_ACROSS_BODIES = True
    assert [requests_earlier_in_month(a) for a in (first, second, same_day)] == [0, 2, 3]


def test_the_eleventh_request_of_the_month_is_charged_100_yuan(client, cast):
    for n in range(10):
        on(date(2026, 3, 2 + n % 5), cast)
    eleventh = application_assign(
        actor=cast.head, application=on(date(2026, 3, 10), cast), clerk=cast.clerk, today=timezone.localdate()
    )
    assert fee_for(eleventh, method="per_request", pages=None, already_published=False).total == 100
    client.force_login(cast.clerk)
    response = act(client, eleventh, "fee", on="2026-03-11", method="per_request")
    assert response.status_code == 302, response.content.decode()[-800:]
    letter = IssuedLetter.objects.get(application=eleventh, kind="fee_notice")
    assert "第11至11件：1件×100元＝100元" in letter.text and "合计100元" in letter.text


def test_already_published_information_is_not_charged_by_pages_and_nothing_is_written(client, cast):
    case = application_assign(
        actor=cast.head, application=on(date(2026, 3, 2), cast), clerk=cast.clerk, today=timezone.localdate()
    )
    client.force_login(cast.clerk)
    before = IssuedLetter.objects.count()
    response = act(client, case, "fee", on="2026-03-11", method="per_page", pages=250, already_published="on")
    assert response.status_code == 400
    assert "已主动公开，不按量收取信息处理费" in response.content.decode()
    assert IssuedLetter.objects.count() == before
    response = act(client, case, "fee", on="2026-03-11", method="per_page", pages=250)
    assert response.status_code == 302
    assert "合计4700元" in IssuedLetter.objects.get(application=case, kind="fee_notice").text
