"""Pages render in Chinese with landmarks and labelled fields; the staff home shows today's work."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from gongkai.bodies import services
from tests.test_permission_matrix import area_placeholders, sample_application

PAGES = [
    ("clerk", "/work/"),
    ("clerk", "/bodies/"),
    ("clerk", "/bodies/donghu/"),
    ("clerk", "/me/absences/new/"),
    ("clerk", "/accounts/password/"),
    ("admin", "/bodies/donghu/edit/"),
    ("admin", "/bodies/donghu/roles/"),
    ("admin", "/bodies/donghu/users/new/"),
    ("admin", "/bodies/donghu/audit/"),
    ("clerk", "/bodies/donghu/applications/"),
    ("clerk", "/bodies/donghu/applications/new/"),
    ("clerk", "/bodies/donghu/applications/{application}/"),
    ("clerk", "/bodies/donghu/appeals/"),
    ("clerk", "/bodies/donghu/annual/2026/"),
    ("clerk", "/bodies/donghu/annual/2026/figures/"),
    (None, "/apply/donghu/"),
    (None, "/status/"),
    (None, "/guide/donghu/"),
    (None, "/status/{query_code}/"),
    ("superuser", "/work/calendar/"),
    ("inspector", "/supervision/audits/"),
    ("inspector", "/supervision/audits/{batch}/"),
    ("inspector", "/supervision/audits/{batch}/files/{audited_file}/"),
    ("inspector", "/work/overdue/"),
    (None, "/"),
    (None, "/accounts/login/"),
]


@pytest.mark.parametrize(("actor", "path"), PAGES)
def test_page_is_accessible(client, cast, actor, path):
    if actor:
        client.force_login(getattr(cast, actor))
    application = sample_application(cast)
    extra = area_placeholders(cast) if "{batch" in path or "{audited" in path else {}
    response = client.get(path.format(application=application.pk, query_code=application.query_code, **extra))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.find("main", id="main") and soup.find("nav") and soup.find("header")
    assert soup.find("meta", attrs={"name": "viewport"})
    assert len(soup.find_all("h1")) == 1
    # The title is plain Chinese text: no markup leaked from a block, no English product name.
    title = soup.title.get_text()
    assert "<" not in title and "gongkai" not in title and title.strip(), title
    for control in soup.select("input:not([type=hidden]), select, textarea"):
        assert control.get("id"), f"unlabelled control {control}"
        assert soup.find("label", attrs={"for": control["id"]}), f"no label for #{control['id']} on {path}"


def test_home_shows_backup_duty_when_a_colleague_is_away(client, cast):
    today = timezone.localdate()
    services.absence_record(
        actor=cast.clerk, body=None, user=cast.clerk, starts_on=today, ends_on=today, reason="外出开会"
    )
    client.force_login(cast.backup_clerk)
    page = client.get("/work/").content.decode()
    assert f"今日代{cast.clerk.get_full_name()}履行经办人职责（AB岗）" in page


def test_home_tells_the_admin_what_the_guide_lacks(client, cast):
    # 西山街道 has no fax in the demo: its admin is asked to complete the 公开指南 details.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="xishan-gl"))
    page = client.get("/work/").content.decode()
    assert "公开指南信息不完整" in page and "缺少传真" in page


def test_home_tells_the_inspector_which_bodies_lack_guide_details(client, cast):
    client.force_login(cast.inspector)
    page = client.get("/work/").content.decode()
    assert "督查：示范区西山街道办事处公开指南信息不完整" in page


def test_home_says_so_when_nothing_is_due(client, cast):
    client.force_login(cast.reviewer)
    assert "今天没有需要您处理的事项" in client.get("/work/").content.decode()


def test_front_page_lists_the_disclosure_offices(client, cast):
    page = client.get("/").content.decode()
    assert "示范区东湖街道办事处" in page and "东湖街道党政综合办公室" in page and "0755-8000 2000" in page


def test_error_pages_are_in_chinese(client, cast):
    client.force_login(cast.clerk)
    assert "页面不存在" in client.get("/no/such/page/").content.decode()
    forbidden = client.get("/bodies/czj/")
    assert forbidden.status_code == 403
    assert "您没有权限访问此页面" in forbidden.content.decode()


def test_the_guide_shows_the_office_and_the_township_items(client, cast):
    page = client.get("/guide/donghu/").content.decode()
    assert "示范区东湖街道办事处政府信息公开指南" in page
    assert "联系电话：0755-8000 2000" in page and "宅基地使用情况审核" in page
    assert "区政务公开办投诉、举报" not in page  # the supervisor's full name is used
    assert "示范区人民政府办公室（区政务公开办）投诉、举报" in page


def _menu(client, user):
    client.force_login(user)
    soup = BeautifulSoup(client.get("/work/").content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("header nav a")}


def test_clerk_menu_reaches_both_kinds_of_disclosure(client, cast):
    menu = _menu(client, cast.clerk)
    assert menu["主动公开"] == "/bodies/donghu/publishing/"
    assert menu["依申请公开"] == "/bodies/donghu/applications/"
    assert "逾期督办" not in menu


def test_inspector_menu_and_home_point_to_the_last_complete_year(client, cast):
    last_year = timezone.localdate().year - 1
    menu = _menu(client, cast.inspector)
    assert menu["逾期督办"] == "/work/overdue/"
    assert menu[f"{last_year}年汇总"] == f"/work/rollup/{last_year}/"
    home = BeautifulSoup(client.get("/work/").content, "html.parser")
    rollup_links = [a["href"] for a in home.select("main a") if "/rollup/" in a["href"]]
    assert rollup_links == [f"/work/rollup/{last_year}/"]
