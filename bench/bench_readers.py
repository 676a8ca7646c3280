"""Throughput and memory of the report file readers (HTML, Word HTML, DOCX, XLSX, PDF).

Generates report-like files with gongkai.core.reports.tests.builders (different numbers per
file), writes them to a temporary directory, then reads them with readers.read_path:
- single process: files per second;
- a process pool over all cores: files per second in total and per core;
- peak Python memory of one read (tracemalloc, the largest over a sample; memory that libxml2
  allocates itself is not seen) and the peak RSS of a pool worker, which has read a share of
  all the files of that format.

Usage:  .venv/bin/python bench/bench_readers.py [--files 300] [--pdf-files 200] [--soffice 0]
`--soffice N` also converts N DOCX reports to PDF with LibreOffice (about 1 s each) and times
reading those, which are closer to what offices publish than the builder's PDFs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pathlib
import resource
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from gongkai.core.reports.readers import read_path  # noqa: E402
from gongkai.core.reports.tests import builders as b  # noqa: E402


def generate(kind: str, count: int, directory: pathlib.Path) -> list[str]:
    paths = []
    for seed in range(count):
        blocks = b.report_blocks(seed=seed, org=f"第{seed}号单位", paragraphs=3 + seed % 8)
        if kind == "html":
            data, suffix = b.build_html(blocks, encoding="gbk" if seed % 2 else "utf-8"), ".html"
        elif kind == "word-html":
            data, suffix = b.build_word_html(blocks), ".htm"
        elif kind == "docx":
            data, suffix = b.build_docx(blocks), ".docx"
        elif kind == "xlsx":
            tables = [x for x in blocks if not isinstance(x, str)]
            data, suffix = b.build_xlsx([(f"表{i + 1}", t) for i, t in enumerate(tables)]), ".xlsx"
        elif kind == "pdf":
            data, suffix = b.build_pdf(blocks, repeat_header=bool(seed % 2)), ".pdf"
        elif kind == "pdf-libreoffice":
            data, suffix = b.convert_to_pdf(b.build_docx(blocks)), ".pdf"
        else:
            raise ValueError(kind)
        path = directory / f"{kind}-{seed:04d}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _read_all(paths: list[str]) -> int:
    tables = 0
    for path in paths:
        tables += len(read_path(path).tables())
    return tables


def _read_all_rss(paths: list[str]) -> tuple[int, float]:
    """Tables read and this worker's peak RSS in MB (VmHWM: ru_maxrss survives exec on Linux)."""
    tables = _read_all(paths)
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return tables, int(line.split()[1]) / 1024
    except OSError:
        pass
    return tables, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, paths: list[str], workers: int) -> dict[str, float]:
    start = time.perf_counter()
    tables = _read_all(paths)
    single = len(paths) / (time.perf_counter() - start)
    chunks = [paths[i :: workers * 4] for i in range(workers * 4)]
    # Fresh interpreters (spawn), so a worker's RSS is its own and not the parent's fork.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_read_all, chunks[:workers]))  # warm up imports in every worker
        start = time.perf_counter()
        results = list(pool.map(_read_all_rss, chunks))
        pooled = len(paths) / (time.perf_counter() - start)
    pooled_tables = sum(r[0] for r in results)
    worker_rss = max(r[1] for r in results)
    assert pooled_tables == tables
    peak = 0
    for path in paths[:: max(len(paths) // 15, 1)]:
        tracemalloc.start()
        read_path(path)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    size = sum(os.path.getsize(p) for p in paths) / len(paths)
    return {
        "files": len(paths),
        "kb": size / 1024,
        "tables": tables / len(paths),
        "single": single,
        "pooled": pooled,
        "per_core": pooled / workers,
        "peak_mb": peak / 2**20,
        "worker_rss": worker_rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300, help="files per HTML/DOCX/XLSX format")
    parser.add_argument("--pdf-files", type=int, default=200, help="PDF files from the builder")
    parser.add_argument("--soffice", type=int, default=0, help="PDF files converted by LibreOffice")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    plan = [("html", args.files), ("word-html", args.files), ("docx", args.files), ("xlsx", args.files)]
    plan.append(("pdf", args.pdf_files))
    if args.soffice:
        if b.soffice_path() is None:
            sys.exit("--soffice needs LibreOffice (apt-get install libreoffice-writer-nogui)")
        plan.append(("pdf-libreoffice", args.soffice))
    print(f"workers={args.workers} python={sys.version.split()[0]}")
    header = f"{'format':<16}{'files':>6}{'KB/file':>9}{'tables':>7}{'single/s':>10}{'pool/s':>9}{'per core/s':>11}{'peak MB':>9}{'worker RSS':>11}"
    print(header)
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        for kind, count in plan:
            directory = pathlib.Path(tmp, kind)
            directory.mkdir()
            paths = generate(kind, count, directory)
            r = measure(kind, paths, args.workers)
            print(
                f"{kind:<16}{r['files']:>6.0f}{r['kb']:>9.1f}{r['tables']:>7.1f}{r['single']:>10.1f}"
                f"{r['pooled']:>9.1f}{r['per_core']:>11.1f}{r['peak_mb']:>9.1f}{r['worker_rss']:>11.0f}",
                flush=True,
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the main process (which also built the files): {rss:.0f} MB")
    print("peak MB = largest Python-heap peak of one read (tracemalloc; libxml2's own memory is not counted)")


if __name__ == "__main__":
    main()
