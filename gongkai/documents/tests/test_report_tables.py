"""The official tables rendered from known numbers, read back by the auditor's readers: same numbers,
same layout, in every format."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual.drafting import draft_sections
from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.layouts import LAYOUTS
from gongkai.core.reports.tests.test_checks import consistent_report
from gongkai.documents import report_tables as rt


def known(template: str):
    report = consistent_report(
        [(1, 2, [3, 1], 1), (0, 0, [1], 0), (0, 1, [2], 0), (0, 0, [0], 0), (2, 0, [1, 1], 1), (0, 0, [4], 0)]
    )
    values = {key: cell.value for key, cell in report.cells.items()}
    if template == "2019":  # merge the three 其他处理 rows into the single 2019 row
        for column in (
            "natural_person",
            "commercial",
            "research",
            "public_interest",
            "legal_service",
            "other_organisation",
            "total",
        ):
            values[("t2", "other", column)] = sum(
                values.pop(("t2", code, column))
                for code in ("other_no_supplement", "other_fee_unpaid", "other_other")
            )
        values.update(
            {("t1", r.key, c): Decimal(3) for r in LAYOUTS["2019"].table("t1").rows for c in r.columns}
        )
    return values


def rendered_parts(template: str) -> tuple[list[rt.Part], str, tuple[str, str]]:
    """The whole report: the six parts as drafted from the numbers, the tables, the signature."""
    year = 2020 if template == "2019" else 2023
    values = known(template)
    sections = draft_sections(body_name="示范区东湖街道办事处", year=year, template=template, values=values)
    parts = rt.report_parts(LAYOUTS[template], values, sections)
    title = f"示范区东湖街道办事处{year}年政府信息公开工作年度报告"
    return parts, title, ("示范区东湖街道办事处", f"{year + 1}年1月20日")


def rendered(template: str, fmt: str) -> bytes:
    parts, title, signature = rendered_parts(template)
    if fmt == "html":
        return rt.render_html(parts, title, signature).encode("utf-8")
    if fmt == "docx":
        return rt.render_docx(parts, title, signature)
    if fmt == "xlsx":
        return rt.render_xlsx(parts)
    return rt.render_pdf(parts, title, signature)


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_rendered_tables_read_back_to_the_same_numbers(template, fmt, request):
    if fmt == "pdf":
        request.getfixturevalue("weasyprint_available")
    result = audit_bytes(rendered(template, fmt), f"report.{fmt}")
    report = result.report
    assert report.template == template
    expected = known(template)
    layout = LAYOUTS[template]
    for table in ("t1", "t2", "t3"):
        for row in layout.table(table).rows:
            for column in row.columns:
                assert report.value(table, row.key, column) == expected[(table, row.key, column)], (
                    table,
                    row.key,
                    column,
                )
    assert [f.code for f in result.findings if f.severity == "error"] == []
    if fmt != "xlsx":  # a workbook holds the tables only
        assert [number for number, _, _ in report.sections] == list("一二三四五六")
        assert report.signed_on == date(report.year + 1, 1, 20)
        assert not [f for f in result.findings if f.code in ("TEXT-NUMBER", "SECTIONS", "NO-DATE")]


def test_the_docx_keeps_the_official_merged_headers():
    import io

    from docx import Document

    document = Document(io.BytesIO(rendered("2021", "docx")))
    table2 = document.tables[1]
    first_row = table2.rows[0].cells
    assert first_row[0].text == rt.GOUJI_NOTE and first_row[0]._tc is first_row[2]._tc  # spans 3 columns
    assert first_row[3].text == "申请人情况" and first_row[3]._tc is first_row[9]._tc  # spans 7 columns
    assert table2.rows[1].cells[4].text == "法人或其他组织"


def test_the_docx_names_the_fonts_of_an_official_document():
    import io

    from docx import Document

    from gongkai.documents.inspect import docx_font_table, docx_fonts

    parts, title, _ = rendered_parts("2021")
    document = Document(io.BytesIO(rendered("2021", "docx")))
    paragraphs = document.paragraphs
    cells = [p for table in document.tables for cell in table._cells for p in cell.paragraphs]
    headings = [p for p in paragraphs if p.text in {part.heading for part in parts}]
    others = [p for p in paragraphs[1:] if p not in headings]
    assert paragraphs[0].text == title and docx_fonts(paragraphs[0]) == "方正小标宋简体"
    assert len(headings) == 6 and {docx_fonts(p) for p in headings} == {"黑体"}
    assert others and {docx_fonts(p) for p in others + cells} == {"仿宋_GB2312"}
    assert {docx_fonts(p, s) for p in paragraphs + cells for s in ("ascii", "hAnsi")} == {"Times New Roman"}
    assert docx_fonts(document.add_paragraph("（一）", style="Heading 2")) == "楷体_GB2312"
    assert docx_font_table(document)["仿宋_GB2312"] == "仿宋"
