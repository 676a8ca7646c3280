"""axe-core (tests/axe.py) over 21 key pages in real Chromium: no serious or critical violation on
the citizen's pages, the clerk's main screens or the supervisor's (issue 17)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.annual.tests.test_report_files import last_years_report_with_files
from gongkai.applications.tests.test_register import register
from gongkai.publishing.demo import load_demo_publications
from gongkai.publishing.models import Publication
from tests.axe import serious_violations
from tests.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_key_pages_have_no_serious_accessibility_violation(chromium_browser, live_server, cast):
    today = timezone.localdate()
    load_demo_publications(today)
    last_years_report_with_files(cast)
    case = register(cast, received_on=today, today=today)
    item = Publication.objects.filter(body=cast.body, published_version__isnull=False).first()
    public = [
        "/",
        "/open/donghu/",
        f"/open/donghu/items/{item.pk}/",
        f"/open/donghu/columns/{item.column.code}/",
        "/open/search/?body=donghu&q=公开",
        "/guide/donghu/",
        "/apply/donghu/",
        "/status/",
        f"/status/{case.query_code}/",
        "/reports/donghu/2025/",
        "/accounts/login/",
    ]
    staff = [
        "/work/",
        "/bodies/donghu/applications/",
        f"/bodies/donghu/applications/{case.pk}/",
        "/bodies/donghu/annual/2025/",
        "/bodies/donghu/annual/2025/ledger/",
        "/bodies/donghu/publishing/",
        "/bodies/donghu/publishing/new/",
    ]
    supervisor = ["/work/rollup/2025/", "/work/overdue/", "/supervision/audits/"]
    context = chromium_browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    found = {}
    for url in public:
        page.goto(url)
        found[url] = serious_violations(page)
    log_in(page, "donghu-jb")
    page.wait_for_url("**/work/")
    for url in staff:
        page.goto(url)
        assert page.url.endswith(url), url  # the page itself, not a login redirect
        found[url] = serious_violations(page)
    context.close()
    context = chromium_browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    log_in(page, "zwgkb-dc")
    page.wait_for_url("**/work/")
    for url in supervisor:
        page.goto(url)
        assert page.url.endswith(url), url
        found[url] = serious_violations(page)
    context.close()
    assert len(found) == 21
    assert {url: v for url, v in found.items() if v} == {}


def test_the_check_finds_what_it_should(chromium_browser):
    """The checker itself: a nameless button and an image without text are reported."""
    page = chromium_browser.new_page()
    page.set_content(
        '<html lang="zh-Hans"><title>t</title><main><button></button><img src="x.png"></main></html>'
    )
    rules = {line.split(" ", 1)[0] for line in serious_violations(page)}
    assert {"button-name", "image-alt"} <= rules
    page.close()
