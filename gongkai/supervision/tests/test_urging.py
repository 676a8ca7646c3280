"""督办: a 督查 urges an overdue case of a supervised body; the body sees it today and replies."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError
from gongkai.common.todo import todo_for
from gongkai.supervision.models import Urging
from gongkai.supervision.urging import overdue_for, urging_issue, urging_reply


def overdue_case(cast, **overrides):
    """A case received three months ago and never answered: overdue by dozens of working days."""
    from gongkai.applications.tests.test_register import register

    today = timezone.localdate()
    return register(cast, received_on=today - timedelta(days=90), today=today, **overrides)


def fresh_case(cast):
    from gongkai.applications.tests.test_register import register

    today = timezone.localdate()
    return register(cast, received_on=today, today=today)


def urge(cast, application, note="请于3个工作日内答复申请人。"):
    return urging_issue(actor=cast.inspector, application=application, note=note, today=timezone.localdate())


def test_an_inspector_urges_an_overdue_case_and_it_is_logged(cast):
    case = overdue_case(cast)
    urging = urge(cast, case)
    assert (urging.issued_by_body, urging.application, urging.replied) == (cast.office, case, False)
    assert (
        urging.days_overdue
        == overdue_for(user=cast.inspector, today=timezone.localdate())[0].days_overdue
        > 20
    )
    entry = AuditEntry.objects.get(action="supervision.urge")
    assert entry.body == cast.body and "督办" in entry.summary


@pytest.mark.parametrize(
    ("who", "problem"),
    [
        ("outsider", "只有上级机关的督查"),
        ("clerk", "只有上级机关的督查"),
        ("superuser", "只有上级机关的督查"),
    ],
)
def test_only_a_supervising_inspector_may_urge(cast, who, problem):
    case = overdue_case(cast)
    with pytest.raises(ServiceError, match=problem):
        urging_issue(actor=getattr(cast, who), application=case, note="快办", today=timezone.localdate())
    assert not Urging.objects.exists() and not AuditEntry.objects.filter(action="supervision.urge").exists()


def test_a_case_not_overdue_cannot_be_urged_nor_an_empty_note(cast):
    with pytest.raises(ServiceError, match="未逾期或已办结"):
        urge(cast, fresh_case(cast))
    with pytest.raises(ServiceError, match="督办意见"):
        urge(cast, overdue_case(cast), note="   ")
    assert not Urging.objects.exists()


def test_the_body_sees_it_on_its_home_page_until_it_replies(cast):
    urging = urge(cast, overdue_case(cast))
    today = timezone.localdate()
    [item] = [i for i in todo_for(cast.clerk, today) if i.title.startswith("督办：")]
    assert item.urgent and item.url == f"/work/urgings/{urging.pk}/" and "请于3个工作日内答复" in item.detail
    assert not [i for i in todo_for(cast.outsider, today) if i.title.startswith("督办：")]
    with pytest.raises(ServiceError, match="只有本机关的办理人员"):
        urging_reply(actor=cast.inspector, urging=urging, reply="已办", today=today)
    urging_reply(actor=cast.clerk, urging=urging, reply="已于今日答复申请人。", today=today)
    assert not [i for i in todo_for(cast.clerk, today) if i.title.startswith("督办：")]
    with pytest.raises(ServiceError, match="已回复"):
        urging_reply(actor=cast.clerk, urging=urging, reply="再次回复", today=today)
    assert AuditEntry.objects.filter(action="supervision.urge_reply").count() == 1


def test_the_overdue_page_urges_filters_and_exports(client, cast):
    case = overdue_case(cast)
    client.force_login(cast.inspector)
    page = BeautifulSoup(client.get("/work/overdue/").content, "html.parser")
    assert page.find("a", href=f"/work/overdue/{case.pk}/urge/").get_text() == "督办"
    response = client.post(f"/work/overdue/{case.pk}/urge/", {"note": "请尽快答复。"})
    assert response.status_code == 302
    page = client.get("/work/overdue/").content.decode()
    assert "待回复" in page and case.number in page
    # Filters: more working days than any case is overdue, and a body the inspector cannot see.
    assert "没有逾期的申请" in client.get("/work/overdue/?min_days=9999").content.decode()
    refused = client.get("/work/overdue/?body=nowhere")
    assert refused.status_code == 400 and "nowhere 不在可用的选项中" in refused.content.decode()
    assert client.get("/work/overdue/?min_days=-1").status_code == 400
    sheet = load_workbook(io.BytesIO(client.get("/work/overdue.xlsx?body=donghu").content)).active
    rows = list(sheet.values)
    assert rows[0][:5] == ("机关", "编号", "收到日期", "答复期限", "逾期工作日")
    assert [r[1] for r in rows[1:]] == [case.number] and rows[1][6].endswith("待回复")


def test_a_refused_urge_keeps_the_text_and_names_the_problem(client, cast):
    case = fresh_case(cast)  # not overdue: the inspector has no link, but a forged post is refused
    client.force_login(cast.inspector)
    response = client.post(f"/work/overdue/{case.pk}/urge/", {"note": "请尽快答复。"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "本案未逾期或已办结" in content and "请尽快答复。" in content
    assert not Urging.objects.exists()


def test_the_reply_page(client, cast):
    urging = urge(cast, overdue_case(cast))
    client.force_login(cast.clerk)
    assert client.post(f"/work/urgings/{urging.pk}/", {"reply": ""}).status_code == 400
    assert client.post(f"/work/urgings/{urging.pk}/", {"reply": "已答复。"}).status_code == 302
    client.force_login(cast.inspector)
    page = client.get(f"/work/urgings/{urging.pk}/").content.decode()
    assert "已答复。" in page and "回复日期" in page
    assert client.post(f"/work/urgings/{urging.pk}/", {"reply": "x"}).status_code == 403
