"""When the annual report is due: departments by 31 January (条例第四十九条); a government's own
report by the configured date, 31 March unless GONGKAI_GOVERNMENT_REPORT_DUE says otherwise."""

from datetime import date

import pytest

from gongkai.core.report_due import government_due, is_government_report, report_due_on


@pytest.mark.parametrize(
    ("name", "government"),
    [
        ("上海市人民政府", True),
        ("北京市通州区人民政府", True),
        ("保康县人民政府", True),
        ("门源回族自治县人民政府", True),
        ("上海市人民政府办公厅", False),
        ("大冶市自然资源和规划局", False),
        ("西乡塘区人民政府 ", True),
        ("黄沙镇人民政府", False),
        ("东湖街道办事处", False),
        ("", False),
    ],
)
def test_a_governments_own_report_is_told_by_its_name(name, government):
    assert is_government_report(name) is government


def test_departments_and_governments_dates(monkeypatch):
    monkeypatch.delenv("GONGKAI_GOVERNMENT_REPORT_DUE", raising=False)
    assert report_due_on(2025, government=False) == date(2026, 1, 31)
    assert report_due_on(2025, government=True) == date(2026, 3, 31)
    monkeypatch.setenv("GONGKAI_GOVERNMENT_REPORT_DUE", "02-29")
    assert report_due_on(2023, government=True) == date(2024, 2, 29)
    assert report_due_on(2024, government=True) == date(2025, 2, 28)
    assert report_due_on(2024, government=False) == date(2025, 1, 31)


@pytest.mark.parametrize("text", ["3-31", "03-32", "13-01", "三月", ""])
def test_a_bad_setting_says_what_is_expected(monkeypatch, text):
    monkeypatch.setenv("GONGKAI_GOVERNMENT_REPORT_DUE", text)
    with pytest.raises(ValueError, match="应为“月-日”，如 03-31"):
        government_due()
