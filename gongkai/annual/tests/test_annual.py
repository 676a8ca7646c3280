"""The annual report from the records: computed, checked, rendered, read back to the same numbers."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from gongkai.annual.narrative import PLACEHOLDER
from gongkai.annual.rendering import render_report
from gongkai.annual.selectors import computed_report, report_values
from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import register
from gongkai.core.reports.audit import audit_bytes

TODAY = date(2027, 3, 1)


@pytest.fixture
def year_of_cases(cast):
    for received, decided, outcome in [
        (date(2025, 12, 20), date(2026, 1, 5), "granted"),
        (date(2026, 3, 2), date(2026, 3, 20), "partial"),
        (date(2026, 5, 6), date(2026, 5, 20), "other_fee_unpaid"),
        (date(2026, 12, 31), None, ""),
    ]:
        case = register(cast, received_on=received, today=TODAY)
        if decided:
            Application.objects.filter(pk=case.pk).update(
                decided_on=decided, outcome=outcome, status="answered"
            )
    return cast.body


def test_the_2026_report_is_computed_from_the_cases(year_of_cases):
    template, values = report_values(body=year_of_cases, year=2026)
    assert template == "2021"
    assert values[("t2", "new", "total")] == 3 and values[("t2", "carried_in", "total")] == 1
    assert values[("t2", "partial", "natural_person")] == 1
    assert values[("t2", "other_fee_unpaid", "total")] == 1
    assert values[("t2", "total", "total")] == 3 and values[("t2", "carried_out", "total")] == 1
    assert values[("t1", "licensing", "decisions")] is None  # not entered: empty, not 0
    _, findings = computed_report(body=year_of_cases, year=2026)
    assert [f.code for f in findings if f.severity == "error"] == []


def test_a_2020_report_uses_the_trial_format_with_one_other_row(year_of_cases):
    template, values = report_values(body=year_of_cases, year=2020)
    assert template == "2019" and ("t2", "other", "total") in values


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_every_download_reads_back_to_the_computed_numbers(year_of_cases, fmt, request):
    if fmt == "pdf":
        request.getfixturevalue("weasyprint_available")
    _, values = report_values(body=year_of_cases, year=2026)
    result = audit_bytes(render_report(year_of_cases, 2026, fmt), f"report.{fmt}")
    for (table, row, column), value in values.items():
        if table in ("t2", "t3"):
            assert result.report.value(table, row, column) == value, (table, row, column)


def test_figures_are_entered_and_checked(client, cast, year_of_cases):
    client.force_login(cast.clerk)
    bad = client.post("/bodies/donghu/annual/2026/figures/", {"licensing__decisions": "-3"})
    assert bad.status_code == 400 and "不能为负数" in bad.content.decode()
    assert (
        client.post(
            "/bodies/donghu/annual/2026/figures/", {"licensing__decisions": "12", "fees__fee_amount": "20.3"}
        ).status_code
        == 302
    )
    _, values = report_values(body=year_of_cases, year=2026)
    assert (values[("t1", "licensing", "decisions")], str(values[("t1", "fees", "fee_amount")])) == (
        12,
        "20.3",
    )
    page = client.get("/bodies/donghu/annual/2026/").content.decode()
    assert "各项勾稽关系成立" in page and "申请人情况" in page
    assert client.get("/bodies/donghu/annual/2026.exe").status_code == 404
    assert client.get("/bodies/donghu/annual/1999/").status_code == 404


def test_the_report_command_writes_a_file(year_of_cases, tmp_path, capsys):
    from gongkai.cli import main

    target = tmp_path / "out.json"
    assert main(["report", "donghu", "2026", "--format", "json", "-o", str(target)]) == 0
    assert '"template": "2021"' in target.read_text(encoding="utf-8")
    assert (
        main(["report", "示范区东湖街道办事处", "2026", "--format", "docx", "-o", str(tmp_path / "r.docx")])
        == 0
    )
    assert main(["report", "nowhere", "2026"]) == 2
    assert "机关“nowhere”不存在" in capsys.readouterr().err


def test_the_district_rollup_sums_every_supervised_body(client, cast, year_of_cases):
    register(cast, body=cast.other_body, received_on=date(2026, 4, 1), today=TODAY)
    client.force_login(cast.inspector)
    page = client.get("/work/rollup/2026/").content.decode()
    # 东湖: 3 new (3-2, 5-6, 12-31); 财政局: 1 new -> 4 for the district.
    assert "全区各公开单位共新收政府信息公开申请<strong>4</strong>件" in page
    assert "示范区财政局" in page and "（二）部分公开" in page
    client.force_login(cast.clerk)
    assert client.get("/work/rollup/2026/").status_code == 403


def test_countdown_to_the_statutory_date():
    from gongkai.annual.todo import report_due

    assert report_due(date(2026, 11, 24), "township") == (2026, date(2027, 1, 31))
    assert report_due(date(2027, 1, 10), "department") == (2026, date(2027, 1, 31))
    assert report_due(date(2027, 2, 10), "county") == (2026, date(2027, 3, 31))  # a government's own report
    assert report_due(date(2027, 5, 1), "township") == (2027, date(2028, 1, 31))


def step(client, name, **data):
    return client.post(f"/bodies/donghu/annual/2026/{name}/", data)


def test_draft_edit_review_sign_publish_and_correct(client, cast, year_of_cases):
    from gongkai.annual.models import AnnualReportVersion

    client.force_login(cast.clerk)
    assert step(client, "draft").status_code == 302
    version = AnnualReportVersion.objects.get()
    assert version.sections[2][1].startswith("本年度收到政府信息公开申请3件，上年结转1件；办结3件")
    sections = {f"section-{i}": text for i, (_, text) in enumerate(version.sections)}
    # A clerk's typo in a quoted number is caught before signing.
    sections["section-2"] = sections["section-2"].replace(
        "收到政府信息公开申请3件", "收到政府信息公开申请5件"
    )
    assert step(client, "save", **sections).status_code == 302
    # The report page shows the draft to edit, and the text's number against its cell at once.
    page = client.get("/bodies/donghu/annual/2026/").content.decode()
    assert 'name="section-2"' in page and "收到政府信息公开申请5件" in page
    assert "正文数字与表格不一致</strong>（<code>TEXT-NUMBER</code>）正文“收到政府信息公开申请5件”" in page
    assert step(client, "review").status_code == 400  # a clerk does not review
    client.force_login(cast.reviewer)
    assert step(client, "review").status_code == 302
    client.force_login(cast.head)
    refused = step(client, "publish")
    assert (
        refused.status_code == 400
        and "不能签发" in refused.content.decode()
        and "5件" in refused.content.decode()
    )
    assert "尚待补充或确认" in refused.content.decode()  # the parts the records could not draft
    assert step(client, "return", reason="第三部分数字与表格不符").status_code == 302
    client.force_login(cast.clerk)
    sections["section-2"] = sections["section-2"].replace("申请5件", "申请3件")
    # The clerk writes what the 台账 did not hold in place of each placeholder.
    sections = {name: PLACEHOLDER.sub("本年度无此项工作。", text) for name, text in sections.items()}
    step(client, "save", **sections)
    client.force_login(cast.reviewer)
    step(client, "review")
    client.force_login(cast.head)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the job rendering its files, sent at commit
        assert step(client, "publish").status_code == 302
    version.refresh_from_db()
    assert version.status == "published" and version.tables["t2|new|total"] == "3"
    assert sorted(version.files.values_list("fmt", flat=True)) == ["docx", "pdf"]
    page = client.get("/reports/donghu/2026/").content.decode()
    assert "示范区东湖街道办事处2026年政府信息公开工作年度报告" in page and "申请人情况" in page
    client.force_login(cast.clerk)
    assert step(client, "save", **sections).status_code == 400  # published text stays as signed
    assert step(client, "draft").status_code == 400  # a correction needs a reason
    assert step(client, "draft", reason="更正第三部分的笔误").status_code == 302
    assert AnnualReportVersion.objects.count() == 2
    assert step(client, "save", **sections).status_code == 302  # the correction keeps the clerk's text
    assert client.get("/reports/donghu/2026/").status_code == 200  # the published version stays visible
    assert client.get("/reports/donghu/2026/v2/").status_code == 404  # the correction is a draft
    client.force_login(cast.reviewer)
    step(client, "review")
    client.force_login(cast.head)
    assert step(client, "publish").status_code == 302
    client.logout()
    latest = client.get("/reports/donghu/2026/").content.decode()
    assert "第2版，更正原因：更正第三部分的笔误" in latest
    assert 'href="/reports/donghu/2026/v1/"' in latest and "已被" not in latest
    first = client.get("/reports/donghu/2026/v1/").content.decode()
    assert "这是第1版，已被" in first and "申请人情况" in first
    assert 'href="/reports/donghu/2026/v2/"' in first
    assert client.get("/reports/donghu/2026/v3/").status_code == 404


def test_figures_are_imported_from_a_csv_and_a_bad_file_changes_nothing(client, cast):
    from gongkai.annual.models import AnnualFigures

    client.force_login(cast.clerk)
    url = "/bodies/donghu/annual/2026/figures/import/"
    good = SimpleUploadedFile("许可.csv", "项目,数值\n行政许可,1320\n行政事业性收费,215000元\n".encode("gbk"))
    assert client.post(url, {"file": good}).status_code == 302
    assert AnnualFigures.objects.get(body=cast.body, year=2026).table1 == {
        "licensing": {"decisions": "1320"},
        "fees": {"fee_amount": "21.5"},
    }
    bad = SimpleUploadedFile("错.csv", "项目,数值\n行政处罚,45\n行政审批,3\n".encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "第3行：项目“行政审批”不在主动公开情况表中。" in response.content.decode()
    assert "penalty" not in AnnualFigures.objects.get(body=cast.body, year=2026).table1
    assert client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04junk")}).status_code == 400
    assert client.post(url, {}).status_code == 400


def test_the_blank_figures_sheet_lists_every_cell_of_the_year_and_imports_back(client, cast):
    client.force_login(cast.clerk)
    sheet = client.get("/bodies/donghu/annual/2020/figures/template.csv").content.decode("utf-8-sig")
    lines = sheet.strip().splitlines()
    assert lines[0] == "项目,栏目,数值" and "政府集中采购,采购总金额," in lines
    assert len(lines) == 1 + 22  # the 2019 format's table 1 has 22 cells (8 rows)
    filled = "\n".join([lines[0]] + [line + "1" for line in lines[1:]]).encode()
    response = client.post(
        "/bodies/donghu/annual/2020/figures/import/", {"file": SimpleUploadedFile("t.csv", filled)}
    )
    assert response.status_code == 302
