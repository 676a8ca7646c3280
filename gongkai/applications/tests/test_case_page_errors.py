"""A refused case-page step comes back as the case page itself (400): that step's form open, what
was typed kept, each error beside the field it names - never a dead-end error page."""

import re

import pytest

from gongkai.applications.models import AnswerDraft, IssuedLetter
from gongkai.applications.tests.test_handling import act, day
from gongkai.applications.tests.test_handling import case as case  # noqa: F401 (the `case` fixture)
from gongkai.auditlog.models import AuditEntry


def refused(response, key: str) -> str:
    """The case page with the step `key` open; returns that step's form."""
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>申请 " in page and "返回首页" not in page
    match = re.search(rf'<details id="{key}" open>(.*?)</details>', page, re.S)
    assert match, f"{key} is not open on the page"
    return match.group(1)


def error_beside(form: str, name: str) -> str:
    widget = re.search(rf'<[^>]+name="{name}"[^>]*>', form).group(0)
    assert 'aria-invalid="true"' in widget
    error_id = re.search(r'aria-describedby="(?:[^"]* )?([^" ]+_error)', widget).group(1)
    return re.sub(r"<[^>]+>", "", re.search(rf'id="{error_id}"[^>]*>(.*?)</div>', form, re.S).group(1))


EMPTY_STEPS = [
    ("acknowledge", {"on": ""}, "on", "请填写日期。"),
    ("supplement", {"on": day(4), "missing": "", "working_days": 10}, "missing", "请填写需要补正的内容"),
    ("supplement", {"on": day(4), "missing": "年份", "working_days": ""}, "working_days", "请填写补正期限"),
    ("supplement_received", {"on": "not-a-date"}, "on", "请输入有效日期"),
    ("consult", {"on": day(4), "third_party": ""}, "third_party", "请填写征求意见对象名称。"),
    ("fee", {"on": day(4), "method": ""}, "method", "请选择计收方式。"),
    ("fee", {"on": day(4), "method": "per_request", "pages": "-3"}, "pages", "0"),
    ("fee_paid", {"on": ""}, "on", "请填写日期。"),
    ("decide", {"on": day(5), "ground": "granted_maybe"}, "ground", "选择一个有效的选项"),
    ("redirect", {"on": day(5), "competent_body": ""}, "competent_body", "请填写负责公开该信息的机关。"),
    ("redirect", {"on": day(5), "competent_body": "区\x00财政局"}, "competent_body", "负责公开该信息的机关"),
]


@pytest.mark.parametrize(("action", "data", "field", "message"), EMPTY_STEPS)
def test_each_step_refused_inline_with_the_field_named(client, cast, case, action, data, field, message):
    client.force_login(cast.clerk)
    before = (AuditEntry.objects.count(), IssuedLetter.objects.count())
    form = refused(act(client, case, action, **data), f"action-{action}")
    assert message in error_beside(form, f"{action}-{field}")
    assert (AuditEntry.objects.count(), IssuedLetter.objects.count()) == before


def test_the_typed_input_is_kept(client, cast, case):
    client.force_login(cast.clerk)
    form = refused(
        act(client, case, "supplement", on=day(4), missing="", working_days="45"), "action-supplement"
    )
    assert f'value="{day(4)}"' in form and 'value="45"' in form
    assert "30" in error_beside(form, "supplement-working_days")  # over the most a 补正 may be given
    form = refused(
        act(client, case, "consult", on=day(4), third_party="", concerns="商业秘密"), "action-consult"
    )
    assert 'value="商业秘密"' in form


def test_a_broken_rule_shows_above_its_form_with_the_input_kept(client, cast, case):
    """按量计收 without 页数 passes the form but not the rule: the rule's message, inline."""
    client.force_login(cast.clerk)
    form = refused(act(client, case, "fee", on=day(4), method="per_page"), "action-fee")
    assert "按量计收须填写页数" in form
    assert re.search(r'<option value="per_page" selected>', form)


def test_the_extension_as_the_head(client, cast, case):
    client.force_login(cast.head)
    form = refused(act(client, case, "extend", on=day(5), days="99", reason=""), "action-extend")
    assert "请填写延期理由。" in error_beside(form, "extend-reason")
    assert "20" in error_beside(form, "extend-days")
    assert 'value="99"' in form


def test_a_refused_approval_step_is_inline_too(client, cast, case):
    client.force_login(cast.clerk)
    assert act(client, case, "acknowledge", on=day(2)).status_code == 302
    facts = {"access": "当面领取", "withheld": "身份证号码", "reason": "涉及个人信息。"}
    assert act(client, case, "decide", on=day(20), ground="37", **facts).status_code == 302
    draft = AnswerDraft.objects.get(application=case, state="awaiting_review")
    client.force_login(cast.reviewer)
    url = f"/bodies/donghu/applications/{case.pk}/drafts/{draft.pk}/return/"
    form = refused(client.post(url, {"draft-return-reason": ""}), "draft-return")
    assert "请填写退回理由。" in error_beside(form, "draft-return-reason")
    draft.refresh_from_db()
    assert draft.state == "awaiting_review"
