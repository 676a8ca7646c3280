"""The server-side page cache: pages come from it, and never outlive a change they show."""

from __future__ import annotations

import os
import socket
import uuid

from django.core.cache import cache

from conftest import skip_or_fail
from gongkai.portal import page_cache
from gongkai.publishing import services
from gongkai.publishing.models import CatalogueNode
from gongkai.publishing.tests.helpers import TODAY, draft, through_review

HEADER = "X-Portal-Cache"


def column_url(cast, column="dibao"):
    return f"/open/{cast.body.code}/columns/{column}/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def published(cast, title, *, column="dibao", kind="other", text="正文。"):
    publication, version = draft(cast, column=column, kind=kind, title=title, text=text)
    through_review(cast, version)
    publication.refresh_from_db()
    return publication


def test_a_page_is_rendered_once_then_served_from_the_cache(client, cast, django_assert_num_queries):
    published(cast, "关于2026年10月城乡低保发放情况的公示")
    first = get(client, column_url(cast))
    with django_assert_num_queries(0):
        second = get(client, column_url(cast))
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content and "城乡低保发放情况" in second.content.decode()
    assert second["Cache-Control"] == first["Cache-Control"] and "public" in second["Cache-Control"]
    assert get(client, column_url(cast) + "?page=1")[HEADER] == "miss"  # another URL, another page


def test_signing_an_item_shows_it_at_once_on_every_page_that_lists_it(client, cast):
    published(cast, "关于2026年9月城乡低保发放情况的公示")
    home, column = f"/open/{cast.body.code}/", column_url(cast)
    search = "/open/search/?q=临时救助"
    for url in (home, column, search):
        get(client, url)
    publication, version = draft(cast, title="东湖街道临时救助审批结果公示", text="临时救助对象名单。")
    services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    assert get(client, column)[HEADER] == "hit"  # a draft in review shows nowhere: nothing emptied
    through_review(cast, version)
    for url in (home, column, search):
        response = get(client, url)
        assert response[HEADER] == "miss", url
        assert "审批结果公示" in response.content.decode(), url  # the search marks 临时救助


def test_a_new_version_and_a_repeal_reach_the_item_page_at_once(client, cast):
    publication = published(cast, "东湖街道临时救助实施办法", column="guifanxing", kind="normative")
    item = f"/open/{cast.body.code}/items/{publication.pk}/"
    get(client, item)
    second = services.publication_new_version(
        actor=cast.clerk, publication=publication, change_note="更正", formed_on=TODAY, today=TODAY
    )
    services.version_edit(
        actor=cast.clerk, version=second, changes={"title": "东湖街道临时救助办法（更正）"}, today=TODAY
    )
    draft_page = get(client, item)
    assert "（更正）" not in draft_page.content.decode()  # not yet signed,
    assert draft_page[HEADER] == "hit"  # and drafting it left the cached page alone
    through_review(cast, second)
    page = get(client, item).content.decode()
    assert "东湖街道临时救助办法（更正）" in page and "已废止" not in page
    services.publication_repeal(
        actor=cast.head, publication=publication, repealed_on=TODAY, basis="东湖办〔2026〕9号", today=TODAY
    )
    assert "已废止" in get(client, item).content.decode()


def test_a_catalogue_edit_empties_the_cache(client, cast):
    published(cast, "关于2026年9月城乡低保发放情况的公示")
    home = f"/open/{cast.body.code}/"
    get(client, home)
    node = CatalogueNode.objects.get(body=cast.body, code="dibao")
    services.catalogue_node_save(
        actor=cast.admin,
        body=cast.body,
        node=node,
        code=node.code,
        name="城乡低保（按月公开）",
        parent=node.parent,
        position=node.position,
        update_every=node.update_every,
        today=TODAY,
    )
    assert "城乡低保（按月公开）" in get(client, home).content.decode()


def test_a_new_day_renders_the_pages_again(client, cast, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    published(cast, "关于2026年9月城乡低保发放情况的公示")
    assert get(client, column_url(cast))[HEADER] == "miss"
    assert get(client, column_url(cast))[HEADER] == "hit"
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert get(client, column_url(cast))[HEADER] == "miss"


def test_staff_and_visitors_with_a_session_never_get_the_cached_page(client, cast):
    published(cast, "关于2026年9月城乡低保发放情况的公示")
    get(client, column_url(cast))
    client.force_login(cast.clerk)
    response = get(client, column_url(cast))
    assert HEADER not in response and "private" in response["Cache-Control"]


def test_errors_and_files_are_not_stored(client, cast):
    missing = f"/open/{cast.body.code}/items/999999/"
    assert client.get(missing).status_code == 404
    assert client.get(missing).status_code == 404
    assert HEADER not in client.get(missing)


def test_pages_with_cookies_or_a_csrf_token_are_not_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    plain = rf.get("/open/x/")
    assert page_cache._storable(plain, HttpResponse("页面"))
    with_cookie = HttpResponse("页面")
    with_cookie.set_cookie("seen", "1")
    assert not page_cache._storable(plain, with_cookie)
    with_token = rf.get("/open/x/")
    get_token(with_token)
    assert not page_cache._storable(with_token, HttpResponse("页面"))


def test_off_without_a_shared_cache(client, cast, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    published(cast, "关于2026年9月城乡低保发放情况的公示")
    get(client, column_url(cast))
    assert HEADER not in get(client, column_url(cast))


def test_a_lost_generation_starts_again_above_every_earlier_one():
    first = page_cache.generation()
    page_cache.bump()
    assert page_cache.generation() == first + 1
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() > first + 1


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_pages_round_trip_through_redis(client, cast, settings):
    """GONGKAI_CACHE_URL's backend: a cached page comes back whole from Redis, and a bump empties it."""
    if not _redis_reachable():
        skip_or_fail("127.0.0.1:6379 上没有 Redis")
    location = os.environ.get("GONGKAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            # Other test runs (the other database's suite in CI) share this Redis: keys of our own,
            # never a flush; the page cache's timeouts let them expire.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    published(cast, "关于2026年9月城乡低保发放情况的公示")
    first = get(client, column_url(cast))
    second = get(client, column_url(cast))
    assert (first[HEADER], second[HEADER]) == ("miss", "hit") and second.content == first.content
    published(cast, "关于2026年10月城乡低保发放情况的公示")
    third = get(client, column_url(cast))
    assert third[HEADER] == "miss" and "2026年10月" in third.content.decode()
