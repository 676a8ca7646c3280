"""The supervisor's roll-up: exact numbers for a small district, publication on time or late, the
XLSX export, the charts and their text equivalents, and a query count that does not grow per body."""

import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gongkai.annual.models import AnnualFigures, AnnualReportVersion
from gongkai.annual.rollup import charts, rollup
from gongkai.annual.selectors import computed_report
from gongkai.applications.appeals import appeal_record
from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import person, register
from gongkai.bodies.models import Body
from gongkai.publishing.tests.factories import fresh_catalogue

TODAY = date(2027, 4, 10)
ORG_ID = "91350100M000100Y43"


def case(cast, body, received, decided=None, outcome="", kind="natural_person"):
    applicant = (
        person()
        if kind == "natural_person"
        else person(kind=kind, id_document_type="credit_code", id_document_number=ORG_ID)
    )
    application = register(cast, body=body, received_on=received, today=TODAY, applicant=applicant)
    if decided:
        Application.objects.filter(pk=application.pk).update(
            decided_on=decided, outcome=outcome, status="answered"
        )
    return application


def published(body, on, version=1):
    return AnnualReportVersion.objects.create(
        body=body, year=2026, version=version, status="published", published_on=on
    )


@pytest.fixture
def on_today(monkeypatch):
    """The pages see 10 April 2027 as today."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.fixture
def district(cast):
    donghu, czj = cast.body, cast.other_body
    xishan, county = Body.objects.get(code="xishan"), Body.objects.get(code="district")
    case(cast, donghu, date(2025, 12, 20), date(2026, 1, 5), "granted")
    case(cast, donghu, date(2026, 3, 2), date(2026, 3, 20), "partial")
    case(cast, donghu, date(2026, 5, 6), date(2026, 5, 20), "other_fee_unpaid", kind="commercial")
    case(cast, czj, date(2026, 4, 1))  # still open at the year's end
    broken = case(cast, xishan, date(2026, 2, 1))
    # A decision date without an outcome: counted as new, in no outcome row and not carried out.
    Application.objects.filter(pk=broken.pk).update(decided_on=date(2026, 2, 10))
    appeal_record(
        actor=cast.clerk, body=czj, kind="review", filed_on=date(2026, 6, 1), authority="区政府", today=TODAY
    )
    published(donghu, date(2027, 1, 20))  # on time (31 January)
    published(czj, date(2027, 2, 5))  # 5 days late
    published(czj, date(2027, 3, 1), version=2)  # a correction does not change the first publication
    return {"donghu": donghu, "czj": czj, "xishan": xishan, "district": county}


def ids(cast):
    from gongkai.bodies.selectors import inspected_body_ids

    return inspected_body_ids(user=cast.inspector, on=TODAY) | {cast.office.id}


def test_the_rollup_counts_every_body_exactly(cast, district):
    r = rollup(body_ids=ids(cast), year=2026, today=TODAY)
    lines = {line.body.code: line for line in r.lines}
    assert len(lines) == 7
    assert (lines["donghu"].publication, lines["donghu"].published_on, lines["donghu"].days_late) == (
        "按时发布",
        date(2027, 1, 20),
        0,
    )
    assert (lines["czj"].publication, lines["czj"].published_on, lines["czj"].days_late) == (
        "逾期发布",
        date(2027, 2, 5),
        5,
    )
    # The district government's own report is due on 31 March; 10 days overdue on 10 April.
    assert (lines["district"].publication, lines["district"].deadline, lines["district"].days_late) == (
        "逾期未发布",
        date(2027, 3, 31),
        10,
    )
    assert lines["xishan"].deadline == date(2027, 1, 31) and lines["xishan"].days_late == 69
    donghu = lines["donghu"].table2
    assert [donghu[row]["total"] for row in ("new", "carried_in", "total", "carried_out")] == [2, 1, 3, 0]
    assert donghu["other_fee_unpaid"]["commercial"] == 1
    assert lines["czj"].table2["carried_out"]["total"] == 1 and lines["czj"].appeals == 1
    # xishan's case is new but in no row of 三 or 四: 一+二 ≠ 三+四 in the 自然人 and 总计 columns.
    assert [line.errors for line in r.lines if line.errors] == [2]
    assert lines["xishan"].errors == 2
    totals = r.totals.table2
    assert [totals[row]["total"] for row in ("new", "carried_in", "total", "carried_out")] == [4, 1, 3, 1]
    assert r.totals.appeals == 1
    assert {line.body.code for line in r.not_published} == {"district", "xishan", "nanmen", "zjj", "zwgkb"}
    # Year over year: 2025 has the 20 December case (new and carried out), 2019–2024 nothing.
    assert [(t.year, t.cells) for t in r.years] == [(2025, [1, 0, 0, 1, 0]), (2026, [4, 1, 3, 1, 1])]


def test_the_rollup_does_not_query_per_body(cast, district):
    fresh_catalogue(cast)  # one body counted from its 目录, one from figures entered
    AnnualFigures.objects.create(body=cast.other_body, year=2026, table1={}, entered_by=cast.superuser)
    two, seven = {cast.body.id, cast.other_body.id}, ids(cast)
    with CaptureQueriesContext(connection) as few:
        rollup(body_ids=two, year=2026, today=TODAY)
    with CaptureQueriesContext(connection) as many:
        rollup(body_ids=seven, year=2026, today=TODAY)
    # tables 1 (figures, bodies with a 目录, their counts), 2, 3; versions; publications; bodies;
    # 2019–2025 (2)
    assert len(many) == len(few) == 10


def test_a_table1_error_counts_in_the_rollup_as_on_the_report_page(cast, district):
    before = {
        line.body.code: line.errors for line in rollup(body_ids=ids(cast), year=2026, today=TODAY).lines
    }
    # An impossible figure (entered before the import checked them, say): half a 行政许可.
    AnnualFigures.objects.create(
        body=cast.other_body, year=2026, table1={"licensing": {"decisions": "2.5"}}, entered_by=cast.superuser
    )
    after = {line.body.code: line.errors for line in rollup(body_ids=ids(cast), year=2026, today=TODAY).lines}
    assert after[cast.other_body.code] == before[cast.other_body.code] + 1
    assert {code: n for code, n in after.items() if code != cast.other_body.code} == {
        code: n for code, n in before.items() if code != cast.other_body.code
    }
    _, findings = computed_report(body=cast.other_body, year=2026)
    assert "VALUE-DOMAIN" in {f.code for f in findings if f.severity == "error"}


def test_the_rollup_page_lists_late_bodies_and_draws_charts(client, cast, district, on_today):
    client.force_login(cast.inspector)
    page = client.get("/work/rollup/2026/").content.decode()
    assert "全区各公开单位共新收政府信息公开申请<strong>4</strong>件" in page
    assert "<td>按时发布</td><td>2027-01-20</td><td>2027-01-31</td><td>0</td>" in page
    assert "<td>逾期发布</td><td>2027-02-05</td><td>2027-01-31</td><td>5</td>" in page
    assert '<th scope="row">示范区人民政府</th><td>2027-03-31</td><td>10</td>' in page
    assert page.count("<svg ") == 4 and page.count('role="img"') == 4
    assert '<title id="body-outcome-title">2026年度各机关办结申请按办理结果</title>' in page
    assert "示范区东湖街道办事处合计3件" in page  # the description inside the SVG
    assert "历年新收申请按申请人类型（数据表）" in page  # each chart's table equivalent
    assert '<th scope="row">2025年</th><td>1</td>' in page
    assert "<script" not in page.split("<h1>")[1]


def test_charts_hold_the_same_numbers_as_their_tables(cast, district):
    r = rollup(body_ids=ids(cast), year=2026, today=TODAY)
    by_outcome = charts(r)[0]
    rows = {category: (values, total) for category, values, total in by_outcome.rows}
    assert rows["示范区东湖街道办事处"] == ([1, 1, 0, 0, 0, 1], 3)
    kinds = {category: values for category, values, _ in charts(r)[3].rows}
    assert kinds == {"2025年": [1, 0, 0, 0, 0, 0], "2026年": [3, 1, 0, 0, 0, 0]}
    svg = by_outcome.svg()
    assert svg.count("<rect ") == 6 + 3  # six legend keys and the three parts of 东湖's bar
    assert "示范区东湖街道办事处：（一）予以公开1件" in svg


def test_a_long_body_name_wraps_in_the_chart_instead_of_being_cut():
    import re

    from gongkai.annual.charts import Chart

    name = "示范区人民政府办公室（区政务公开办）"  # 17 characters: one line holds 14
    chart = Chart("long", "按机关", [name, "示范区财政局"], [("予以公开", [3, 1])])
    svg = chart.svg()
    labels = re.findall(r'<text x="\d+" y="(\d+)" font-size="12" text-anchor="end">([^<]*)</text>', svg)
    assert "".join(text for _, text in labels[:2]) == name
    assert [text for _, text in labels[2:]] == ["示范区财政局"]
    bars = [int(y) for y in re.findall(r'<rect x="[\d.]+" y="(\d+)" width="[\d.]+" height="18"', svg)]
    # the second body's bar starts below the first body's second label line
    assert bars[1] > int(labels[1][0])
    height = int(re.search(r'viewBox="0 0 \d+ (\d+)"', svg)[1])
    assert height > bars[1] + 18


def test_the_rollup_exports_to_xlsx(client, cast, district, on_today):
    client.force_login(cast.inspector)
    response = client.get("/work/rollup/2026.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["2026年度各机关", "历年合计", "未发布", "上传年报"]
    rows = list(book["2026年度各机关"].values)
    assert rows[0][:6] == ("机关", "发布情况", "发布日期", "法定期限", "逾期天数（自然日）", "检查错误")
    czj = next(row for row in rows if row[0] == "示范区财政局")
    assert czj[1] == "逾期发布" and czj[2].date() == date(2027, 2, 5)
    assert czj[4:] == (5, 0, 1, 0, 0, 1, 1)
    assert rows[-1] == ("合计", None, None, None, None, 2, 4, 1, 3, 1, 1)
    assert list(book["历年合计"].values)[1:] == [(2025, 1, 0, 0, 1, 0), (2026, 4, 1, 3, 1, 1)]
    missing = {row[0]: row[2] for row in list(book["未发布"].values)[1:]}
    assert missing["示范区人民政府"] == 10 and missing["示范区西山街道办事处"] == 69
    client.force_login(cast.clerk)
    assert client.get("/work/rollup/2026.xlsx").status_code == 403


@pytest.mark.parametrize("year", [2019, 2025, 2026, 2027])
def test_the_years_totals_are_the_sum_of_the_bodies(cast, district, year):
    from gongkai.annual.rollup import _sum_tables
    from gongkai.applications.statistics import table2_by_body, table2_by_year, table3_by_body, table3_by_year

    body_ids = ids(cast)
    by_body = _sum_tables(table2_by_body(body_ids=body_ids, year=year).values())
    by_year = table2_by_year(body_ids=body_ids, years=[2024, year])[year]
    assert {row: by_year.get(row) for row in by_body} == by_body and set(by_year) == set(by_body)
    appeals = table3_by_year(body_ids=body_ids, years=[year])[year]
    assert appeals == {
        kind: {
            k: sum(t[kind][k] for t in table3_by_body(body_ids=body_ids, year=year).values())
            for k in appeals[kind]
        }
        for kind in appeals
    }
    with CaptureQueriesContext(connection) as none:
        assert (
            table2_by_year(body_ids=body_ids, years=[]) == {} == table3_by_year(body_ids=body_ids, years=[])
        )
    assert len(none) == 0


def test_the_api_gives_the_rollup_and_each_bodys_report_with_its_checks(client, cast, district, on_today):
    client.force_login(cast.inspector)
    lines = {line["body"]: line for line in client.get("/api/v1/rollup/2026").json()}
    assert len(lines) == 7
    assert lines["donghu"]["table2"] == {"new": 2, "carried_in": 1, "total": 3, "carried_out": 0}
    assert (lines["czj"]["published_on"], lines["czj"]["days_late"], lines["czj"]["appeals"]) == (
        "2027-02-05",
        5,
        1,
    )
    assert (lines["xishan"]["publication"], lines["xishan"]["errors"]) == ("逾期未发布", 2)
    report = client.get("/api/v1/bodies/xishan/annual/2026").json()
    cells = {(c["table"], c["row"], c["column"]): c["value"] for c in report["cells"]}
    assert (report["template"], cells[("t2", "new", "total")], report["published"]) == ("2021", 1.0, [])
    assert cells[("t1", "licensing", "decisions")] is None  # not entered: never 0
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    # The roll-up's two errors of the core checks, and the record checks of the report page.
    assert sorted(f["code"] for f in errors if not f["code"].startswith("REC-")) == ["T2-BALANCE"] * 2
    assert {f["code"] for f in errors if f["code"].startswith("REC-")} and all(f["message"] for f in errors)
    assert {f["title"] for f in errors} >= {"依申请公开情况表勾稽关系不成立", "案件未恰好计数一次"}
    czj = client.get("/api/v1/bodies/czj/annual/2026").json()
    assert [p["version"] for p in czj["published"]] == [1, 2]
    assert client.get("/api/v1/bodies/czj/annual/2018").status_code == 404
    assert client.get("/api/v1/bodies/nowhere/annual/2026").status_code == 404
    client.force_login(cast.clerk)
    assert client.get("/api/v1/rollup/2026").status_code == 403
    assert client.get("/api/v1/bodies/czj/annual/2026").status_code == 403  # another body's report


def test_the_rollup_lists_outcomes_under_their_groups(client, cast, district, on_today):
    client.force_login(cast.inspector)
    soup = BeautifulSoup(client.get("/work/rollup/2026/").content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "outcomes-heading"})
    groups = section.select(":scope > ul > li")
    # Decided in 2026: one granted, one partial, one fee left unpaid (其他处理, leaf 2 of （六）).
    assert [g.find(string=True, recursive=False).strip() for g in groups] == [
        "（一）予以公开：1件",
        "（二）部分公开：1件",
        "（六）其他处理：1件",
    ]
    assert [len(g.select("ul li")) for g in groups] == [0, 0, 1]
    leaf = groups[2].select_one("ul li").get_text(strip=True)
    assert leaf.startswith("2.") and "费" in leaf and leaf.endswith("：1件")
