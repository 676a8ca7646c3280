"""Render known tables into each format with the test builders, read them back exactly, and check
that the consistent numbers raise no error."""

from decimal import Decimal

import pytest

from gongkai.core.reports.audit import audit_bytes
from gongkai.core.reports.layouts import LAYOUTS
from gongkai.core.reports.tests import builders

LAYOUT = LAYOUTS["2021"]


def expected_from(blocks):
    """The numbers the builders wrote, taken from the table specs (not from any reader)."""
    t1, t2, t3 = [b for b in blocks if isinstance(b, list)]
    by_label = {
        row[0].text: [c.text for c in row[1:]] for row in t1 if len(row) > 1 and row[0].text != "信息内容"
    }
    table1 = {r.key: by_label[r.label][: len(r.columns)] for r in LAYOUT.table("t1").rows}
    table2 = [[c.text for c in row[-7:]] for row in t2[3:]]
    table3 = [c.text for c in t3[-1]]
    return table1, table2, table3


def read_back(result):
    report = result.report
    t1 = {
        r.key: [str(report.value("t1", r.key, c).normalize()) for c in r.columns]
        for r in LAYOUT.table("t1").rows
    }
    t2 = [[str(report.value("t2", r.key, c)) for c in r.columns] for r in LAYOUT.table("t2").rows]
    t3 = [str(report.value("t3", "appeals", c.key)) for c in LAYOUT.table("t3").columns]
    return t1, t2, t3


FORMATS = {
    "html": (builders.build_html, "report.html"),
    "word-html": (builders.build_word_html, "report.htm"),
    "docx": (builders.build_docx, "report.docx"),
    "pdf": (builders.build_pdf, "report.pdf"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_round_trip(fmt, seed):
    blocks = builders.report_blocks(seed=seed, year=2023)
    build, name = FORMATS[fmt]
    result = audit_bytes(build(blocks), name)
    assert result.error == ""
    assert (result.report.year, result.report.template) == (2023, "2021")
    t1, t2, t3 = expected_from(blocks)
    got1, got2, got3 = read_back(result)
    assert got1 == {key: [str(Decimal(v).normalize()) for v in values] for key, values in t1.items()}
    assert got2 == t2
    assert got3 == t3
    assert [f.code for f in result.findings if f.severity == "error"] == []


def test_round_trip_xlsx_sheets():
    blocks = builders.report_blocks(seed=3, year=2023)
    t1, t2, t3 = [b for b in blocks if isinstance(b, list)]
    data = builders.build_xlsx([("主动公开", t1), ("依申请公开", t2), ("复议诉讼", t3)])
    result = audit_bytes(data, "report.xlsx")
    assert result.report.template == "2021"
    assert read_back(result)[1:] == expected_from(blocks)[1:]


def text_rows(blocks, style: str) -> str:
    """The report as extracted text in one of the damaged shapes seen in the seeds."""
    lines = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
            continue
        for row in builders.expected_grid(block):
            cells = []
            for text, origin in row:
                if origin is None:
                    cells.append(text)
            if style == "pipe":  # seed 003
                lines.append(" | ".join(cells) + " |")
            elif style == "tab":  # seed 000
                lines.append("\t".join(cells))
            else:  # seed 001: one cell per line, a blank line between rows
                lines += ["\t" + cell for cell in cells] + [""]
    return "\n".join(lines)


DAMAGE = str.maketrans({"（": "(", "）": ")", "，": ",", "开": "開", "处": "處", "总": "總"})


@pytest.mark.parametrize("style", ["pipe", "tab", "one-cell-per-line"])
@pytest.mark.parametrize("traditional", [False, True])
def test_round_trip_damaged_text(style, traditional):
    blocks = builders.report_blocks(seed=4, year=2022)
    text = text_rows(blocks, style)
    if traditional:  # half-width brackets and traditional characters, as on mirror sites
        text = text.translate(DAMAGE)
    result = audit_bytes(text.encode("utf-8"), "report.txt")
    assert result.report.template == "2021"
    assert read_back(result) == (
        {k: [str(Decimal(v).normalize()) for v in vs] for k, vs in expected_from(blocks)[0].items()},
        *expected_from(blocks)[1:],
    )
