"""Reports audited per second (read + interpret + check) and peak memory, per format, on one core
and on all cores, over generated reports.

    .venv/bin/python bench/bench_audit.py [--files 300] [--pdf-files 100]

Targets (issue 3): at least 100 text/HTML reports per second and 10 PDF reports per second per core.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.core.reports.audit import audit_bytes  # noqa: E402
from gongkai.core.reports.tests import builders  # noqa: E402
from gongkai.core.reports.tests.test_round_trip import text_rows  # noqa: E402

FORMATS = {
    "text (one cell per line)": (lambda b: text_rows(b, "one-cell-per-line").encode(), "r.txt"),
    "text (pipe rows)": (lambda b: text_rows(b, "pipe").encode(), "r.txt"),
    "html": (builders.build_html, "r.html"),
    "word-html": (builders.build_word_html, "r.htm"),
    "docx": (builders.build_docx, "r.docx"),
    "pdf": (builders.build_pdf, "r.pdf"),
}


def _audit(item):
    data, name = item
    result = audit_bytes(data, name)
    assert result.report is not None and not result.error
    return result.errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--pdf-files", type=int, default=100)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(
        f"{'format':<26}{'files':>6}{'1 core /s':>11}{f'{cores} cores /s':>12}{'per core /s':>13}{'peak MB/report':>16}"
    )
    for label, (build, name) in FORMATS.items():
        count = args.pdf_files if label == "pdf" else args.files
        items = [(build(builders.report_blocks(seed=i, year=2023)), name) for i in range(count)]
        started = time.perf_counter()
        errors = sum(map(_audit, items))
        single = count / (time.perf_counter() - started)
        # Peak Python memory of auditing one report, measured apart: tracing slows the code down.
        tracemalloc.start()
        _audit(items[0])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=cores) as pool:
            errors += sum(pool.map(_audit, items, chunksize=8))
        pooled = count / (time.perf_counter() - started)
        assert errors == 0, f"{label}: consistent generated reports raised {errors} errors"
        print(f"{label:<26}{count:>6}{single:>11.1f}{pooled:>12.1f}{pooled / cores:>13.1f}{peak:>16.1f}")
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
