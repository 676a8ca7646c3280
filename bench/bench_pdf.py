"""Time per page of the PDFs gongkai draws: a letter and a whole annual report (2021 format).

Each document is rendered once cold (in a fresh process this includes loading Pango and the
fonts), then `--runs` times; the median of those is printed per document and per page.
Run it with `FONTCONFIG_FILE` pointing to a `<fontconfig></fontconfig>` file to time a machine
without fonts (the bundled fonts need none).

Usage:  .venv/bin/python bench/bench_pdf.py [--runs 10]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pymupdf  # noqa: E402

from gongkai.annual.drafting import draft_sections  # noqa: E402
from gongkai.core.reports.layouts import LAYOUTS  # noqa: E402
from gongkai.documents import letter as lt  # noqa: E402
from gongkai.documents import report_tables as rt  # noqa: E402
from gongkai.documents.tests.test_report_tables import known  # noqa: E402

LETTER = lt.Letter(
    title="政府信息公开申请答复书",
    number="东湖街道依申答〔2026〕12号",
    recipient="张三",
    paragraphs=(
        "本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：DONGHU-2026-0007），"
        "申请获取“2025年东湖街道最低生活保障金发放名单及金额”。",
        "经审查，您申请获取的信息中部分内容不应公开，本机关对可以公开的部分予以公开，并对不予公开的部分说明理由。",
        "理由及说明：名单中的身份证号码和银行账号属于个人隐私，已作区分处理。",
        "如对本答复不服，可以自收到本答复之日起60日内向示范区人民政府申请行政复议，"
        "或者自收到本答复之日起6个月内向人民法院提起行政诉讼。",
    ),
    sender="示范区东湖街道办事处",
    dated=date(2026, 3, 20),
    legal_basis="《政府信息公开条例》第三十七条",
    notes=("联系电话：0755-8000 2000  地址：示范区东湖路1号",),
)


def report_pdf() -> bytes:
    values = known("2021")
    sections = draft_sections(body_name="示范区东湖街道办事处", year=2025, template="2021", values=values)
    parts = rt.report_parts(LAYOUTS["2021"], values, sections)
    return rt.render_pdf(
        parts, "示范区东湖街道办事处2025年政府信息公开工作年度报告", ("示范区东湖街道办事处", "2026年1月20日")
    )


def timed(render, runs: int) -> None:
    start = time.perf_counter()
    data = render()
    cold = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    pages = len(pymupdf.open(stream=data, filetype="pdf"))
    median = statistics.median(times)
    print(
        f"{render.__name__:<10} {pages} page(s)  cold {cold:.2f} s  median {median:.3f} s  "
        f"per page {median / pages:.3f} s  ({len(data) // 1024} KB)"
    )


def letter_pdf() -> bytes:
    return lt.render_pdf(LETTER)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for render in (letter_pdf, report_pdf):
        timed(render, args.runs)


if __name__ == "__main__":
    main()
