"""`gongkai deadline` prints the due date with its explanation, and refuses bad input in one line."""

import json

import pytest

from gongkai.cli import main


def test_received_before_spring_festival(capsys):
    assert main(["deadline", "--received", "2026-02-13", "--today", "2026-02-13"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "收到申请 2026-02-13（星期五）。依《民法典》第二百零一条，当日不计入，自次日起算。"
    assert out[-1] == "答复期限：2026-03-19（星期四），共20个工作日。"


def test_supplement_and_extension_as_json(capsys):
    # Supplement received Tue 3-3: 3-4..6 (3); 9..13 (8); 16..20 (13); 23..27 (18); 3-30, 31 (20);
    # plus 20: 4-1..3 (3); 4-4..6 清明; 4-7..10 (7); 13..17 (12); 20..24 (17); 27..29 (20) -> 4-29.
    args = [
        "deadline",
        "--received",
        "2026-02-13",
        "--supplement",
        "2026-02-25:2026-03-03",
        "--extension",
        "20",
        "--extension-on",
        "2026-03-20",
        "--today",
        "2026-03-20",
        "--json",
    ]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["due_on"], result["allowed"], result["used"]) == ("2026-04-29", 40, 13)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2026-02-30"], "收到申请日期“2026-02-30”不是有效日期"),
        (["--received", "2026-12-15"], "日历中没有2027年的节假日安排"),
        (["--received", "2026-03-02", "--extension", "25"], "延长期限最长不超过20个工作日"),
        (
            ["--received", "2026-03-02", "--consultation", "2026-03-10:2026-03-05"],
            "结束日期2026-03-05早于开始日期",
        ),
        (["--received", "2026-03-02", "--fee", "2026-02-01"], "不能早于收到申请日期"),
        (["--received", "2026-03-02", "--calendar", "/no/such.json"], "无法读取节假日安排文件"),
        (  # 条例第三十三条第二款: the period (to 3-30) had run out when the extension was decided
            ["--received", "2026-03-02", "--extension", "10", "--extension-on", "2026-03-31"],
            "延长答复期限应当在答复期限届满前决定",
        ),
        (  # 条例第三十条: one 补正 notice listing everything
            [
                "--received",
                "2026-03-02",
                "--supplement",
                "2026-03-04:2026-03-06",
                "--supplement",
                "2026-03-09",
            ],
            "补正告知只能一次性发出",
        ),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(capsys, args, message):
    assert main(["deadline", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_next_year_file_extends_the_calendar(tmp_path, capsys):
    path = tmp_path / "2027.json"
    path.write_text(
        json.dumps(
            {"year": 2027, "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]}
        ),
        encoding="utf-8",
    )
    assert (
        main(["deadline", "--received", "2026-12-15", "--today", "2026-12-15", "--calendar", str(path)]) == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == "答复期限：2027-01-13（星期三），共20个工作日。"


def test_a_pending_consultation_prints_the_date_that_holds_if_the_third_party_does_not_answer(capsys):
    # 条例第三十二条: sent 3-9 after 5 days; the third party's 15 working days end 3-30.
    args = ["deadline", "--received", "2026-03-02", "--consultation", "2026-03-09", "--today", "2026-03-10"]
    assert main(args) == 0
    assert (
        "若第三方在2026-03-30（星期一）前未提出意见，自次日起继续计时，答复期限为2026-04-21（星期二），共20个工作日。"
        in capsys.readouterr().out.splitlines()
    )
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due_on"] == "2026-04-21"


def test_delivery_dates_start_the_periods(capsys):
    # 条例第三十二条: the third party received the request Wed 3-11, so its limit is 4-1 and the
    # answer is due 4-23 if it does not answer (worked in core/tests/test_answer_clock.py).
    args = ["deadline", "--received", "2026-03-02", "--consultation", "2026-03-09@2026-03-11", "--json"]
    assert main([*args, "--today", "2026-03-12"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["due_on"], result["warnings"]) == ("2026-04-23", [])
    # 条例第三十条: 补正 signed for Tue 9-29 -> deemed abandoned after 10-26.
    args = ["deadline", "--received", "2026-09-21", "--supplement", "2026-09-24@2026-09-29", "--json"]
    assert main([*args, "--today", "2026-10-12"]) == 0
    assert json.loads(capsys.readouterr().out)["abandon_on"] == "2026-10-26"
