"""Cases carry the statutory due date; a calendar change re-dates open cases and logs it on each."""

from datetime import date

import pytest

from gongkai.applications.calendar_import import calendar_year_import
from gongkai.applications.clock import clock_state
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.bodies.services import ServiceError
from gongkai.core.workcalendar import shipped_arrangements


def test_registration_sets_the_due_date(cast):
    application = register(cast)  # received Mon 2026-03-02
    assert application.due_on == date(2026, 3, 30)
    state = clock_state(application, date(2026, 3, 2))
    assert state.explanation[-1] == "答复期限：2026-03-30（星期一），共20个工作日。"


def test_a_case_running_into_an_unknown_year_has_no_due_date_until_the_year_is_imported(cast):
    application = register(cast, received_on=date(2026, 12, 15), today=date(2026, 12, 15))
    assert application.due_on is None
    data = {
        "year": 2027,
        "notice": "国务院办公厅关于2027年部分节假日安排的通知（示例）",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "makeup_workdays": [],
    }
    _, moved = calendar_year_import(actor=cast.superuser, data=data, reason="示例数据")
    application.refresh_from_db()
    # 12-16..18 (3); 21..25 (8); 28..31 (12); 2027-1-1..3 元旦; 1-4..8 (17); 1-11..13 (20).
    assert (moved, application.due_on) == (1, date(2027, 1, 13))
    entry = AuditEntry.objects.get(action="application.due_recomputed")
    assert entry.target_id == str(application.pk)
    assert "答复期限由—改为2027-01-13" in entry.summary


def test_correcting_a_year_moves_open_cases_only(cast):
    open_case = register(cast, received_on=date(2026, 2, 13), today=date(2026, 2, 13))
    assert open_case.due_on == date(2026, 3, 19)
    corrected = shipped_arrangements()[-1].to_dict()
    corrected["makeup_workdays"] = [d for d in corrected["makeup_workdays"] if d != "2026-02-28"]
    calendar_year_import(actor=cast.superuser, data=corrected, reason="更正：2月28日不再调休上班")
    open_case.refresh_from_db()
    assert open_case.due_on == date(2026, 3, 20)


def test_a_bad_import_changes_nothing(cast):
    application = register(cast)
    with pytest.raises(ServiceError, match="不是有效日期"):
        calendar_year_import(
            actor=cast.superuser,
            data={"year": 2027, "holidays": [{"name": "元旦", "start": "2027-13-01", "end": "2027-01-01"}]},
            reason="x",
        )
    application.refresh_from_db()
    assert application.due_on == date(2026, 3, 30)
    assert not AuditEntry.objects.filter(action="calendar.import").exists()


def test_the_administrator_imports_a_year_on_its_page(client, cast):
    client.force_login(cast.superuser)
    page = client.get("/work/calendar/").content.decode()
    assert "春节 2月15日至2月23日" in page and "2月14日、2月28日" in page
    bad = client.post("/work/calendar/", {"data": "{not json", "reason": "x"})
    assert bad.status_code == 400 and "JSON 格式错误" in bad.content.decode()
    data = '{"year": 2027, "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]}'
    response = client.post(
        "/work/calendar/", {"data": data, "reason": "国办发明电〔2026〕示例号"}, follow=True
    )
    assert "已保存2027年节假日安排" in response.content.decode()
    client.force_login(cast.admin)  # a body's administrator does not change the shared calendar
    assert client.get("/work/calendar/").status_code == 403
