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


# ---- queries per cold page (page cache off, the per-process store warm) ----


def _warm_count(client, url, django_assert_num_queries, expected):
    """The page's queries once this process has served it (and so kept its lookups) before."""
    first = client.get(url)
    assert first.status_code == 200, url
    with django_assert_num_queries(expected):
        again = client.get(url)
    assert again.content == first.content  # kept lookups show what the database showed
    return again.content.decode()


def test_the_catalogue_page_asks_nothing_once_kept(client, cast, shared, site, django_assert_num_queries):
    html = _warm_count(client, f"/open/{cast.body.code}/", django_assert_num_queries, 0)
    assert "东湖街道垃圾分类工作方案" in html and "征求意见稿" not in html


def test_a_column_page_is_one_query(client, cast, shared, site, django_assert_num_queries):
    column = site["rules"].column
    html = _warm_count(client, f"/open/{cast.body.code}/columns/{column.code}/", django_assert_num_queries, 1)
    assert "最低生活保障实施细则" in html and "临时救助实施办法" in html and "共 2 条" in html


def test_a_category_page_is_one_query_and_lists_its_columns_newest_first(
    client, cast, shared, site, django_assert_num_queries
):
    category = site["rules"].column.parent
    html = _warm_count(
        client, f"/open/{cast.body.code}/columns/{category.code}/", django_assert_num_queries, 1
    )
    titles = [
        "最低生活保障实施细则》的通知",
        "实施细则》政策解读",
        "临时救助实施办法",
    ]  # 2026-03-10, today, 2024-05-06
    assert all(title in html for title in titles)
    assert html.index(titles[1]) < html.index(titles[0]) < html.index(titles[2])


def test_an_item_page_without_interpretations_or_attachments_is_one_query(
    client, cast, shared, site, django_assert_num_queries
):
    url = f"/open/{cast.body.code}/items/{site['repealed'].pk}/"
    html = _warm_count(client, url, django_assert_num_queries, 1)
    assert "已被新办法替代" in html and "附件" not in html and "相关文件" not in html


def test_an_interpretation_is_two_queries_and_links_what_it_interprets(
    client, cast, shared, site, django_assert_num_queries
):
    """The interpreted item is read apart: most items interpret none, and their one query is
    the smaller for it."""
    url = f"/open/{cast.body.code}/items/{site['reading'].pk}/"
    html = _warm_count(client, url, django_assert_num_queries, 2)
    assert f"/items/{site['rules'].pk}/" in html and "所解读的文件" in html
    assert f"/columns/{site['reading'].column.code}/" in html  # the kept column's link


def test_a_search_in_one_body_is_one_query_without_a_count(
    client, cast, shared, site, django_assert_num_queries
):
    """The window, its rank and what the page's hits show are read in one statement."""
    html = _warm_count(client, f"/open/search/?q=低保&body={cast.body.code}", django_assert_num_queries, 1)
    assert "最低生活保障实施细则" in html and "找到 1 条结果" in html


# ---- a change is seen at once, whatever was kept ----


@pytest.mark.parametrize("page_seconds", [0, 3600], ids=["page-cache-off", "page-cache-on"])
def test_a_publication_after_a_page_was_served_is_on_the_next_request(
    client, cast, shared, site, settings, page_seconds
):
    """The pages were served (their lookups kept, and with the cache on the pages stored); the
    item published afterwards - by the real service, no mock - must show on the next requests."""
    settings.PORTAL_PAGE_CACHE_SECONDS = page_seconds
    column = site["rules"].column
    urls = [f"/open/{cast.body.code}/", f"/open/{cast.body.code}/columns/{column.code}/"]
    before = [client.get(url).content.decode() for url in urls]
    assert all("低保资金发放细则" not in html for html in before) and "共 2 条" in before[1]
    assert kept._store["values"], "the pages kept their lookups"
    test_portal.publish(
        actor=cast.clerk, body=cast.body, spec=test_portal.ItemSpec(column.code, "低保资金发放细则", "细则。")
    )
    after = [client.get(url).content.decode() for url in urls]
    assert all("低保资金发放细则" in html for html in after) and "共 3 条" in after[1]


def test_a_renamed_column_is_seen_on_the_next_request(client, cast, shared, site):
    column = site["rules"].column
    url = f"/open/{cast.body.code}/columns/{column.code}/"
    assert column.name in client.get(url).content.decode()
    column.name = "规范性文件（更名后）"
    column.save()
    assert "规范性文件（更名后）" in client.get(url).content.decode()


def test_the_category_pages_rows_are_those_of_one_ordered_query(cast, shared, site):
    """The UNION ALL of each column's newest rows (PostgreSQL) pages exactly like one ORDER BY."""
    from gongkai.portal.sample import generate_items
    from gongkai.publishing.models import Publication

    generate_items(actor=cast.clerk, bodies=[cast.body], count=45)
    categories = [tree.node for tree in selectors.catalogue_tree(cast.body) if len(tree.children) > 1]
    listings = [
        selectors.ColumnListing(selectors.column_ids(node), narrow=lambda rows: rows) for node in categories
    ]
    listing = max(listings, key=lambda listing: listing.count())
    ids = listing.ids
    expected = list(
        Publication.objects.filter(column_id__in=ids, published_version__isnull=False)
        .order_by("-first_published_on", "-id")
        .values_list("id", flat=True)
    )
    assert listing.count() == len(expected) > 8
    for start in (0, 3, 4, 7):  # pages of 4 rows: every branch is cut at the page's end
        assert [item.id for item in listing[start : start + 4]] == expected[start : start + 4]


def test_an_empty_category_says_so(client, cast, shared, site):
    def count(node):
        return selectors.ColumnListing(selectors.column_ids(node), narrow=lambda rows: rows).count()

    empty = next(
        tree.node for tree in selectors.catalogue_tree(cast.body) if tree.children and not count(tree.node)
    )
    html = client.get(f"/open/{cast.body.code}/columns/{empty.code}/?page=3").content.decode()
    assert "本栏目暂无公开信息。" in html and "共 0 条" in html


@pytest.mark.parametrize(
    "text",
    [
        "第一条 为规范最低生活保障工作",
        "ΑΣ ΟΔΟΣ",
        "低保资金ＡＢＣ１２３",
        "İstanbul",
        "e\u0301cole",
        "ﬁ",
        "Straße",
        "",
    ],
)
def test_the_snippets_fast_mapping_is_the_character_by_character_one(text):
    """A search page maps each hit's text to its normalised form; the shortcut for texts already
    normalised must give what normalising each character gives."""
    from gongkai.publishing import search

    out, origin = [], []
    for index, char in enumerate(text):
        piece = search.normalise(char)
        out.append(piece)
        origin.extend([index] * len(piece))
    assert search._normalised_with_map(text) == ("".join(out), origin)


def test_no_character_normalises_to_nothing():
    """The snippet mapping takes an unchanged length to mean that each character kept its own:
    true only while no character's normal form is empty."""
    import sys

    from gongkai.publishing import search

    empty = [
        code
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and not search.normalise(chr(code))
    ]
    assert empty == []


def test_a_text_of_many_distinct_characters_does_not_grow_the_form_table_without_bound():
    from gongkai.publishing import search

    text = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 2 * search._CharacterForms.MAX_FORMS))
    normal, _ = search._normalised_with_map(text)
    assert normal == "".join(search.normalise(char) for char in text)
    assert len(search._FORMS) <= search._CharacterForms.MAX_FORMS


def test_the_search_pages_kept_filters_show_what_each_request_asked_for(client, cast, shared):
    """The filter widgets are kept per process under the asked values: a second request with other
    values must not get the first one's selections, and a refused value is shown with its error."""
    import re

    def selected(html: str, name: str) -> str:
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select)
        return chosen.group(1) if chosen else ""

    first = client.get(
        "/open/search/", {"q": "低保", "body": cast.body.code, "order": "date"}
    ).content.decode()
    assert (selected(first, "body"), selected(first, "order")) == (cast.body.code, "date")
    again = client.get(
        "/open/search/", {"q": "预算", "body": cast.body.code, "order": "date"}
    ).content.decode()
    assert (selected(again, "body"), selected(again, "order")) == (cast.body.code, "date")
    other = client.get("/open/search/", {"q": "低保", "body": cast.other_body.code}).content.decode()
    assert (selected(other, "body"), selected(other, "order")) == (cast.other_body.code, "")
    refused = client.get("/open/search/", {"q": "低保", "year": "1700"}).content.decode()
    assert 'class="error"' in refused and 'value="1700"' in refused
    fine = client.get("/open/search/", {"q": "低保", "year": "2026"}).content.decode()
    assert 'class="error"' not in fine and 'value="2026"' in fine


def test_an_interpretation_of_an_item_no_longer_public_does_not_link_it(client, cast, site):
    from gongkai.publishing.models import Publication

    Publication.objects.filter(pk=site["rules"].pk).update(published_version=None)
    html = client.get(f"/open/{cast.body.code}/items/{site['reading'].pk}/").content.decode()
    assert "政策解读" in html and "所解读的文件" not in html and f"/items/{site['rules'].pk}/" not in html
