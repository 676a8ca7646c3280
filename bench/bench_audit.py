"""Reports audited per second (read + interpret + check) and peak memory, per format, on one core
and on all cores, over generated reports; then the PDF audit against bare pdfplumber.

    .venv/bin/python bench/bench_audit.py [--files 300] [--pdf-files 100] [--only-pdf] [--one-report]

Targets (issue 3): at least 100 text/HTML reports per second and 10 PDF reports per second per core.
Issue 15: the whole PDF audit (read + interpret + check) over what peer tools run - pdfplumber's
`extract_text` and `extract_tables` on every page - on the same files in the same run, each side
in a fresh process so that start-up (imports) counts on both: target at most 0.25. The audit with
the pdfminer engine (the reader before PyMuPDF) is timed alongside. Both sides run from
bytecode, as installed programs do (_bytecode_env). Each side's CPU time (user + system of its
process) is printed next to its wall time: on a machine shared with other work the wall time
varies with the load, the CPU time much less.

--one-report times reading (and auditing) one 5-page report in this process, best of --rounds:
a generated one and, when LibreOffice is installed, the PDF LibreOffice makes of a Word report
(issue 15's target: under 40 ms on one core).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
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


ROOT = Path(__file__).resolve().parent.parent
SIDES = {
    "bare pdfplumber (extract_text + extract_tables)": """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
""",
    "gongkai audit, PyMuPDF engine": """
import sys
from gongkai.core.reports.audit import audit_path
for path in sys.argv[1:]:
    assert audit_path(path).report is not None
""",
    "gongkai audit, pdfminer engine (before)": """
import sys
from gongkai.core.reports.checks import run_checks
from gongkai.core.reports.interpret import interpret
from gongkai.core.reports.readers import pdf
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        run_checks(interpret(pdf.read(handle.read(), path, engine="pdfminer")))
""",
}


def _timed_process(code: str, paths: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process running `code` over `paths`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *paths], check=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _best(code: str, paths: list[str], rounds: int, env: dict[str, str]) -> tuple[float, float]:
    _timed_process(code, paths[:1], env)  # writes each side's bytecode: not timed
    runs = [_timed_process(code, paths, env) for _ in range(rounds)]
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def _bytecode_env(folder: str) -> dict[str, str]:
    """Both sides run from bytecode, as an installed program does (pip compiles what it installs;
    deploy/Dockerfile installs gongkai so): a machine with PYTHONDONTWRITEBYTECODE set, like this
    workplace's, would otherwise compile gongkai's modules from source at every start while
    pdfplumber's come compiled from its wheel. The bytecode of both goes to one folder of its own."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "bytecode")
    return env


def compare_with_pdfplumber(count: int, rounds: int = 3) -> None:
    """Each side in its own process over the same files, best of `rounds`; start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(count):
            path = os.path.join(folder, f"r{i}.pdf")
            with open(path, "wb") as handle:
                handle.write(builders.build_pdf(builders.report_blocks(seed=i, year=2023)))
            paths.append(path)
        env = _bytecode_env(folder)
        times = {label: _best(code, paths, rounds, env) for label, code in SIDES.items()}
        startup = {label: _best(code, [], rounds, env) for label, code in SIDES.items()}
    base_wall, base_cpu = times[next(iter(SIDES))]
    print(f"\nPDF: {count} files, one process per side, best of {rounds} (start-up included)")
    print(
        f"{'side':<46}{'total s':>9}{'start-up s':>12}{'ms/file':>9}{'ratio':>8}{'CPU s':>8}{'CPU ratio':>11}"
    )
    for label, (total, cpu) in times.items():
        per_file = (total - startup[label][0]) / count * 1000
        print(
            f"{label:<46}{total:>9.2f}{startup[label][0]:>12.2f}{per_file:>9.1f}{total / base_wall:>8.2f}"
            f"{cpu:>8.2f}{cpu / base_cpu:>11.2f}"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def time_one_report(rounds: int) -> None:
    """Best-of-`rounds` milliseconds to read, and to audit, one 5-page report in this process."""
    from gongkai.core.reports.readers import pdf

    reports = {"generated, 5 pages": builders.build_pdf(builders.report_blocks(seed=0, paragraphs=50))}
    if builders.soffice_path():
        reports["LibreOffice from Word"] = builders.convert_to_pdf(
            builders.build_docx(builders.report_blocks(seed=0))
        )
    print(f"\nOne report on one core, best of {rounds}")
    print(f"{'report':<26}{'pages':>6}{'read ms':>9}{'audit ms':>10}")
    for label, data in reports.items():
        document = pdf.read(data, "r.pdf")
        read_ms = _best_ms(lambda data=data: pdf.read(data, "r.pdf"), rounds)
        audit_ms = _best_ms(lambda data=data: audit_bytes(data, "r.pdf"), rounds)
        print(f"{label:<26}{document.pages:>6}{read_ms:>9.1f}{audit_ms:>10.1f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _best_ms(run, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--pdf-files", type=int, default=100)
    parser.add_argument("--only-pdf", action="store_true", help="only the comparison with pdfplumber")
    parser.add_argument("--one-report", action="store_true", help="only the time to read one 5-page report")
    parser.add_argument("--rounds", type=int, default=30, help="--one-report: best of this many")
    args = parser.parse_args()
    if args.one_report:
        time_one_report(args.rounds)
        return
    if args.only_pdf:
        compare_with_pdfplumber(args.pdf_files)
        return
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
    compare_with_pdfplumber(args.pdf_files)


if __name__ == "__main__":
    main()
