"""The 转为主动公开 page: offered on the case page, the column preselected, the draft made and shown
on both sides; refusals answered 400 in Chinese with nothing written; hostile titles refused."""

import pytest

from gongkai.auditlog.models import AuditEntry
from gongkai.conversion.tests.test_turn import column, two_like  # noqa: F401 (fixture)
from gongkai.publishing.models import Publication
from tests.test_hostile_input import row_counts


@pytest.fixture
def pair(cast, column, weasyprint_available):  # noqa: F811
    return two_like(cast)


def turn_url(case):
    return f"/bodies/donghu/applications/{case.pk}/proactive/"


def payload(column, **changes):  # noqa: F811
    return {
        "turn-column": column.pk,
        "turn-kind": "other",
        "turn-title": "东湖街道2025年低保发放名单",
    } | changes


def test_the_case_page_offers_it_and_the_draft_is_linked_both_ways(client, cast, pair, column):  # noqa: F811
    first, second = pair
    client.force_login(cast.clerk)
    case_page = client.get(f"/bodies/donghu/applications/{first.pk}/").content.decode()
    assert "另有1件其他申请人的申请所需信息相同" in case_page and turn_url(first) in case_page
    page = client.get(turn_url(first)).content.decode()
    assert f'<option value="{column.pk}" selected>' in page  # 低保 → 最低生活保障
    assert second.number in page
    response = client.post(turn_url(first), payload(column, **{"turn-also": [second.pk]}))
    assert response.status_code == 302
    publication = Publication.objects.get(source_applications=first)
    assert response["Location"] == f"/bodies/donghu/publishing/{publication.pk}/"
    item_page = client.get(response["Location"]).content.decode()
    assert "来源申请" in item_page and first.number in item_page and second.number in item_page
    case_page = client.get(f"/bodies/donghu/applications/{second.pk}/").content.decode()
    assert publication.index_number in case_page and "草稿" in case_page


def test_a_second_turn_is_refused_in_chinese_and_writes_nothing(client, cast, pair, column):  # noqa: F811
    first, _ = pair
    client.force_login(cast.clerk)
    assert client.post(turn_url(first), payload(column)).status_code == 302
    before = row_counts()
    response = client.post(turn_url(first), payload(column))
    assert response.status_code == 400 and "本申请已转为主动公开" in response.content.decode()
    assert row_counts() == before


def test_an_unanswered_case_is_refused(client, cast, column):  # noqa: F811
    from gongkai.applications.tests.test_register import register

    case = register(cast)
    client.force_login(cast.clerk)
    assert "尚未答复" in client.get(turn_url(case)).content.decode()
    before = row_counts()
    response = client.post(turn_url(case), payload(column))
    assert response.status_code == 400 and "尚未答复" in response.content.decode()
    assert row_counts() == before


def test_staff_of_another_body_may_not_open_it(client, cast, pair):
    client.force_login(cast.outsider)
    assert client.get(turn_url(pair[0])).status_code == 403


@pytest.mark.parametrize("control", ["\x01", "\x1b"])
def test_a_hostile_title_is_refused_naming_the_field(client, cast, pair, column, control):  # noqa: F811
    client.force_login(cast.clerk)
    before = row_counts()
    response = client.post(turn_url(pair[0]), payload(column, **{"turn-title": f"东{control}湖"}))
    content = response.content.decode()
    assert response.status_code == 400 and "标题" in content and "含有不可见的控制字符" in content
    assert row_counts() == before
    assert not AuditEntry.objects.filter(action="application.turn_proactive").exists()


def test_the_suggestion_from_the_case_side(client, cast, column):  # noqa: F811
    from gongkai.applications.tests.test_register import register

    case = register(cast)
    client.force_login(cast.clerk)
    url = f"/bodies/donghu/applications/{case.pk}/proactive/suggestion/"
    assert client.post(url, {"suggest-reason": "需要公众参与决策"}).status_code == 302
    case.refresh_from_db()
    assert case.suggests_proactive and case.proactive_suggestion == "需要公众参与决策"
    again = client.post(url, {"suggest-reason": "再次"})
    assert again.status_code == 400 and "已登记申请人的主动公开建议" in again.content.decode()


def test_the_online_form_and_the_registration_form_offer_the_suggestion(client, cast):
    from django.core.cache import cache

    from gongkai.applications.models import Application
    from tests.test_hostile_input import APPLICANT

    cache.clear()  # the online form's per-address submission limit
    assert "建议将该信息纳入主动公开范围" in client.get("/apply/donghu/").content.decode()
    data = APPLICANT | {"submission_key": "k-art44", "confirm": "on", "suggests_proactive": "on"}
    response = client.post("/apply/donghu/", data | {"proactive_suggestion": "需要公众广泛知晓"})
    assert response.status_code == 302
    case = Application.objects.get(submission_key="k-art44")
    assert case.suggests_proactive and case.proactive_suggestion == "需要公众广泛知晓"
    client.force_login(cast.clerk)
    assert "建议将该信息纳入主动公开范围" in client.get("/bodies/donghu/applications/new/").content.decode()
    page = client.get(f"/bodies/donghu/applications/{case.pk}/").content.decode()
    assert "申请人建议将该信息纳入主动公开范围：需要公众广泛知晓" in page
