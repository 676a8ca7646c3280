"""Bodies not on gongkai enter the roll-up through their uploaded reports, read by the auditor."""

import io

from openpyxl import load_workbook

from gongkai.annual.drafting import draft_sections
from gongkai.core.reports.layouts import LAYOUTS
from gongkai.documents import report_tables as rt
from gongkai.documents.tests.test_report_tables import known
from gongkai.supervision.services import audit_batch_create


def published_report(name: str, year: int, values) -> bytes:
    sections = draft_sections(body_name=name, year=year, template="2021", values=values)
    parts = rt.report_parts(LAYOUTS["2021"], values, sections)
    title = f"{name}{year}年政府信息公开工作年度报告"
    return rt.render_html(parts, title, (name, f"{year + 1}年1月20日")).encode()


def test_uploaded_reports_of_other_bodies_are_listed_and_summed_but_not_twice(client, cast):
    values = known("2021")
    uploads = [
        ("青山镇.html", published_report("示范区青山镇人民政府", 2026, values)),
        # A body that is on gongkai: its own records count, not its upload.
        ("东湖街道.html", published_report("示范区东湖街道办事处", 2026, values)),
        ("旧年.html", published_report("示范区青山镇人民政府", 2025, values)),
    ]
    audit_batch_create(actor=cast.inspector, owner=cast.office, name="2026年度年报", uploads=uploads)
    client.force_login(cast.inspector)
    page = client.get("/work/rollup/2026/").content.decode()
    section = page[page.index('id="uploaded-heading"') : page.index('id="missing-heading"')]
    assert "示范区青山镇人民政府" in section and "示范区东湖街道办事处" not in section
    new = values[("t2", "new", "total")]
    assert f"<td>{new}</td>" in section.split("合计（上传年报）")[1]
    book = load_workbook(io.BytesIO(client.get("/work/rollup/2026.xlsx").content))
    rows = list(book["上传年报"].iter_rows(values_only=True))
    assert rows[1][0] == "示范区青山镇人民政府" and rows[1][2] == new and len(rows) == 2


def test_another_supervisors_uploads_stay_out(client, cast):
    audit_batch_create(
        actor=cast.other_admin,
        owner=cast.other_body,
        name="别处",
        uploads=[("x.html", published_report("示范区青山镇人民政府", 2026, known("2021")))],
    )
    client.force_login(cast.inspector)
    page = client.get("/work/rollup/2026/").content.decode()
    assert "示范区青山镇人民政府" not in page and "没有上传2026年度的年报" in page
