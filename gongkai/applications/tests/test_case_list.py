"""The staff case list: search, filters, working days left, and a refusal in Chinese for bad filters."""

from __future__ import annotations

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import person, register

URL = "/bodies/donghu/applications/"


def cases(cast):
    today = timezone.localdate()
    fresh = register(cast, received_on=today, today=today, information_requested="2026年东湖路改造规划图")
    late = register(
        cast,
        received_on=today - timedelta(days=90),
        today=today,
        channel="post",
        applicant=person(name="王五"),
    )
    application_assign(actor=cast.head, application=late, clerk=cast.clerk, today=today)
    return fresh, late


def numbers(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content.decode()[-800:]
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("table.cards tbody td[data-label=编号] a")]


def test_filters_and_search(client, cast):
    fresh, late = cases(cast)
    client.force_login(cast.clerk)
    assert numbers(client) == [fresh.number, late.number]  # newest first
    assert numbers(client, "?overdue=on") == [late.number]
    assert numbers(client, "?mine=on") == [late.number]
    assert numbers(client, "?channel=post") == [late.number]
    assert numbers(client, "?q=东湖路改造") == [fresh.number]
    assert numbers(client, "?q=王五") == [late.number]
    assert numbers(client, f"?q={late.number}") == [late.number]
    # Due within 60 working days: the fresh case (20 left), not the overdue one.
    assert numbers(client, "?due_within=60") == [fresh.number]
    assert numbers(client, "?due_within=0") == []
    assert numbers(client, "?status=answered") == []


def test_days_left_are_shown_in_working_days(client, cast):
    fresh, late = cases(cast)
    client.force_login(cast.clerk)
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    left = {
        row.select_one("td[data-label=编号]").get_text(): row.select_one("td[data-label=剩余]").get_text()
        for row in soup.select("table.cards tbody tr")
    }
    assert left[fresh.number] == "20个工作日"
    assert left[late.number].startswith("逾期") and left[late.number].endswith("个工作日")
    assert "overdue" in soup.find("a", string=late.number).find_parent("tr")["class"]


def test_bad_filters_are_refused_in_chinese(client, cast):
    client.force_login(cast.clerk)
    for query, message in [
        ("?due_within=abc", "输入整数"),
        ("?due_within=61", "小于或等于60"),
        ("?status=nonsense", "nonsense 不在可用的选项中"),
        ("?q=" + "长" * 101, "搜索最多100个字（现有101个）"),
    ]:
        response = client.get(URL + query)
        assert response.status_code == 400 and message in response.content.decode(), query
