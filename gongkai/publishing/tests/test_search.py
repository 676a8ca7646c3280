"""Search quality: named items among a few hundred generated ones, on SQLite and on PostgreSQL.

Each case names a query (with filters), the items expected near the top and the near misses
that must not be found at all. The same file runs on both databases (DATABASE_URL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from gongkai.portal.sample import ItemSpec, generate_items, new_draft, publish
from gongkai.publishing.models import CatalogueNode, SearchEntry
from gongkai.publishing.search import SCAN_LIMIT, grams, index_publication, parse_query, search

LONG_TEXT = (
    "为进一步规范城乡居民最低生活保障工作，切实保障困难群众基本生活，根据《社会救助暂行办法》"
    "和省、市有关规定，结合本街道实际，制定本细则。第一条 最低生活保障坚持应保尽保、公平公正、"
    "动态管理、综合施策的原则。第二条 申请最低生活保障以家庭为单位，由共同生活的家庭成员向户籍所在地"
    "社区居委会提出书面申请。第三条 社区居委会应当自收到申请之日起五个工作日内完成入户调查，"
    "并在社区公示栏公示七日。第四条 低保标准由区人民政府确定并向社会公布，随经济社会发展适时调整。"
)


def anchors(actor, body, other) -> dict:
    """The items the cases ask about, each unique in its words."""
    a = {}

    def add(key, spec, at=body, **kwargs):
        a[key] = publish(actor=actor, body=at, spec=spec, **kwargs)

    add(
        "rules",
        ItemSpec(
            "guifanxing",
            "关于印发《东湖街道城乡居民最低生活保障实施细则》的通知",
            LONG_TEXT,
            kind="normative",
            doc_number="东湖发〔2026〕12号",
            published_on=date(2026, 3, 10),
        ),
    )
    add(
        "reading",
        ItemSpec(
            "jiedu",
            "《东湖街道城乡居民最低生活保障实施细则》政策解读",
            "一图读懂最低生活保障实施细则的主要内容。",
            kind="interpretation",
            interprets=a["rules"],
            published_on=date(2026, 3, 12),
        ),
    )
    add("elderly", ItemSpec("shebao", "关于发放2026年高龄补助金的公告", "八十周岁以上老人按月领取。"))
    add("near_miss", ItemSpec("shebao", "2026年困难群众补助资金分配方案", "补助资金按人口分配。"))
    add(
        "body_only",
        ItemSpec("qitafading", "东湖街道2026年民生实事项目进展", "困难老人补助金按季度发放到位。"),
    )
    add(
        "repealed",
        ItemSpec(
            "guifanxing",
            "关于印发《东湖街道临时救助实施办法》的通知",
            "临时救助对象和标准。",
            kind="normative",
            published_on=date(2024, 5, 6),
            repealed_on=date(2025, 12, 31),
            repeal_note="已被新办法替代",
        ),
    )
    add(
        "budget",
        ItemSpec("yujuesuan", "区财政局2026年国有资本经营预算", "国有资本经营预算公开说明。"),
        at=other,
    )
    add(
        "attachment",
        ItemSpec(
            "caigou",
            "2026年政府采购意向公开（第二批）",
            "现将采购意向公开如下。",
            attachments=[("采购意向表.pdf", "智慧社区平台建设 预算金额120万元")],
        ),
    )
    add("draft", ItemSpec("dibao", "关于调整低保标准的通知（征求意见稿）", "征求意见。"), draft_only=True)
    add("revised", ItemSpec("qitafading", "东湖街道垃圾分类工作方案", "推进垃圾分类。"))
    new_draft(
        actor=actor,
        publication=a["revised"],
        title="东湖街道垃圾分类工作方案（修订稿）",
        text="厨余垃圾专项治理。",
    )
    add("fiveg", ItemSpec("jianshe", "关于开展5G基站建设的公示", "新建5G基站12座。"))
    add("pm", ItemSpec("tongji", "２０２６年第一季度ＰＭ２.５监测情况", "细颗粒物浓度同比下降。"))
    return a


@pytest.fixture
def items(cast):
    a = anchors(cast.superuser, cast.body, cast.other_body)  # drafts for both bodies
    generate_items(actor=cast.superuser, bodies=[cast.body, cast.other_body], count=300)
    return a


@dataclass
class Case:
    query: str
    top: list[str] = field(default_factory=list)  # anchor keys expected in the first `within` hits
    within: int = 3
    absent: list[str] = field(default_factory=list)  # anchor keys that must not be found
    filters: dict = field(default_factory=dict)
    title_contains: str = ""  # every one of the first five titles contains this


CASES = [
    Case("低保", absent=["draft"], title_contains="低保"),
    Case("补助金", top=["elderly"], within=1, absent=["near_miss"]),
    Case("补助金", top=["elderly", "body_only"], within=2),
    Case("高龄补助金", top=["elderly"], within=1, absent=["body_only", "near_miss"]),
    Case("补助资金", top=["near_miss"], within=1, absent=["elderly"]),
    Case("最低生活保障实施细则", top=["rules", "reading"], within=2),
    Case("最低生活保障实施细则", top=["rules"], within=1, filters={"kind": "normative"}, absent=["reading"]),
    Case("实施细则", filters={"kind": "normative"}, title_contains="实施细则", absent=["reading"]),
    Case("政策解读", top=["reading"]),
    Case("临时救助实施办法", top=["repealed"], within=1),
    Case("临时救助实施办法", filters={"valid": True}, absent=["repealed"]),
    Case("临时救助实施办法", top=["repealed"], within=1, filters={"valid": False}),
    Case("经营预算", top=["budget"], filters={"body": "other_body", "year": 2026}, within=1),
    Case("经营预算", filters={"body": "body"}, absent=["budget"]),
    Case("国有资本", top=["budget"], filters={"year": 2026, "kind": "other"}, within=1),
    Case("部门预算", filters={"body": "other_body"}, title_contains="部门预算"),
    Case("智慧社区", top=["attachment"], within=1),
    Case("智慧社区平台建设", top=["attachment"], within=1),
    Case("厨余垃圾专项", absent=["revised"]),
    Case("垃圾分类工作方案", top=["revised"], within=1),
    Case("修订稿", absent=["revised"]),
    Case("征求意见稿", absent=["draft"]),
    Case("5G", top=["fiveg"], within=1),
    Case("5g基站", top=["fiveg"], within=1),
    Case("ＰＭ２.５", top=["pm"], within=1),
    Case("pm2.5 监测", top=["pm"], within=1),
    Case("民生实事", top=["body_only"], within=1),
    Case("第三季度低保", title_contains="第三季度低保"),
    Case("低保资金发放", title_contains="低保资金发放"),
    Case("采购意向", title_contains="采购意向"),
    Case("《最低生活保障》", top=["rules", "reading"], within=2),
    Case('"补助金"', top=["elderly"], within=1),
    Case("东湖 补助金", top=["body_only"], within=1, absent=["elderly"]),
    Case(LONG_TEXT[:200], top=["rules"], within=1, absent=["reading"]),
    Case("公示", filters={"column": "dibao"}, title_contains="公示"),
]


def _filters(case: Case, items, cast) -> dict:
    filters = dict(case.filters)
    if "body" in filters:
        filters["body_ids"] = [getattr(cast, filters.pop("body")).id]
    if "column" in filters:
        code = filters.pop("column")
        filters["column_ids"] = list(CatalogueNode.objects.filter(code=code).values_list("id", flat=True))
    return filters


def _check(case: Case, items, cast) -> list[str]:
    results = search(case.query, limit=50, **_filters(case, items, cast))
    ids = [hit.publication_id for hit in results.hits]
    problems = []
    for key in case.top:
        if items[key].id not in ids[: case.within]:
            problems.append(
                f"{case.query!r}: {key} not in the first {case.within} ({[h.title for h in results.hits[:5]]})"
            )
    for key in case.absent:
        if items[key].id in ids:
            problems.append(f"{case.query!r}: {key} was found")
    if case.title_contains:
        titles = [hit.title for hit in results.hits[:5]]
        if not titles or not all(case.title_contains in t for t in titles):
            problems.append(f"{case.query!r}: first titles {titles}")
    return problems


def test_search_quality_table(cast, items):
    assert len(CASES) >= 30
    problems = [problem for case in CASES for problem in _check(case, items, cast)]
    assert not problems, "\n".join(problems)


def test_hits_are_ranked_titles_first_and_highlighted(cast, items):
    results = search("补助金")
    first, second = results.hits[0], results.hits[1]
    assert (first.publication_id, second.publication_id) == (items["elderly"].id, items["body_only"].id)
    assert "<mark>补助金</mark>" in first.title_html
    assert "<mark>补助金</mark>" in second.snippet
    assert results.total == 2


def test_filters_year_column_kind_and_date_order(cast, items):
    assert all(h.date.year == 2025 for h in search("低保", year=2025, limit=50).hits)
    dated = search("低保", order="date", limit=50).hits
    assert [h.date for h in dated] == sorted((h.date for h in dated), reverse=True)
    normative = search("通知", kind="normative", year=2026, limit=50)
    assert normative.total and all(h.kind == "normative" for h in normative.hits)
    page_one = search("低保", order="date", limit=5)
    page_two = search("低保", order="date", limit=5, offset=5)
    assert not {h.publication_id for h in page_one.hits} & {h.publication_id for h in page_two.hits}
    assert page_one.total == page_two.total > 10


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "_",
        "%%",
        '"',
        "'",
        "*",
        "低保%' OR 1=1 --",
        "NEAR(a b)",
        "title:低保",
        "AND OR NOT",
        "^$*",
    ],
)
def test_hostile_or_empty_queries_neither_fail_nor_match_everything(cast, items, query):
    everything = SearchEntry.objects.filter(public=True).count()
    results = search(query)
    assert results.total < everything / 2


def test_markup_in_queries_and_titles_is_escaped(cast, items):
    publish(
        actor=cast.clerk,
        body=cast.body,
        spec=ItemSpec("qitafading", "<script>alert(1)</script>关于停水的通知"),
    )
    hit = search("<b>停水</b>").hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>停水</mark>" in hit.title_html


def test_a_long_query_of_nonsense_finds_nothing(cast, items):
    assert search("甲乙丙丁戊己庚辛壬癸" * 20).total == 0


def test_one_character_falls_back_to_a_bounded_scan(cast, items):
    results = search("湖", limit=10)
    assert 0 < results.total <= SCAN_LIMIT
    assert all("湖" in h.title or "湖" in h.snippet for h in results.hits)


def test_one_character_puts_the_items_with_it_in_the_title_first(cast):
    in_title = publish(
        actor=cast.superuser, body=cast.body, spec=ItemSpec("shebao", "鳌山路段施工公告", "施工。")
    )
    in_text = publish(actor=cast.superuser, body=cast.body, spec=ItemSpec("shebao", "施工公告", "鳌山路段。"))
    assert [h.publication_id for h in search("鳌").hits] == [in_title.id, in_text.id]  # the newer second
    assert [h.publication_id for h in search("鳌", order="date").hits] == [in_text.id, in_title.id]


def test_the_pages_of_the_window_are_its_ranking_cut_and_a_page_past_it_still_counts(
    cast, items, monkeypatch, django_assert_num_queries
):
    from gongkai.publishing import search as module

    monkeypatch.setattr(module, "RANK_WINDOW", 5)
    body = [cast.body.id]
    whole = search("低保", body_ids=body, limit=5, count_all=False)
    pages = [search("低保", body_ids=body, limit=2, offset=at, count_all=False) for at in (0, 2, 4)]
    assert [h.publication_id for p in pages for h in p.hits] == [h.publication_id for h in whole.hits]
    assert [len(p.hits) for p in pages] == [2, 2, 1]
    assert all((p.total, p.capped) == (5, True) for p in pages)
    with django_assert_num_queries(2):  # the page finds no row to tell the window's size: a count
        past = search("低保", body_ids=body, limit=2, offset=6, count_all=False)
    assert (past.hits, past.total, past.capped, past.reachable) == ([], 5, True, 5)
    with django_assert_num_queries(1):  # nothing on the first page: nothing to count
        none = search("无此词语", body_ids=body, limit=2, count_all=False)
    assert (none.hits, none.total, none.capped) == ([], 0, False)


def test_staff_search_sees_drafts_of_the_given_bodies_only(cast, items):
    staff = search("征求意见稿", public=False, body_ids=[cast.body.id])
    assert [h.publication_id for h in staff.hits] == [items["draft"].id]
    assert search("征求意见稿", public=False, body_ids=[cast.other_body.id]).total == 0
    assert search("厨余垃圾专项", public=False).hits[0].publication_id == items["revised"].id


def test_reindexing_replaces_the_entries(cast, items):
    item = items["elderly"]
    version = item.published_version
    version.title = "关于发放2026年长寿津贴的公告"
    version.save()
    index_publication(item)
    assert search("长寿津贴").hits[0].publication_id == item.id
    assert item.id not in [h.publication_id for h in search("高龄补助金").hits]
    item.published_version = None
    item.save()
    index_publication(item)
    assert search("长寿津贴").total == 0
    assert search("长寿津贴", public=False).total == 1


def test_grams_are_bigrams_of_cjk_runs_and_ascii_words():
    assert grams("低保资金，ＡＢＣ 2026年") == "低保 保资 资金 abc 2026 年"
    assert parse_query("2026年第三季度").terms == (("2026", "年第", "第三", "三季", "季度"),)
    assert parse_query("").empty and parse_query("%_").empty


def test_counts_stop_at_the_cap_and_relevance_ranks_the_newest_window(cast, items, monkeypatch):
    from gongkai.publishing import search as module

    monkeypatch.setattr(module, "TOTAL_CAP", 10)
    monkeypatch.setattr(module, "RANK_WINDOW", 5)
    results = search("低保", limit=20)
    assert (results.total, results.capped, results.reachable, len(results.hits)) == (10, True, 5, 5)
    newest = search("低保", order="date", limit=5).hits
    assert {h.publication_id for h in results.hits} == {h.publication_id for h in newest}
    assert len(search("低保", order="date", limit=20).hits) == 10


def test_without_the_full_count_the_window_tells_whether_there_are_more(cast, items, monkeypatch):
    from gongkai.publishing import search as module

    monkeypatch.setattr(module, "RANK_WINDOW", 5)
    body = [cast.body.id]
    counted = search("低保", body_ids=body, limit=20)
    windowed = search("低保", body_ids=body, limit=20, count_all=False)
    assert counted.total > 5 and counted.capped is False  # the full count finds more than the window
    assert (windowed.total, windowed.capped, windowed.reachable) == (5, True, 5)
    assert [h.publication_id for h in windowed.hits] == [h.publication_id for h in counted.hits]
    # As many matches as the window holds, or fewer: the total is exact and nothing more is claimed.
    monkeypatch.setattr(module, "RANK_WINDOW", counted.total)
    exact = search("低保", body_ids=body, limit=20, count_all=False)
    assert (exact.total, exact.capped) == (counted.total, False)


def test_a_phrase_is_in_the_title_only_where_its_tokens_stand_together(cast):
    """Relevance puts title matches first. A title holding the phrase's characters apart, or an
    ASCII word that only ends like the query's, is not a title match."""
    from gongkai.publishing.search import _matcher, _ranked_page, _window_sql

    together = publish(
        actor=cast.superuser, body=cast.body, spec=ItemSpec("shebao", "低保资金发放xv2026", "正文")
    )
    apart = publish(
        actor=cast.superuser, body=cast.body, spec=ItemSpec("shebao", "资金与低保 axv2026", "低保资金 xv2026")
    )
    condition, ranking = _matcher(parse_query("低保资金 xv2026"))
    matches = SearchEntry.objects.filter(public=True).filter(condition)
    rows, found = _ranked_page(_window_sql(matches, 10), ranking, offset=0, limit=10)
    title_hits = {row["publication_id"]: bool(row["title_hit"]) for row in rows}
    assert (title_hits, found) == ({together.id: True, apart.id: False}, 2)
    assert [h.publication_id for h in search("低保资金 xv2026").hits] == [together.id, apart.id]


@pytest.mark.parametrize(
    ("read_first", "sparse", "public"),
    [
        (1, 0, True),  # one row read, then on down the dates from it
        (7, 0, True),
        (7, 75, True),  # too few matches in the first read: the body's index of words
        (100_000, 37, True),  # the first read holds every row
        (1, 0, False),  # staff: the first read, then the planner
        (100_000, 0, False),
    ],
)
def test_the_newest_matches_are_the_same_however_far_the_first_read_goes(
    cast, items, monkeypatch, read_first, sparse, public
):
    """On PostgreSQL a search in one body reads its newest rows first and, when they hold too few
    matches, reads on or turns to an index: whichever way, the window is the newest matches."""
    from gongkai.publishing import search as module

    monkeypatch.setattr(module, "READ_FIRST", read_first)
    monkeypatch.setattr(module, "BODY_READ_FIRST", read_first)
    monkeypatch.setattr(module, "SPARSE", sparse)
    body = [cast.body.id]
    for word in ("低保", "补助金", "最低生活保障实施细则", "没有这个词"):
        options = {"body_ids": body, "public": public}
        newest = [h.publication_id for h in search(word, order="date", limit=200, **options).hits]
        ranked = search(word, limit=200, count_all=False, **options)
        assert sorted(h.publication_id for h in ranked.hits) == sorted(newest), word
        assert ranked.total == len(newest)
        # A window smaller than the matches holds the newest of them.
        monkeypatch.setattr(module, "RANK_WINDOW", 2)
        few = search(word, limit=2, count_all=False, **options)
        monkeypatch.setattr(module, "RANK_WINDOW", 200)
        assert sorted(h.publication_id for h in few.hits) == sorted(newest[:2]), word


def test_reading_on_from_the_first_read_takes_each_row_once(cast, monkeypatch):
    """The walk on down the dates starts after the last row the first read saw, the newest one a
    match here: it must not count that row again, or the window holds one match too few."""
    from gongkai.publishing import search as module

    made = [
        publish(
            actor=cast.superuser, body=cast.body, spec=ItemSpec("shebao", f"河长巡查记录第{n}期", "巡查。")
        )
        for n in range(3)
    ]
    monkeypatch.setattr(module, "BODY_READ_FIRST", 1)
    monkeypatch.setattr(module, "SPARSE", 0)
    monkeypatch.setattr(module, "RANK_WINDOW", 2)
    results = search("河长巡查", body_ids=[cast.body.id], limit=2, count_all=False)
    assert (results.total, results.capped) == (2, True)
    assert {h.publication_id for h in results.hits} == {made[2].id, made[1].id}
