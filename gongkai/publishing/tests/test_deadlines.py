"""条例第二十六条's date when the year's holidays are not loaded yet: provisional, flagged, re-dated."""

from datetime import date

from gongkai.applications.calendar_import import calendar_year_import
from gongkai.auditlog.models import AuditEntry
from gongkai.common.todo import todo_for
from gongkai.publishing.selectors import is_late
from gongkai.publishing.services import publication_create
from gongkai.publishing.tests.test_create import catalogue  # noqa: F401 - the fixture

YEAR_2027 = {
    "year": 2027,
    "notice": "国务院办公厅关于2027年部分节假日安排的通知（示例）",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
}


def test_an_item_due_in_a_year_not_loaded_gets_a_provisional_date_and_is_flagged_late(cast, catalogue):  # noqa: F811
    item = publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=catalogue.get(code="dibao"),
        kind="other",
        details={"title": "2026年12月低保公示", "issuer": "东湖街道办事处", "formed_on": date(2026, 12, 20)},
        today=date(2026, 12, 21),
    )
    version = item.versions.get()
    # Weekends only in 2027: 12-21..25 (5); 28..31 (9); 2027-1-1 (10); 1-4..8 (15); 1-11..15 (20).
    assert version.due_on == date(2027, 1, 15)
    assert is_late(version, date(2027, 1, 18))
    reminder = [i for i in todo_for(cast.superuser, date(2026, 12, 21)) if "2027年节假日安排" in i.title]
    assert len(reminder) == 1 and "暂定：2027年节假日安排未导入" in reminder[0].detail
    # One item a year, counting every area registered with registry.deadlines (no open case here).
    assert "：0件申请、1条主动公开信息的期限暂按周末计算，导入后自动重算。" in reminder[0].detail
    assert not [i for i in todo_for(cast.clerk, date(2026, 12, 21)) if "2027年节假日安排" in i.title]

    calendar_year_import(actor=cast.superuser, data=YEAR_2027, reason="国办发明电〔2026〕示例号")
    version.refresh_from_db()
    # 元旦 2027-1-1 not counted: 12-21..25 (5); 28..31 (9); 1-4..8 (14); 1-11..15 (19); 1-18 (20).
    assert version.due_on == date(2027, 1, 18)
    entry = AuditEntry.objects.get(action="publishing.due_recomputed")
    assert entry.target_id == str(item.pk) and "由2027-01-15改为2027-01-18" in entry.summary
    assert not [i for i in todo_for(cast.superuser, date(2026, 12, 21)) if "2027年节假日安排" in i.title]
