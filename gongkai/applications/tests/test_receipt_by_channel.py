"""条例第三十一条 on cases: the online form's receipt day follows the body's rule and says so; an
in-person receipt or an answer recorded on a non-working day is warned about."""

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.applications import handling
from gongkai.applications.clock import clock_state
from gongkai.applications.models import Application
from gongkai.applications.tests.test_register import public_form, register
from gongkai.common.services import ServiceError

IN_PERSON_WARNING = "当面提交申请的日期2026-10-03（星期六）为国庆节假期，不是工作日，请核实。"


@pytest.fixture
def on_national_day(monkeypatch):
    """The public form is submitted on Sat 2026-10-03, inside the 国庆 holiday."""
    cache.clear()
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 10, 3))


def test_the_public_form_says_which_day_counts(client, cast):
    page = client.get("/apply/donghu/").content.decode()
    assert "在线提交的申请，以本机关确认收到之日为收到申请之日：工作日提交的为提交当日，" in page
    assert "周末或法定节假日提交的为其后第一个工作日（条例第三十一条）。" in page


def test_an_online_application_on_a_holiday_is_received_the_next_working_day(client, cast, on_national_day):
    response = client.post("/apply/donghu/", public_form())
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.received_on == date(2026, 10, 8)
    assert list(application.clock_events.values_list("kind", "on")) == [("received", date(2026, 10, 8))]
    page = client.get(response["Location"]).content.decode()
    assert "<dt>收到申请日期</dt><dd>2026年10月8日</dd>" in page  # the status page tells the applicant


def test_a_body_whose_rule_is_the_submission_day(client, cast, on_national_day, settings):
    settings.CLOCK_ONLINE_RECEIPT = "submission_day"
    assert "以提交之日为收到申请之日" in client.get("/apply/donghu/").content.decode()
    client.post("/apply/donghu/", public_form())
    assert Application.objects.get().received_on == date(2026, 10, 3)


def test_each_body_states_its_own_rule_on_its_settings_page(client, cast, on_national_day):
    """The 管理员 records the body's published rule; another body keeps the deployment's."""
    client.force_login(cast.admin)
    page = client.get("/bodies/donghu/applications/settings/").content.decode()
    assert "在线申请的收到日期" in page
    saved = client.post(
        "/bodies/donghu/applications/settings/",
        {"flow": "three_steps", "online_receipt": "submission_day"},
    )
    assert saved.status_code == 302
    client.logout()
    assert "以提交之日为收到申请之日" in client.get("/apply/donghu/").content.decode()
    client.post("/apply/donghu/", public_form())
    assert Application.objects.get().received_on == date(2026, 10, 3)
    other = cast.other_body.code
    assert "以本机关确认收到之日为收到申请之日" in client.get(f"/apply/{other}/").content.decode()


def test_a_rule_that_is_not_one_of_the_two_is_refused(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        "/bodies/donghu/applications/settings/", {"flow": "three_steps", "online_receipt": "whenever"}
    )
    assert response.status_code == 400 and "whenever 不在可用的选项中" in response.content.decode()


def test_an_online_receipt_may_not_be_later_than_the_day_the_body_confirms(cast):
    with pytest.raises(ServiceError, match="收到申请日期不能晚于2026-10-08。"):
        register(cast, channel="online", received_on=date(2026, 10, 9), today=date(2026, 10, 3))
    with pytest.raises(ServiceError, match="收到申请日期不能晚于今天。"):
        register(cast, channel="post", received_on=date(2026, 10, 8), today=date(2026, 10, 3))
    assert Application.objects.count() == 0


def test_an_in_person_receipt_on_a_holiday_is_warned_about(client, cast):
    case = register(cast, channel="in_person", received_on=date(2026, 10, 3), today=date(2026, 10, 9))
    assert IN_PERSON_WARNING in clock_state(case, date(2026, 10, 9)).warnings
    client.force_login(cast.clerk)
    assert IN_PERSON_WARNING in client.get(f"/bodies/donghu/applications/{case.pk}/").content.decode()
    by_post = register(cast, channel="post", received_on=date(2026, 10, 3), today=date(2026, 10, 9))
    assert not any("不是工作日" in w for w in clock_state(by_post, date(2026, 10, 9)).warnings)


def test_an_answer_on_a_non_working_day_is_warned_about(cast, weasyprint_available):
    case = register(cast)  # received Mon 3-2
    handling.application_decide(
        actor=cast.clerk,
        application=case,
        outcome_code="granted",
        access="当面领取",
        on=date(2026, 3, 7),
        reason="",
        today=date(2026, 3, 9),
    )
    warnings = clock_state(case, date(2026, 3, 9)).warnings
    assert "作出答复的日期2026-03-07（星期六）为周末，不是工作日，请核实。" in warnings
