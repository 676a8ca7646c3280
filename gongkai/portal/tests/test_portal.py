"""The public portal: what it shows, what it never shows, hostile input, caching, feeds, kiosk."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual.models import AnnualReportVersion
from gongkai.portal.sample import ItemSpec, generate_items, new_draft, publish

HOSTILE = "<script>alert('x')</script>"


@pytest.fixture
def site(cast):
    """A small portal: rules with their interpretation, a repealed rule, a draft, a revised item."""
    add = lambda spec, **kw: publish(actor=cast.clerk, body=cast.body, spec=spec, **kw)  # noqa: E731
    rules = add(
        ItemSpec(
            "guifanxing",
            "关于印发《东湖街道城乡居民最低生活保障实施细则》的通知",
            "第一条 为规范最低生活保障工作，制定本细则。\n第二条 低保标准由区政府确定。",
            kind="normative",
            doc_number="东湖发〔2026〕12号",
            published_on=date(2026, 3, 10),
            topic="民政、扶贫、救灾",
            attachments=[("细则全文.pdf", "细则全文")],
        )
    )
    reading = add(
        ItemSpec(
            "jiedu",
            "《东湖街道城乡居民最低生活保障实施细则》政策解读",
            "解读。",
            kind="interpretation",
            interprets=rules,
        )
    )
    repealed = add(
        ItemSpec(
            "guifanxing",
            "关于印发《东湖街道临时救助实施办法》的通知",
            "旧办法。",
            kind="normative",
            published_on=date(2024, 5, 6),
            repealed_on=date(2025, 12, 31),
            repeal_note="已被新办法替代",
        )
    )
    draft = add(ItemSpec("dibao", "关于调整低保标准的通知（征求意见稿）", "草稿内容。"), draft_only=True)
    revised = add(ItemSpec("qitafading", "东湖街道垃圾分类工作方案", "推进垃圾分类。"))
    new_draft(
        actor=cast.clerk, publication=revised, title="垃圾分类工作方案（修订稿，未发布）", text="修订内容。"
    )
    hostile = add(ItemSpec("qitafading", f"{HOSTILE}关于停水的通知", f"正文{HOSTILE}"))
    other = publish(
        actor=cast.outsider, body=cast.other_body, spec=ItemSpec("yujuesuan", "区财政局2026年部门预算")
    )
    return {
        "rules": rules,
        "reading": reading,
        "repealed": repealed,
        "draft": draft,
        "revised": revised,
        "hostile": hostile,
        "other": other,
    }


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def test_home_shows_the_catalogue_the_latest_items_and_the_ways_to_ask(client, cast, site):
    AnnualReportVersion.objects.create(
        body=cast.body, year=2025, status="published", published_on=date(2026, 1, 20)
    )
    AnnualReportVersion.objects.create(body=cast.body, year=2026, status="draft")
    html = page(client, "/open/donghu/")
    for text in ("政府信息公开目录", "最低生活保障", "行政规范性文件", "东湖街道垃圾分类工作方案"):
        assert text in html
    for link in ("/guide/donghu/", "/apply/donghu/", "/status/", "/reports/donghu/2025/"):
        assert f'href="{link}"' in html
    assert "/reports/donghu/2026/" not in html
    assert "征求意见稿" not in html and "修订稿" not in html
    assert '<main id="main"' in html and 'role="search"' in html and '<label for="home-q">' in html


def test_item_page_shows_every_portal_field_and_links_interpretations_both_ways(client, cast, site):
    rules, reading = site["rules"], site["reading"]
    html = page(client, f"/open/donghu/items/{rules.pk}/")
    for text in (
        rules.index_number,
        "东湖发〔2026〕12号",
        "2026-03-10",
        "2026-03-07",
        "民政、扶贫、救灾",
        "主动公开",
        "有效",
        "示范区东湖街道办事处",
        "第二条 低保标准由区政府确定。",
    ):
        assert text in html, text
    assert f"/open/donghu/items/{reading.pk}/" in html
    assert f"/open/donghu/items/{rules.pk}/" in page(client, f"/open/donghu/items/{reading.pk}/")
    repealed = page(client, f"/open/donghu/items/{site['repealed'].pk}/")
    assert "已废止（废止日期：2025-12-31）" in repealed and "已被新办法替代" in repealed


def test_attachments_download_the_published_copy_only(client, cast, site):
    rules = site["rules"]
    attachment = rules.published_version.attachments.get()
    response = client.get(f"/open/donghu/items/{rules.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4 published")
    other_item = site["reading"]
    assert client.get(f"/open/donghu/items/{other_item.pk}/attachments/{attachment.pk}/").status_code == 404


def test_drafts_and_unpublished_versions_are_never_shown(client, cast, site):
    page(client, f"/open/donghu/items/{site['draft'].pk}/", 404)
    revised = page(client, f"/open/donghu/items/{site['revised'].pk}/")
    assert "东湖街道垃圾分类工作方案" in revised and "修订" not in revised
    column = page(client, "/open/donghu/columns/dibao/")
    assert "征求意见稿" not in column
    search = page(client, "/open/search/?q=征求意见稿")
    assert "找到 0 条结果" in search
    assert "修订稿" not in page(client, "/open/search/?q=垃圾分类")


@pytest.mark.parametrize(
    "path",
    [
        "/open/nobody/",
        "/open/donghu/items/999999/",
        "/open/donghu/columns/nonsense/",
        "/open/czj/columns/jiuzhu/",
        "/kiosk/nobody/",
        "/open/donghu/items/1/attachments/999999/",
    ],
)
def test_unknown_things_are_404(client, cast, site, path):
    page(client, path, 404)


def test_an_item_is_only_found_under_its_own_body(client, cast, site):
    page(client, f"/open/donghu/items/{site['other'].pk}/", 404)
    page(client, f"/open/czj/items/{site['other'].pk}/")


def test_item_pages_in_turn_each_show_their_own_item(client, cast, site):
    # The item pages share one queryset kept per process (selectors._item_pages): each filters a copy.
    for name, title in [
        ("rules", "最低生活保障实施细则"),
        ("repealed", "临时救助实施办法"),
        ("rules", "最低生活保障实施细则"),
    ]:
        html = page(client, f"/open/donghu/items/{site[name].pk}/")
        assert title in html.split("<h1")[1].split("</h1>")[0]
    page(client, f"/open/donghu/items/{site['other'].pk}/", 404)
    assert "区财政局" in page(client, f"/open/czj/items/{site['other'].pk}/")


def test_markup_in_titles_text_and_queries_is_escaped(client, cast, site):
    hostile = site["hostile"]
    for path in (
        f"/open/donghu/items/{hostile.pk}/",
        "/open/donghu/columns/qitafading/",
        "/open/donghu/",
        "/open/search/?q=停水",
        f"/open/search/?q={HOSTILE}停水",
        "/open/donghu/columns/qitafading/rss/",
    ):
        html = page(client, path)
        assert HOSTILE not in html, path
    assert "&lt;script&gt;" in page(client, f"/open/search/?q={HOSTILE}停水")


# A control character (%00) in any address is a 400: tests/test_hostile_input.py.
@pytest.mark.parametrize("number", ["abc", "-1", "0", "99999", "1.5"])
def test_bad_page_numbers_show_a_page(client, cast, site, number):
    page(client, f"/open/donghu/columns/guifanxing/?page={number}")
    page(client, f"/open/search/?q=通知&page={number}")


@pytest.mark.parametrize(
    "query", ["year=abc", "kind=<b>", "valid=2", "order=drop", "body=nobody", "q=" + "长" * 300, "q=%25_%22"]
)
def test_bad_filters_do_not_break_the_pages(client, cast, site, query):
    page(client, f"/open/search/?{query}")
    page(client, f"/open/donghu/columns/guifanxing/?{query}")


def test_column_page_lists_pages_of_items_and_filters_them(client, cast, site):
    generate_items(actor=cast.clerk, bodies=[cast.body], count=60, seed=5)
    html = page(client, "/open/donghu/columns/guifanxing/")
    assert "索引号" in html and "发布日期" in html and site["rules"].index_number in html
    valid_only = page(client, "/open/donghu/columns/guifanxing/?valid=1")
    assert "临时救助实施办法" not in valid_only
    repealed_only = page(client, "/open/donghu/columns/guifanxing/?valid=0&year=2024")
    assert "临时救助实施办法" in repealed_only and "最低生活保障实施细则" not in repealed_only
    category = page(client, "/open/donghu/columns/caizheng/")  # a category lists its columns' items
    assert "共 0 条" not in category
    dibao = page(client, "/open/donghu/columns/dibao/?page=2")
    assert "第 2 页" in dibao or "共 1 页" not in dibao


def test_the_column_page_costs_the_same_queries_for_many_items(
    client, cast, site, django_assert_max_num_queries
):
    generate_items(actor=cast.clerk, bodies=[cast.body], count=40, seed=9)
    with django_assert_max_num_queries(8):
        page(client, "/open/donghu/columns/guifanxing/")
    with django_assert_max_num_queries(8):
        page(client, "/open/donghu/")
    with django_assert_max_num_queries(9):
        page(client, f"/open/donghu/items/{site['rules'].pk}/")
    with django_assert_max_num_queries(8):
        page(client, "/open/search/?q=低保")


def test_search_page_filters_and_highlights(client, cast, site):
    html = page(client, "/open/search/?q=实施细则&body=donghu&kind=normative&valid=1")
    assert "<mark>实施细则</mark>" in html and "政策解读" not in html.split("找到")[1]
    assert '<time datetime="2026-03-10">2026-03-10</time>' in html
    assert "临时救助" not in html
    assert "区财政局" not in page(client, "/open/search/?q=预算&body=donghu").split("找到")[1]
    assert "部门预算" in page(client, "/open/search/?q=预算&body=czj")
    assert "请输入关键词" in page(client, "/open/search/?q=%25")


def test_anonymous_pages_are_cacheable_and_answer_conditional_requests(client, cast, site):
    path = f"/open/donghu/items/{site['rules'].pk}/"
    response = client.get(path)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response.has_header("ETag") and response.has_header("Last-Modified")
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    client.force_login(cast.clerk)
    assert "private" in client.get(path)["Cache-Control"]
    assert client.post(path).status_code == 405


def test_feeds_list_the_columns_newest_items(client, cast, site):
    rss = client.get("/open/donghu/columns/guifanxing/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "最低生活保障实施细则" in rss.content.decode()
    atom = client.get("/open/donghu/columns/zhengce/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "政策解读" in atom.content.decode()
    assert "征求意见稿" not in client.get("/open/donghu/columns/dibao/atom/").content.decode()


def test_kiosk_has_big_targets_no_small_links_and_returns_to_the_start(client, cast, site):
    start = page(client, "/kiosk/donghu/")
    assert 'class="portal kiosk"' in start
    assert 'http-equiv="refresh"' in start and "url=/kiosk/donghu/" in start
    assert "跳到正文" not in start and "工作人员登录" not in start
    assert "kiosk-button" in start and "?kiosk=1" in start
    column = page(client, "/open/donghu/columns/guifanxing/?kiosk=1")
    assert "kiosk" in column and "返回首页" in column and "索引号</th>" not in column
    search = page(client, "/open/search/?q=低保&body=donghu&kiosk=1")
    assert "url=/kiosk/donghu/" in search


def test_staff_search_shows_drafts_of_visible_bodies_only(client, cast, site):
    client.force_login(cast.clerk)
    html = page(client, "/work/search/?q=征求意见稿")
    assert "征求意见稿" in html.split("找到")[1] and "草稿" in html
    assert '<time datetime="">未发布</time>' in html  # a draft has no date of publication
    client.force_login(cast.outsider)
    assert "找到 0 条结果" in page(client, "/work/search/?q=征求意见稿")
    client.force_login(cast.inspector)
    assert "征求意见稿" in page(client, "/work/search/?q=征求意见稿").split("找到")[1]
