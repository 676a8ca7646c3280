from datetime import date

import pytest

from gongkai.applications.appeals import appeal_conclude, appeal_record
from gongkai.applications.models import Appeal
from gongkai.common.services import ServiceError

TODAY = date(2026, 11, 24)


def record(cast, **overrides):
    values = {
        "actor": cast.clerk,
        "body": cast.body,
        "kind": "review",
        "filed_on": date(2026, 5, 6),
        "authority": "示范区人民政府",
        "today": TODAY,
        "case_number": "示复〔2026〕12号",
    }
    values.update(overrides)
    return appeal_record(**values)


def test_an_appeal_is_pending_until_concluded(cast):
    appeal = record(cast)
    assert appeal.result == "pending" and appeal.concluded_on is None
    appeal_conclude(
        actor=cast.clerk, appeal=appeal, result="corrected", concluded_on=date(2026, 7, 1), today=TODAY
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.concluded_on) == ("corrected", date(2026, 7, 1))
    with pytest.raises(ServiceError, match="已审结"):
        appeal_conclude(
            actor=cast.clerk, appeal=appeal, result="upheld", concluded_on=date(2026, 7, 2), today=TODAY
        )


@pytest.mark.parametrize(
    ("result", "concluded_on", "message"),
    [
        ("pending", date(2026, 7, 1), "请选择审结结果"),
        ("upheld", date(2026, 5, 1), "不能早于申请或起诉日期"),
        ("upheld", date(2026, 12, 1), "不能晚于今天"),
        ("won", date(2026, 7, 1), "结果无效"),
    ],
)
def test_impossible_conclusions_are_refused(cast, result, concluded_on, message):
    appeal = record(cast)
    with pytest.raises(ServiceError, match=message):
        appeal_conclude(
            actor=cast.clerk, appeal=appeal, result=result, concluded_on=concluded_on, today=TODAY
        )
    appeal.refresh_from_db()
    assert appeal.result == "pending"


def test_bad_records_are_refused(cast):
    with pytest.raises(ServiceError, match="不能晚于今天"):
        record(cast, filed_on=date(2027, 1, 1))
    with pytest.raises(ServiceError, match="类型："):
        record(cast, kind="appeal_to_heaven")
    assert Appeal.objects.count() == 0


def test_appeal_form_links_to_an_application_of_the_body_only(client, cast):
    client.force_login(cast.clerk)
    data = {"kind": "litigation_direct", "filed_on": "2026-05-06", "authority": "示范区人民法院"}
    response = client.post("/bodies/donghu/appeals/", {**data, "application_number": "CZJ-2026-0001"})
    assert response.status_code == 400
    assert "本机关没有这个申请编号" in response.content.decode()
    assert Appeal.objects.count() == 0
    assert client.post("/bodies/donghu/appeals/", data).status_code == 302
    appeal = Appeal.objects.get()
    response = client.post(
        f"/bodies/donghu/appeals/{appeal.pk}/conclude/", {"result": "upheld", "concluded_on": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "不能早于申请或起诉日期" in response.content.decode()


def test_a_refused_result_comes_back_on_the_list_with_the_input_kept(client, cast):
    client.force_login(cast.clerk)
    data = {"kind": "review", "filed_on": "2026-05-06", "authority": "示范区人民政府"}
    assert client.post("/bodies/donghu/appeals/", data).status_code == 302
    appeal = Appeal.objects.get()
    response = client.post(
        f"/bodies/donghu/appeals/{appeal.pk}/conclude/", {"result": "corrected", "concluded_on": "2026-05-01"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>行政复议、行政诉讼" in page  # the list itself, not a dead-end error page
    row_form = page.split(f'id="conclude-{appeal.pk}-errors"')[1].split("</form>")[0]
    assert "不能早于申请或起诉日期" in row_form
    assert 'value="2026-05-01"' in row_form and '<option value="corrected" selected>' in row_form
    assert Appeal.objects.get().result == "pending"
