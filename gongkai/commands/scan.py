"""`gongkai scan FILE...`: check documents for personal data and 密级 markings before upload."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gongkai.core.reports.readers import ReadError, read_path
from gongkai.core.sensitive import Severity, scan_document

HELP = "检查文件中的身份证号码（含校验位不符的）、手机号码、银行卡号、电子邮箱、密级标志，以及紧邻号码的姓名、固定电话和详细地址（txt、docx、pdf、xlsx、html）"
EXAMPLE = "gongkai scan 通知.docx 附件1.xlsx"


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="要检查的文件")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(args) -> int:
    """Exit 0: nothing found; 1: something found; 2: a file could not be read."""
    report, unreadable, found = [], False, False
    for name in args.files:
        path = Path(name)
        entry = {"file": name, "error": None, "hits": []}
        try:
            if not path.is_file():
                raise ReadError(f"{name}：文件不存在。")
            document = read_path(str(path))
        except ReadError as error:
            entry["error"] = str(error)
            unreadable = True
        else:
            if not document.has_text_layer:
                entry["error"] = f"{name}：扫描件，无文字层，无法检查，请人工核对。"
                unreadable = True
            for located in scan_document(document):
                entry["hits"].append(
                    {
                        "location": located.location.describe(),
                        "kind": located.hit.kind.value,
                        "label": located.hit.label,
                        "severity": located.hit.severity.value,
                        "value": located.hit.value,
                    }
                )
            found = found or bool(entry["hits"])
        report.append(entry)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(report)
    return 2 if unreadable else 1 if found else 0


def _print_text(report) -> None:
    for entry in report:
        if entry["error"]:
            print(f"无法检查  {entry['error']}", file=sys.stderr)
        for hit in entry["hits"]:
            judge = "（请判断）" if hit["severity"] == Severity.REVIEW else ""
            print(f"{entry['file']}  {hit['location']}  {hit['label']}{judge}：{hit['value']}")
        if not entry["error"] and not entry["hits"]:
            print(f"{entry['file']}  未发现敏感信息")
