"""Plain text keeps every line with its number; Markdown pipe tables become grids."""

from gongkai.core.reports.readers import read_bytes
from gongkai.core.reports.source import SourceLine, SourceTable

SEED_LIKE = """# 某街道2024年政府信息公开工作年度报告

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 |  | 5 |
结束
"""


def test_pipe_tables_become_grids_and_other_lines_stay_lines():
    document = read_bytes(SEED_LIKE.encode("utf-8"), "report.md")
    assert document.kind == "markdown"
    kinds = [type(block) for block in document.blocks]
    assert kinds == [SourceLine, SourceLine, SourceTable, SourceLine]
    table = document.tables()[0]
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "2", "", "5"],
    ]
    assert table.rows[2][2].loc.describe() == "表1 第3行第3列"
    assert table.rows[2][2].loc.line == 6


def test_gbk_text_is_decoded():
    document = read_bytes("申请人情况\t自然人\n".encode("gbk"), "report.txt")
    assert [line.text for line in document.lines()] == ["申请人情况\t自然人"]
