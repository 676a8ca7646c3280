"""Handling a case step by step through its page, as staff do: every step's rules and letters."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.applications.models import AnswerDraft, AnswerSettings, Application, IssuedLetter
from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry

RECEIVED = date(2026, 3, 2)  # a Monday; each step below happens on a later day of March


@pytest.fixture
def case(cast, weasyprint_available):
    registered = register(cast, received_on=RECEIVED, today=timezone.localdate())
    return application_assign(
        actor=cast.head, application=registered, clerk=cast.clerk, today=timezone.localdate()
    )


def approve(client, cast, application, on: str):
    """审核 by the 审核人, 签发 by the 负责人, of the case's open draft; back to the clerk's session."""
    draft = AnswerDraft.objects.get(application=application, state="awaiting_review")
    url = f"/bodies/donghu/applications/{application.pk}/drafts/{draft.pk}"
    client.force_login(cast.reviewer)
    assert client.post(f"{url}/review/").status_code == 302
    client.force_login(cast.head)
    assert client.post(f"{url}/sign/", {"draft-sign-on": on}).status_code == 302
    client.force_login(cast.clerk)


def act(client, application, action, **data):
    prefixed = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(f"/bodies/donghu/applications/{application.pk}/do/{action}/", prefixed)


def day(n: int) -> str:
    return date(2026, 3, n).isoformat()


def test_supplement_then_answer_partially(client, cast, case):
    client.force_login(cast.clerk)
    assert act(client, case, "acknowledge", on=day(2)).status_code == 302
    response = act(client, case, "supplement", on=day(4), missing="请写明所需文件的年份。", working_days=10)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.due_on) == ("awaiting_supplement", None)
    # Supplement received Mon 3-9: 20 working days again from the next day -> 3-10..13 (4), 16..20 (9),
    # 23..27 (14), 3-30..4-3 (19), 4-4..6 清明, 4-7 (20).
    assert act(client, case, "supplement_received", on=day(9)).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.due_on) == ("in_progress", date(2026, 4, 7))
    # A second 补正 notice is refused: the law asks for one notice listing everything.
    again = act(client, case, "supplement", on=day(10), missing="再补一次", working_days=10)
    assert again.status_code == 400 and "一次性" in again.content.decode()
    refused = act(client, case, "decide", on=day(20), ground="37", access="当面领取", reason="")
    assert refused.status_code == 400 and "须写明：不予公开的内容、理由及说明" in refused.content.decode()
    facts = {"access": "当面领取", "withheld": "身份证号码", "reason": "涉及个人信息。"}
    assert act(client, case, "decide", on=day(20), ground="37", **facts).status_code == 302
    case.refresh_from_db()
    assert case.status == "in_progress" and case.outcome == ""  # 拟办: nothing goes out before 签发
    approve(client, cast, case, on=day(20))
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("answered", "partial")
    kinds = list(IssuedLetter.objects.filter(application=case).values_list("kind", flat=True))
    assert kinds == ["acknowledgement", "supplement_notice", "answer"]


def test_only_the_head_approves_an_extension(client, cast, case):
    client.force_login(cast.clerk)
    assert act(client, case, "extend", on=day(20), days=20, reason="涉及档案查找").status_code == 403
    client.force_login(cast.head)
    assert case.due_on == date(2026, 3, 30)
    assert act(client, case, "extend", on=day(20), days=25, reason="x").status_code == 400  # over 20 days
    assert act(client, case, "extend", on=day(20), days=20, reason="涉及多个部门档案查找").status_code == 302
    case.refresh_from_db()
    # 20 more after 3-30: 3-31..4-3 (4); 4-4..6 清明; 4-7..10 (8); 13..17 (13); 20..24 (18); 27, 28 (20).
    assert case.due_on == date(2026, 4, 28)
    letter = IssuedLetter.objects.get(application=case, kind="extension_notice")
    assert f"将在{case.due_on.year}年{case.due_on.month}月{case.due_on.day}日前予以答复" in letter.text


def test_an_extension_after_the_deadline_is_refused(client, cast, case):
    # 条例第三十三条第二款: the extension is decided before the period (to Mon 3-30) runs out.
    client.force_login(cast.head)
    response = act(client, case, "extend", on=day(31), days=10, reason="涉及多个部门档案查找")
    assert response.status_code == 400
    assert "延长答复期限应当在答复期限届满前决定" in response.content.decode()
    case.refresh_from_db()
    assert case.due_on == date(2026, 3, 30)
    assert not case.clock_events.filter(kind="extension_approved").exists()
    assert not IssuedLetter.objects.filter(application=case, kind="extension_notice").exists()


def test_redirect_to_the_competent_body(client, cast, case):
    client.force_login(cast.clerk)
    response = act(
        client, case, "redirect", on=day(5), competent_body="示范区财政局", contact="0755-8000 5000"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    approve(client, cast, case, on=day(5))
    case.refresh_from_db()
    assert case.outcome == "unavailable_not_held"
    assert "负责公开该政府信息的机关为示范区财政局" in case.decision_reason
    assert "第三十六条第（五）项" in case.letters.get(kind="answer").text


def test_hostile_steps_leave_nothing_half_written(client, cast, case):
    client.force_login(cast.clerk)
    before = (AuditEntry.objects.count(), IssuedLetter.objects.count())
    future = date(2099, 1, 1).isoformat()
    assert act(client, case, "supplement", on=future, missing="x", working_days=10).status_code == 400
    assert (
        act(client, case, "supplement", on="2026-03-01", missing="x", working_days=10).status_code == 400
    )  # before receipt
    assert act(client, case, "decide", on=day(5), ground="granted_maybe").status_code == 400
    assert act(client, case, "fee_paid", on=day(5)).status_code == 400  # no fee was asked
    assert act(client, case, "fee", on=day(5), method="per_request").status_code == 400  # free
    assert client.post(f"/bodies/donghu/applications/{case.pk}/do/nonsense/").status_code == 404
    assert (AuditEntry.objects.count(), IssuedLetter.objects.count()) == before
    assert Application.objects.get(pk=case.pk).status == "registered"
    client.force_login(cast.inspector)  # inspectors read, never act
    assert act(client, case, "decide", on=day(5), ground="36-2", access="当面领取").status_code == 403


def test_the_same_steps_through_the_api(client, cast, case):
    client.force_login(cast.clerk)
    url = f"/api/v1/bodies/donghu/applications/{case.number}"
    clock = client.get(f"{url}/clock").json()
    assert clock["due_on"] == "2026-03-30" and clock["explanation"][-1].startswith("答复期限：2026-03-30")
    bad = client.post(
        f"{url}/actions/decide", {"on": "2026-03-40", "ground": "36-2"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "on"
    refused = client.post(
        f"{url}/actions/extend", {"on": day(5), "days": 10, "reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403  # only the head approves extensions
    client.force_login(cast.head)  # this body's head may draft and sign in one step
    AnswerSettings.objects.create(body=case.body, flow="one_step")
    done = client.post(
        f"{url}/actions/decide",
        {"on": day(5), "ground": "36-2", "access": "当面领取"},
        content_type="application/json",
    )
    assert (
        done.status_code == 200
        and done.json()["outcome"] == "granted"
        and done.json()["status"] == "answered"
    )
    assert client.post(f"{url}/actions/fly", {}, content_type="application/json").status_code == 404
