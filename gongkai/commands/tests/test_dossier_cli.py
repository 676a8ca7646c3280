"""`gongkai dossier BODY CASE_NUMBER -o FILE`: the 案卷 written to a file; a problem is one
Chinese line and exit code 2."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader

from gongkai.applications.demo import REQUESTS, load_demo_cases
from gongkai.applications.models import Application
from gongkai.cli import main
from gongkai.commands.tests.test_report_cli import BIN, one_chinese_error_line, run


@pytest.fixture
def answered(cast, weasyprint_available, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    load_demo_cases()
    return Application.objects.get(status="answered", information_requested=REQUESTS[1])  # the partial answer


def test_the_dossier_is_written_to_the_file(answered, tmp_path, capsys):
    output = tmp_path / "案卷.pdf"
    assert main(["dossier", "donghu", answered.number, "-o", str(output)]) == 0
    assert f"已生成 {output}" in capsys.readouterr().out
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(output.read_bytes())).pages)
    assert answered.number in text and answered.letters.get().number in text
    archive = tmp_path / "原件.zip"
    assert main(["dossier", "示范区东湖街道办事处", answered.number, "--zip", "-o", str(archive)]) == 0
    assert any(n.endswith("EMS回执.png") for n in zipfile.ZipFile(archive).namelist())


@pytest.mark.parametrize(
    ("body", "number", "message"),
    [
        ("nowhere", "DONGHU-2026-0001", "机关“nowhere”不存在"),
        ("czj", "DONGHU-2026-0002", "没有申请编号为“DONGHU-2026-0002”的申请"),  # another body's case
        ("donghu", "'; DROP TABLE x;--", "没有申请编号为"),
    ],
)
def test_a_wrong_body_or_case_is_one_line_and_exit_2(answered, tmp_path, capsys, body, number, message):
    assert main(["dossier", body, number, "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and message in err[0]
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_output_is_one_line_and_exit_2(answered, tmp_path, capsys):
    assert main(["dossier", "donghu", answered.number, "-o", str(tmp_path / "no" / "such" / "dir.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "无法写入" in err[0]


def test_without_a_database_it_says_so_in_one_line(tmp_path):
    result = run(tmp_path, str(BIN / "gongkai"), "dossier", "donghu", "DONGHU-2026-0001")
    assert "数据库尚未建表" in one_chinese_error_line(result)
