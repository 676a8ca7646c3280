"""Cases carry the statutory due date; a calendar change re-dates open cases and logs it on each."""

from datetime import date

import pytest

from gongkai.applications import consultations
from gongkai.applications.calendar_import import calendar_year_import
from gongkai.applications.clock import clock_state
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.core.workcalendar import shipped_arrangements


def test_registration_sets_the_due_date(cast):
    application = register(cast)  # received Mon 2026-03-02
    assert application.due_on == date(2026, 3, 30)
    state = clock_state(application, date(2026, 3, 2))
    assert state.explanation[-1] == "答复期限：2026-03-30（星期一），共20个工作日。"


def test_a_case_running_into_an_unknown_year_gets_a_provisional_date_until_the_year_is_imported(client, cast):
    application = register(cast, received_on=date(2026, 12, 15), today=date(2026, 12, 15))
    # Weekends only in 2027: 12-16..18 (3); 21..25 (8); 28..31 (12); 2027-1-1 (13); 1-4..8 (18); 1-11, 12.
    assert application.due_on == date(2027, 1, 12)
    state = clock_state(application, date(2026, 12, 15))
    assert state.warnings[0].startswith("暂定：2027年节假日安排未导入，期限暂按周末计算")
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/donghu/applications/{application.pk}/").content.decode()
    assert "（暂定：2027年节假日安排未导入）" in page
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
    assert (entry.target_type, entry.target_id) == ("applications.application", str(application.pk))
    assert entry.body_id == application.body_id
    assert "答复期限由2027-01-12改为2027-01-13" in entry.summary
    # The same entry whichever path wrote it (PostgreSQL: one SQL statement; SQLite: bulk INSERTs).
    assert (
        entry.summary
        == f"{application.number} 因节假日安排变化，答复期限由2027-01-12改为2027-01-13（2027年节假日安排录入）"
    )
    assert (entry.before, entry.after) == ({"due_on": "2027-01-12"}, {"due_on": "2027-01-13"})
    assert (entry.actor_id, entry.legal_basis) == (cast.superuser.pk, "《政府信息公开条例》第三十三条")
    assert entry.actor_name == (cast.superuser.get_full_name() or cast.superuser.username)
    assert "暂定" not in client.get(f"/bodies/donghu/applications/{application.pk}/").content.decode()


def test_an_unanswered_consultation_keeps_a_due_date(cast, weasyprint_available):
    # 条例第三十二条: the third party's 15 working days are not counted. Sent Mon 3-9 after 5 days;
    # its limit is 3-30; if it does not answer, counting resumes and the answer is due 4-21.
    application = register(cast)
    consultations.consultation_send(
        actor=cast.clerk,
        application=application,
        on=date(2026, 3, 9),
        third_party="某公司",
        concerns="商业秘密",
        today=date(2026, 3, 9),
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 21)
    state = clock_state(application, date(2026, 3, 10))
    assert state.due_on == date(2026, 4, 21) and not state.running
    # Answered on Fri 3-20: 15 left from 3-20 -> 4-13 (清明 4-4..6 not counted).
    consultations.consultation_answer(
        actor=cast.clerk,
        application=application,
        on=date(2026, 3, 20),
        position="object",
        reason="涉及商业秘密",
        today=date(2026, 3, 20),
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 13)


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
