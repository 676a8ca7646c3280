"""`gongkai scan` on real files: hits with their location, exit codes, unreadable files explained."""

import io
import json

from docx import Document

from gongkai.cli import main

ID = "11010519491231002X"


def test_text_file_hits_are_listed_with_line_numbers(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_text(f"关于低保发放的通知\n申请人身份证号：{ID}\n联系电话 13812345678\n", encoding="utf-8")
    assert main(["scan", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{path}  第2行  身份证号码：{ID}", f"{path}  第3行  手机号码：13812345678"]


def test_the_issues_draft_shows_the_mistyped_id_and_the_hits_to_judge(tmp_path, capsys):
    path = tmp_path / "公示.txt"
    path.write_text("张伟，身份证号440301198502153216，电话027-87654321\n", encoding="utf-8")
    assert main(["scan", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}  第1行  姓名（紧邻证件号或电话）（请判断）：张伟",
        f"{path}  第1行  疑似身份证号（校验位不符）：440301198502153216",
        f"{path}  第1行  固定电话（紧邻姓名）（请判断）：027-87654321",
    ]
    assert main(["scan", "--json", str(path)]) == 1
    hits = json.loads(capsys.readouterr().out)[0]["hits"]
    assert [(h["kind"], h["severity"]) for h in hits] == [
        ("person_name", "review"),
        ("resident_id_mistyped", "sensitive"),
        ("fixed_line", "review"),
    ]


def test_docx_table_cell_hits(tmp_path, capsys):
    document = Document()
    document.add_paragraph("低保对象名单")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "身份证号"
    table.cell(1, 0).text, table.cell(1, 1).text = "张三", ID
    path = tmp_path / "名单.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    assert main(["scan", "--json", str(path)]) == 1
    [entry] = json.loads(capsys.readouterr().out)
    assert [(h["kind"], h["value"]) for h in entry["hits"]] == [("resident_id", ID)]
    assert "第2行第2列" in entry["hits"][0]["location"]


def test_clean_file_exits_zero(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("本机关2026年度预算已公开。", encoding="utf-8")
    assert main(["scan", str(path)]) == 0
    assert "未发现敏感信息" in capsys.readouterr().out


def test_missing_empty_and_old_binary_files_are_explained(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert main(["scan", str(tmp_path / "nope.pdf"), str(empty), str(old)]) == 2
    err = capsys.readouterr().err
    assert "nope.pdf：文件不存在。" in err
    assert "empty.txt：文件为空。" in err
    assert "old.doc：旧版 Word/Excel 格式" in err


def test_docx_header_footer_and_text_box_hits_are_named(tmp_path, capsys):
    from gongkai.core.reports.tests.builders import build_margins_docx

    path = tmp_path / "公示.docx"
    path.write_bytes(
        build_margins_docx(
            header=f"身份证 {ID}", footer="联系电话 13812345678", box="邮箱 zhang.san@example.com"
        )
    )
    assert main(["scan", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}  文本框1 第2段  电子邮箱：zhang.san@example.com",
        f"{path}  页眉 第2段  身份证号码：{ID}",
        f"{path}  页脚 第1段  手机号码：13812345678",
    ]
