"""`gongkai audit` on files, folders and zips: summaries, JSON that follows the documented schema,
exports, --explain and exit codes."""

import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from gongkai.cli import main
from gongkai.core.reports.registry import CHECKS
from gongkai.core.reports.tests import builders

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "audit-report.schema.json").read_text("utf-8")
)
TYPES = {"string": str, "integer": int, "array": list, "object": dict, "null": type(None)}


def conforms(value, schema) -> bool:
    """A small walker over the parts of JSON Schema the document uses (type, enum, required, items)."""
    if "enum" in schema and value not in schema["enum"]:
        return False
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(
            isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool)) for k in kinds
        ):
            return False
    if isinstance(value, dict):
        if any(key not in value for key in schema.get("required", [])):
            return False
        return all(conforms(value[k], s) for k, s in schema.get("properties", {}).items() if k in value)
    if isinstance(value, list) and "items" in schema:
        return all(conforms(item, schema["items"]) for item in value)
    return True


def write_reports(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.html").write_bytes(builders.build_html(builders.report_blocks(seed=0, year=2023)))
    blocks = builders.report_blocks(seed=1, year=2023)
    table2 = [b for b in blocks if isinstance(b, list)][1]
    table2[3][-1] = builders.C("999")  # break 一、本年新收's 总计
    (folder / "bad.docx").write_bytes(builders.build_docx(blocks))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner.htm", builders.build_word_html(builders.report_blocks(seed=2, year=2023)))
        archive.writestr("broken.pdf", b"%PDF-1.4 truncated")
    (folder / "batch.zip").write_bytes(buffer.getvalue())


def test_a_folder_with_a_zip_summary_and_exit_code(tmp_path, capsys):
    write_reports(tmp_path / "reports")
    assert main(["audit", "--jobs", "1", str(tmp_path / "reports")]) == 1
    out = capsys.readouterr().out
    assert "✓ " in out and "good.html：2023年度，2021年格式，0个错误" in out
    assert (
        "bad.docx" in out
        and "[错误] 依申请公开情况表行合计不等（T2-ROW-TOTAL）" in out
        and "总计为999" in out
    )
    assert "batch.zip!inner.htm：2023年度" in out
    assert "batch.zip!broken.pdf" in out and "无法读取" in out


def test_json_follows_the_schema_and_exports_are_written(tmp_path, capsys):
    write_reports(tmp_path / "reports")
    xlsx, csv_file = tmp_path / "out.xlsx", tmp_path / "cells.csv"
    main(
        [
            "audit",
            "--jobs",
            "2",
            "--json",
            "--xlsx",
            str(xlsx),
            "--csv",
            str(csv_file),
            str(tmp_path / "reports"),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 4 and conforms(data, SCHEMA)
    assert not conforms([{"file": 1}], SCHEMA)  # the walker itself rejects a wrong document
    book = load_workbook(xlsx, read_only=True)
    cells, findings = (list(book[name].iter_rows(values_only=True)) for name in ("单元格", "问题"))
    assert cells[0][:4] == ("文件", "年度", "格式", "表格") and len(cells) > 3 * 80
    assert any(row[1] == "T2-ROW-TOTAL" for row in findings)
    assert csv_file.read_text(encoding="utf-8-sig").startswith("文件,年度,格式,表格")


def test_explain_every_check_and_bad_paths(capsys):
    for code in CHECKS:
        assert main(["audit", "--explain", code.lower()]) == 0
    assert "依申请公开情况表勾稽关系不成立" in capsys.readouterr().out
    assert main(["audit", "--explain", "NOPE"]) == 2
    assert main(["audit", "/no/such/file.pdf"]) == 2
    assert "文件或文件夹不存在" in capsys.readouterr().out


def test_a_bad_government_due_date_is_refused_before_any_file_is_read(tmp_path, capsys, monkeypatch):
    write_reports(tmp_path / "reports")
    monkeypatch.setenv("GONGKAI_GOVERNMENT_REPORT_DUE", "3月31日")
    assert main(["audit", "--jobs", "1", str(tmp_path / "reports")]) == 2
    captured = capsys.readouterr()
    assert "GONGKAI_GOVERNMENT_REPORT_DUE 应为“月-日”，如 03-31，而不是“3月31日”" in captured.err
    assert "good.html" not in captured.out
