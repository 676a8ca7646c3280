"""axe-core over the key pages of the demo, as a citizen, a clerk and a supervisor meet them.

axe-core (Deque's engine, bundled by axe-playwright-python) runs inside each page in real
Chromium. A serious or critical violation fails the test with every one found listed, so a
regression names the page, the rule and the element; minor and moderate ones are printed only.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from gongkai.bodies.demo import DEMO_PASSWORD

# (who, where): a path, or a path and the link to follow from it (ids differ between runs).
KEY_PAGES = [
    (None, "/"),
    (None, "/open/donghu/"),
    (None, ("/open/donghu/", "main a[href*='/items/']")),
    (None, "/open/search/?q=低保"),
    (None, "/guide/donghu/"),
    (None, "/apply/donghu/"),
    (None, "/status/"),
    (None, "/reports/donghu/2025/"),
    (None, "/accounts/login/"),
    ("donghu-jb", "/work/"),
    ("donghu-jb", "/bodies/donghu/applications/"),
    ("donghu-jb", ("/bodies/donghu/applications/", "main table a[href*='/applications/']")),
    ("donghu-jb", "/bodies/donghu/applications/new/"),
    ("donghu-jb", "/bodies/donghu/publishing/"),
    ("donghu-jb", "/bodies/donghu/publishing/new/"),
    ("donghu-jb", "/bodies/donghu/annual/2025/"),
    ("donghu-jb", "/bodies/donghu/annual/2025/ledger/"),
    ("zwgkb-dc", "/work/rollup/2025/"),
    ("zwgkb-dc", "/work/overdue/"),
    ("zwgkb-dc", "/supervision/audits/"),
]
BLOCKING = {"serious", "critical"}


def _logged_in(browser, base_url: str, username: str | None):
    context = browser.new_context(base_url=base_url, viewport={"width": 1366, "height": 768}, locale="zh-CN")
    if username:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()
        assert "/accounts/login/" not in page.url, f"{username} could not log in"
        page.close()
    return context


@pytest.mark.django_db(transaction=True)
def test_key_pages_have_no_serious_or_critical_accessibility_violations(chromium_browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    call_command("load_demo", stdout=io.StringIO())
    axe = Axe()
    contexts: dict[str | None, object] = {}
    blocking, visited = [], []
    for username, where in KEY_PAGES:
        if username not in contexts:
            contexts[username] = _logged_in(chromium_browser, live_server.url, username)
        page = contexts[username].new_page()
        path, link = (where, None) if isinstance(where, str) else where
        response = page.goto(path)
        if link:
            with page.expect_navigation():
                page.locator(link).first.click()
        else:
            assert response.status == 200, f"{path}: HTTP {response.status}"
        page.wait_for_load_state()
        visited.append(page.url)
        for violation in axe.run(page).response["violations"]:
            where_found = "; ".join(node["target"][0] for node in violation["nodes"][:3])
            line = (
                f"{page.url} [{violation['impact']}] {violation['id']}: {violation['help']} ({where_found})"
            )
            if violation["impact"] in BLOCKING:
                blocking.append(line)
            else:
                print(line)
        page.close()
    for context in contexts.values():
        context.close()
    assert len(visited) == len(KEY_PAGES) >= 15
    assert blocking == [], "\n".join(blocking)
