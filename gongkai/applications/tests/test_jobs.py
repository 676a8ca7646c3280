"""The daily jobs: abandoned cases close on the right day; reminders and 督办 list the right cases."""

from datetime import date

from django.core.management import call_command

from gongkai.applications import handling
from gongkai.applications.models import Application
from gongkai.applications.reminders import due_cases, overdue_under, reminder_digest
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register


def test_a_case_whose_supplement_never_came_closes_the_day_after_the_period(cast, weasyprint_available):
    case = register(cast)  # received Mon 2026-03-02
    letter = handling.supplement_request(
        actor=cast.clerk,
        application=case,
        on=date(2026, 3, 4),
        missing="年份",
        working_days=10,
        today=date(2026, 3, 4),
    )
    handling.delivery_record(  # handed over in person: the period runs from that day (条例第三十条)
        actor=cast.clerk,
        letter=letter,
        channel="in_person",
        delivered_on=date(2026, 3, 4),
        today=date(2026, 3, 4),
    )
    # 10 working days after Wed 3-4: 3-5,6 (2); 9..13 (7); 16..18 (10) -> period ends 3-18.
    assert handling.close_abandoned(today=date(2026, 3, 18)) == []
    [closed] = handling.close_abandoned(today=date(2026, 3, 25))  # the job ran late: the date does not move
    assert (closed.status, closed.outcome, closed.decided_on) == (
        "closed",
        "other_no_supplement",
        date(2026, 3, 19),
    )
    assert handling.close_abandoned(today=date(2026, 3, 26)) == []  # idempotent


def test_reminders_and_supervision(cast):
    soon = register(cast, received_on=date(2026, 11, 2), today=date(2026, 11, 24))  # due 2026-11-30
    late = register(cast, received_on=date(2026, 10, 12), today=date(2026, 11, 24))  # due 2026-11-09
    for case in (soon, late):
        application_assign(actor=cast.head, application=case, clerk=cast.clerk, today=date(2026, 11, 24))
    today = date(2026, 11, 24)
    found = {due.application.number: due.days_left for due in due_cases(bodies=[cast.body], today=today)}
    # soon: 11-25..27 (3), 11-30 (4) working days left; late: 11-10..13 (4), 16..20 (9), 23, 24 (11) overdue.
    assert found == {soon.number: 4, late.number: -11}
    [(clerk, lines)] = reminder_digest(today=today)
    assert clerk == cast.clerk
    assert lines == [
        f"{late.number}（示范区东湖街道办事处）已逾期11个工作日，答复期限2026-11-09",
        f"{soon.number}（示范区东湖街道办事处）还剩4个工作日，答复期限2026-11-30",
    ]
    overdue = overdue_under(supervisor_ids=[cast.office.id], today=today)
    assert [due.application.number for due in overdue] == [late.number]


def test_the_jobs_run_from_the_command_line(cast, capsys):
    call_command("close_abandoned_cases")
    call_command("send_reminders", "--dry-run")
    call_command("refresh_deadlines")
    out = capsys.readouterr().out
    assert "共终止 0 件。" in out and "共提醒" in out and "答复期限变化 0 件" in out
    assert Application.objects.count() == 0


def test_the_daily_job_repairs_a_stored_due_date_that_drifted(cast, capsys):
    application = register(cast)  # received 2026-03-02: due 2026-03-30
    Application.objects.filter(pk=application.pk).update(due_on=None)  # e.g. written by an older version
    call_command("refresh_deadlines")
    application.refresh_from_db()
    assert application.due_on == date(2026, 3, 30)
    assert "答复期限变化 1 件" in capsys.readouterr().out
