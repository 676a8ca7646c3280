"""`gongkai audit PATH...`: read published annual reports and check them, one file or a thousand."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from gongkai.core.report_due import government_due
from gongkai.core.reports.audit import AuditResult, audit_files
from gongkai.core.reports.export import cell_rows, finding_rows, result_json
from gongkai.core.reports.registry import CHECKS, Severity

HELP = "读取并检查政府信息公开工作年度报告（txt、md、html、docx、pdf、xlsx，文件夹或 zip）"
EXAMPLE = "gongkai audit 年报/ --xlsx 检查结果.xlsx"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="文件、文件夹或 zip 压缩包")
    parser.add_argument(
        "--json", action="store_true", help="以 JSON 输出（结构见 docs/audit-report.schema.json）"
    )
    parser.add_argument("--csv", metavar="FILE", help="把所有单元格写入 CSV（另写 FILE 的 .findings.csv）")
    parser.add_argument("--xlsx", metavar="FILE", help="把单元格和问题写入 Excel 文件")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="并行读取的进程数，默认全部核心"
    )
    parser.add_argument("--explain", metavar="CODE", help="说明某项检查，如 T2-BALANCE")


def _inputs(paths: list[str]):
    """(name, bytes or an error message) for every file named, inside folders too (zips are
    expanded by the audit itself)."""
    for text in paths:
        path = Path(text)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            yield text, f"{text}：文件或文件夹不存在。"
            continue
        for file in files:
            yield str(file), file.read_bytes()


def run(args) -> int:
    if args.explain:
        check = CHECKS.get(args.explain.upper())
        if check is None:
            print(f"没有检查项“{args.explain}”。可用：{'、'.join(CHECKS)}", file=sys.stderr)
            return 2
        print(f"{check.code}（{check.severity.label}）：{check.title}\n{check.explanation}")
        return 0
    if not args.paths:
        print("请给出要检查的文件、文件夹或 zip。", file=sys.stderr)
        return 2
    try:
        government_due()  # read by the date check in every worker: refused once, here
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    results = _audit_all(args.paths, max(1, args.jobs))
    if args.json:
        print(json.dumps([result_json(r) for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_summary(result)
    _export(results, args)
    if any(r.error for r in results) and not any(r.report for r in results):
        return 2
    return 1 if any(r.errors for r in results) else 0


def _audit_all(paths: list[str], jobs: int) -> list[AuditResult]:
    from tqdm import tqdm

    with tqdm(unit="份", disable=not sys.stderr.isatty()) as bar:
        return audit_files(_inputs(paths), jobs=jobs, on_progress=lambda _: bar.update())


def _print_summary(result: AuditResult) -> None:
    if result.error:
        print(f"✗ {result.name}\n  无法读取：{result.error}")
        return
    report = result.report
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    mark = "✗" if errors else "✓"
    print(f"{mark} {result.name}：{report.year or '年度不明'}年度，{report.template}年格式，{errors}个错误")
    for finding in result.findings:
        print(f"  [{finding.severity.label}] {finding.check.name} {finding.message}")


def _export(results, args) -> None:
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle).writerows(cell_rows(results))
        with open(f"{args.csv}.findings.csv", "w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle).writerows(finding_rows(results))
    if args.xlsx:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for title, rows in (("单元格", cell_rows(results)), ("问题", finding_rows(results))):
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
        book.save(args.xlsx)
