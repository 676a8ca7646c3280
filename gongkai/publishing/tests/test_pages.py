"""The staff pages over the demo items: lists and filters, the item page, the home page's todo items."""

from datetime import date

import pytest

from gongkai.common.todo import todo_for
from gongkai.publishing.demo import load_demo_publications
from gongkai.publishing.models import Publication, PublicationVersion

DEMO_DAY = date(2026, 12, 1)


@pytest.fixture
def demo(cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return load_demo_publications(DEMO_DAY)


def test_the_demo_gives_every_body_a_catalogue_and_consistent_items(cast, demo):
    assert demo > 0 and load_demo_publications(DEMO_DAY) == 0  # a second run adds nothing
    items = Publication.objects.filter(body=cast.body)
    assert 10 <= items.count() <= 20
    assert items.filter(repealed_on__isnull=False).count() == 1
    assert items.filter(kind="interpretation", interprets__isnull=False).count() == 2
    waiting = PublicationVersion.objects.get(publication__body=cast.body, status="in_review")
    assert waiting.hits.filter(resolution="", kind="resident_id").count() == 1
    assert PublicationVersion.objects.filter(publication__body=cast.body, status="superseded").count() == 1
    years = {p.first_published_on.year for p in items if p.first_published_on}
    assert years == {2025, 2026}


def test_the_list_filters_and_shows_the_share(client, cast, demo):
    client.force_login(cast.inspector)
    page = client.get("/bodies/donghu/publishing/").content.decode()
    assert "解读率 50%" in page and "城乡低保资金发放情况公示" in page
    normative = client.get("/bodies/donghu/publishing/?kind=normative").content.decode()
    assert "临时救助实施细则" in normative and "部门预算" not in normative
    late = client.get("/bodies/donghu/publishing/?late=1").content.decode()
    assert "老旧小区改造居民议事规则" in late and "部门预算" not in late
    repealed = client.get("/bodies/donghu/publishing/?status=repealed").content.decode()
    assert "临时救助实施细则" in repealed and "议事规则" not in repealed
    column = client.get("/bodies/donghu/publishing/?column=caigou").content.decode()
    assert "采购" in column and "低保资金" not in column
    catalogue = client.get("/bodies/donghu/publishing/catalogue/").content.decode()
    assert "最低生活保障" in catalogue and "解读率" in catalogue


def test_the_item_page_shows_versions_and_only_the_users_steps(client, cast, demo):
    budget = Publication.objects.get(
        body=cast.body, versions__title__endswith="2026年部门预算", versions__number=2
    )
    waiting = Publication.objects.get(body=cast.body, versions__status="in_review")
    client.force_login(cast.reviewer)
    page = client.get(f"/bodies/donghu/publishing/{waiting.pk}/").content.decode()
    assert "身份证号码" in page and "正文第2行" in page and "审核通过" in page and "签发" not in page
    page = client.get(f"/bodies/donghu/publishing/{budget.pk}/").content.decode()
    assert "第2版：已发布" in page and "第1版：已被新版本替代" in page and "更正收支预算总表" in page
    client.force_login(cast.inspector)
    page = client.get(f"/bodies/donghu/publishing/{waiting.pk}/").content.decode()
    assert "审核通过" not in page and "遮盖" not in page.replace("已遮盖", "")


def test_todo_lists_my_steps_overdue_items_and_missing_updates(cast, demo):
    reviewer = [item.title for item in todo_for(cast.reviewer, date(2026, 12, 1))]
    assert any(title.startswith("主动公开待审核：") for title in reviewer)
    clerk = [item.title for item in todo_for(cast.clerk, date(2026, 12, 1))]
    assert any("栏目未按每季度更新" in title for title in clerk)
    later = [item.title for item in todo_for(cast.clerk, date(2027, 3, 1))]
    assert any("已超过公开期限" in title for title in later)
    assert any("“最低生活保障”栏目未按每月更新" in title for title in later)


def test_a_return_reason_is_shown_to_the_clerk(client, cast, demo):
    from gongkai.publishing.services import version_return

    waiting = PublicationVersion.objects.get(publication__body=cast.body, status="in_review")
    version_return(actor=cast.reviewer, version=waiting, reason="请核实家庭人口数", today=DEMO_DAY)
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/donghu/publishing/{waiting.publication_id}/").content.decode()
    assert "退回修改（请核实家庭人口数）" in page and "第1版：草稿" in page and "提交审核" in page


def test_a_draft_waits_for_the_clerk_who_wrote_it(cast, demo):
    from gongkai.publishing.tests.helpers import draft

    draft(cast, title="我的草稿")
    mine = [item.title for item in todo_for(cast.clerk, DEMO_DAY)]
    theirs = [item.title for item in todo_for(cast.backup_clerk, DEMO_DAY)]
    assert "主动公开待提交：我的草稿" in mine and "主动公开待提交：我的草稿" not in theirs
