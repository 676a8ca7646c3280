"""Each number of tables 2 and 3 opens the list of exactly the records counted in it."""

from datetime import date

import pytest

from gongkai.annual.cells import cell_records
from gongkai.annual.selectors import report_values
from gongkai.applications.appeals import appeal_conclude, appeal_record
from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import person, register
from gongkai.core.reports.layouts import LAYOUTS

TODAY = date(2027, 3, 1)
ORG_ID = "91350100M000100Y43"


@pytest.fixture
def cases(cast):
    made = {}
    for name, received, decided, outcome, kind in [
        ("carried", date(2025, 12, 20), date(2026, 1, 5), "granted", "natural_person"),
        ("partial", date(2026, 3, 2), date(2026, 3, 20), "partial", "commercial"),
        ("fee", date(2026, 5, 6), date(2026, 5, 20), "other_fee_unpaid", "natural_person"),
        ("open", date(2026, 12, 31), None, "", "natural_person"),
        ("next", date(2027, 1, 2), None, "", "natural_person"),
    ]:
        applicant = (
            person()
            if kind == "natural_person"
            else person(kind=kind, id_document_type="credit_code", id_document_number=ORG_ID)
        )
        made[name] = register(cast, received_on=received, today=TODAY, applicant=applicant)
        if decided:
            Application.objects.filter(pk=made[name].pk).update(
                decided_on=decided, outcome=outcome, status="answered"
            )
    for filed, concluded in [(date(2026, 4, 1), date(2026, 6, 1)), (date(2026, 8, 1), None)]:
        review = appeal_record(
            actor=cast.clerk, body=cast.body, kind="review", filed_on=filed, authority="区政府", today=TODAY
        )
        if concluded:
            appeal_conclude(
                actor=cast.clerk, appeal=review, result="upheld", concluded_on=concluded, today=TODAY
            )
    return made


@pytest.mark.parametrize(
    "year", [2026, 2020]
)  # the 2021 format, and the 2019 one with its single 其他处理 row
def test_every_cell_lists_as_many_records_as_its_number(cast, cases, year):
    _, values = report_values(body=cast.body, year=year)
    checked = 0
    for (table, row, column), value in values.items():
        if table == "t1":
            continue
        records = cell_records(body=cast.body, year=year, table=table, row=row, column=column)
        assert records.count() == value, (table, row, column)
        checked += 1
    assert checked == (len([k for k in values if k[0] == "t2"]) + 15)


def numbers(page: str, cases) -> set[str]:
    return {case.number for case in Application.objects.all() if case.number in page}


def test_a_cell_page_shows_exactly_its_cases(client, cast, cases):
    client.force_login(cast.inspector)
    page = client.get("/bodies/donghu/annual/2026/cell/t2/new/natural_person/").content.decode()
    assert numbers(page, cases) == {cases["fee"].number, cases["open"].number}
    assert "共<strong>2</strong>件" in page and "一、本年新收政府信息公开申请数量 / 自然人" in page
    page = client.get("/bodies/donghu/annual/2026/cell/t2/carried_out/total/").content.decode()
    assert numbers(page, cases) == {cases["open"].number}
    page = client.get("/bodies/donghu/annual/2020/cell/t2/other/total/").content.decode()
    assert numbers(page, cases) == set()
    page = client.get("/bodies/donghu/annual/2026/cell/t2/other_fee_unpaid/total/").content.decode()
    assert numbers(page, cases) == {cases["fee"].number} and "2026-05-20" in page
    page = client.get("/bodies/donghu/annual/2026/cell/t3/appeals/review.pending/").content.decode()
    assert "共<strong>1</strong>件" in page and "2026-08-01" in page and "2026-04-01" not in page


def test_the_report_links_every_number_to_its_cell(client, cast, cases):
    client.force_login(cast.clerk)
    page = client.get("/bodies/donghu/annual/2026/").content.decode()
    assert '<a href="/bodies/donghu/annual/2026/cell/t2/new/total/">3</a>' in page
    assert '<a href="/bodies/donghu/annual/2026/cell/t2/partial/commercial/">1</a>' in page
    assert '<a href="/bodies/donghu/annual/2026/cell/t3/appeals/review.total/">2</a>' in page
    rows = LAYOUTS["2021"].table("t2").rows
    assert (
        page.count("/annual/2026/cell/t2/") == 7 * len(rows) == 7 * 25
        and page.count("/annual/2026/cell/t3/") == 15
    )


@pytest.mark.parametrize(
    "path",
    [
        "t2/nonsense/total",
        "t2/new/martian",
        "t2/other/total",  # the 2019 format's row does not exist in a 2026 report
        "t1/licensing/decisions",
        "t3/appeals/review.maybe",
        "t3/appeals/review",
        "t3/other/review.total",
    ],
)
def test_an_unknown_cell_is_404_with_a_chinese_message(client, cast, path):
    client.force_login(cast.clerk)
    response = client.get(f"/bodies/donghu/annual/2026/cell/{path}/")
    assert response.status_code == 404 and "年报表格中没有这个单元格" in response.content.decode()
