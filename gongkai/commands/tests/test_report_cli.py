"""`gongkai report` runs on the embedded default of `make run` with no variables, and a problem of
configuration or database is one Chinese line with exit code 2, never a traceback.

Each command runs in a fresh process with an empty environment, as a user's terminal right after
`make run` would be; GONGKAI_VAR_DIR only keeps the test's SQLite file out of the checkout's var/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[3]


def run(var_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(var_dir), "GONGKAI_VAR_DIR": str(var_dir), **extra}
    return subprocess.run(  # noqa: S603 - fixed argument lists
        args, cwd=var_dir, env=env, capture_output=True, text=True, timeout=300
    )


def one_chinese_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    return lines[0]


def test_report_after_make_run_needs_no_variables(tmp_path):
    gongkai = str(BIN / "gongkai")
    before = run(tmp_path, gongkai, "report", "donghu", "2025", "-o", "r.docx")
    assert "数据库尚未建表" in one_chinese_error_line(before)
    # What `make run` does before serving: migrate and the demo bodies (the cases are not needed).
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    assert run(tmp_path, *manage, "migrate", "-v", "0", GONGKAI_DEBUG="true").returncode == 0
    demo = "import django; django.setup(); from gongkai.bodies.demo import load_demo; load_demo()"
    seeded = run(
        tmp_path,
        str(BIN / "python"),
        "-c",
        demo,
        GONGKAI_DEBUG="true",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    assert seeded.returncode == 0, seeded.stderr
    after = run(
        tmp_path, gongkai, "report", "donghu", "2025", "--format", "docx", "-o", "东湖街道2025年年报.docx"
    )
    assert after.returncode == 0, after.stderr
    text = "\n".join(p.text for p in Document(tmp_path / "东湖街道2025年年报.docx").paragraphs)
    assert "东湖街道" in text and "2025年" in text
    nowhere = run(tmp_path, gongkai, "report", "donghu", "2025", "-o", "没有的目录/r.docx")
    assert "无法写入“没有的目录/r.docx”" in one_chinese_error_line(nowhere)


def test_a_malformed_setting_is_one_line(tmp_path):
    result = run(tmp_path, str(BIN / "gongkai"), "report", "donghu", "2025", GONGKAI_DB_CONN_MAX_AGE="abc")
    assert "GONGKAI_DB_CONN_MAX_AGE 应为整数" in one_chinese_error_line(result)


def test_production_without_its_secret_is_one_line(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/gongkai_missing"
    result = run(tmp_path, str(BIN / "gongkai"), "report", "donghu", "2025", DATABASE_URL=url)
    assert "GONGKAI_SECRET_KEY 未设置" in one_chinese_error_line(result)


def test_an_unreachable_database_is_one_line(tmp_path):
    # Port 9 (discard) has no PostgreSQL: the connection is refused at once.
    url = "postgres://postgres@127.0.0.1:9/gongkai"
    result = run(
        tmp_path,
        str(BIN / "gongkai"),
        "report",
        "donghu",
        "2025",
        DATABASE_URL=url,
        GONGKAI_SECRET_KEY="x" * 50,
    )
    assert "无法连接数据库" in one_chinese_error_line(result)
