"""The one audit use case (issue 15 design 6): files and zips in, each report read and checked,
the comparisons across the batch merged, progress reported file by file. The CLI and the web
upload call it; these tests hold it to what both used to do on their own."""

from __future__ import annotations

import io
import zipfile

import pymupdf
import pytest

from gongkai.core.archive import ArchiveError, ArchiveLimits
from gongkai.core.reports.audit import audit_files
from gongkai.core.reports.tests import builders


def zip_of(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def report(year: int, seed: int = 0) -> bytes:
    return builders.build_html(builders.report_blocks(seed=seed, year=year, org="示范区东湖街道办事处"))


def test_files_and_zip_members_are_audited_in_order_with_progress():
    seen, stored = [], []
    results = audit_files(
        [
            ("2023.html", report(2023)),
            ("batch.zip", zip_of(**{"2022.html": report(2022, seed=1), "坏.pdf": b"%PDF-1.4 broken"})),
            ("missing.pdf", "missing.pdf：文件或文件夹不存在。"),
        ],
        total=4,
        on_file=lambda name, data, result: stored.append((name, data is not None, result.name)),
        on_progress=seen.append,
    )
    names = ["2023.html", "batch.zip!2022.html", "batch.zip!坏.pdf", "missing.pdf"]
    assert [r.name for r in results] == names
    assert stored == [(n, n != "missing.pdf", n) for n in names]
    assert [(p.done, p.total, p.current) for p in seen] == [(i + 1, 4, n) for i, n in enumerate(names)]
    # Errors so far counts files: the broken PDF and the missing path, whatever the reports hold.
    assert [p.errors for p in seen][2:] == [seen[1].errors + 1, seen[1].errors + 2]
    assert results[2].error and results[3].error == "missing.pdf：文件或文件夹不存在。"


def test_the_comparison_across_the_batch_is_merged_and_marked():
    results = audit_files([("2022.html", report(2022, seed=1)), ("2023.html", report(2023, seed=0))])
    last, this = results
    assert last.across == []
    assert this.across and all(f in this.findings for f in this.across)
    assert {f.code for f in this.across} <= {"CARRY-OVER", "SIMILAR-TEXT"}


def test_a_zip_broken_part_way_is_a_result_or_refuses_the_batch():
    bomb = zip_of(**{"bomb.txt": b"0" * (2 * 1024 * 1024)})
    limits = ArchiveLimits(max_member_bytes=1024 * 1024)
    [result] = audit_files([("bomb.zip", bomb)], zip_limits=limits)
    assert result.report is None and "bomb.zip" in result.error
    with pytest.raises(ArchiveError):
        audit_files([("bomb.zip", bomb)], zip_limits=limits, refuse_broken_archives=True)


def test_a_pdf_over_the_page_limit_is_refused_before_it_is_read():
    document = pymupdf.open()
    for _ in range(30):
        document.new_page()
    [result] = audit_files([("long.pdf", document.tobytes())], max_pdf_pages=20)
    assert result.report is None and "long.pdf" in result.error and "页" in result.error


def test_worker_processes_give_the_same_results_as_one():
    files = [(f"{year}.html", report(year, seed=year % 3)) for year in (2021, 2022, 2023, 2024)]
    one = audit_files(files)
    two = audit_files(files, jobs=2)
    assert [(r.name, [(f.code, f.message) for f in r.findings]) for r in one] == [
        (r.name, [(f.code, f.message) for f in r.findings]) for r in two
    ]
