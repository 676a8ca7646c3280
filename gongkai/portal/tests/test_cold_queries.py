"""A page rendered without the page cache: the body kept per process under the generation, the
item page's reads in one go, and the kept body never outliving a change."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from gongkai.portal import kept, selectors
from gongkai.portal.tests import test_portal

site = test_portal.site  # the small portal of test_portal, as a fixture here


@pytest.fixture
def shared(settings):
    """A cache shared by the app servers (the generation reaches them all), no page stored."""
    settings.SHARED_CACHE = True
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    kept.forget()
    yield
    kept.forget()


def test_the_body_is_read_once_per_generation_and_again_after_a_change(
    cast, shared, django_assert_num_queries
):
    body, version = selectors.current_body(cast.body.code)
    with django_assert_num_queries(0):
        again, again_version = selectors.current_body(cast.body.code)
    assert (again, again_version) == (body, version) and again is not body  # copies of the kept ones
    again.current_name = "某页写上的"
    assert not hasattr(selectors.current_body(cast.body.code)[0], "current_name")
    version.name = "东湖街道办事处（更名后）"
    version.save()  # the portal shows it: the generation moves on, though no page is cached
    with django_assert_num_queries(2):
        _, renamed = selectors.current_body(cast.body.code)
    assert renamed.name == "东湖街道办事处（更名后）"


def test_a_new_day_reads_the_body_again(cast, shared, monkeypatch, django_assert_num_queries):
    selectors.current_body(cast.body.code)
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: date(2099, 1, 1))
    with django_assert_num_queries(2):  # a version may begin at midnight
        selectors.current_body(cast.body.code)


def test_without_a_shared_cache_every_call_asks_the_database(cast, settings, django_assert_num_queries):
    settings.SHARED_CACHE = False
    selectors.current_body(cast.body.code)
    with django_assert_num_queries(2):
        selectors.current_body(cast.body.code)


def test_an_unknown_or_hostile_code_is_404_and_nothing_is_kept(cast, shared):
    for code in ("no-such-body", "<script>", "' OR 1=1 --"):
        with pytest.raises(Http404):
            selectors.current_body(code)
    assert kept._store["values"] == {}


def test_the_item_page_reads_the_item_its_interpretations_and_attachments_in_three_queries(
    client, cast, shared, site, django_assert_num_queries
):
    rules = site["rules"]
    url = f"/open/{cast.body.code}/items/{rules.pk}/"
    client.get(url)  # the body is kept from here on
    with django_assert_num_queries(3):
        html = client.get(url).content.decode()
    assert "细则全文.pdf" in html and f"/items/{site['reading'].pk}/" in html
    assert "第二条 低保标准由区政府确定。" in html  # its own text is read, though listings defer it


def test_the_column_page_reads_no_full_text(client, cast, shared, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/open/{cast.body.code}/columns/{site['rules'].column.code}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert "最低生活保障实施细则" in html
    listing = [q["sql"] for q in queries if "publishing_publicationversion" in q["sql"]]
    assert listing and not any('"published_text"' in sql for sql in listing)
