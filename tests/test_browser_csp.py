"""Under the Content-Security-Policy the pages still work in a real Chromium: nothing is refused
(Chromium reports each refusal on the console), and the login form still submits. The kiosk's
script, now a static file, is driven in tests/test_browser_kiosk.py."""

import pytest

from tests.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/",
    "/accounts/login/",
    "/apply/donghu/",
    "/status/",
    "/guide/donghu/",
    "/open/donghu/",
    "/kiosk/donghu/",
]
STAFF = ["/work/", "/bodies/donghu/", "/bodies/donghu/applications/", "/bodies/donghu/publishing/"]


def watch_refusals(page) -> list[str]:
    refusals = []
    page.on(
        "console",
        lambda message: refusals.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return refusals


def test_public_and_staff_pages_run_nothing_the_policy_refuses(page, cast):
    refusals = watch_refusals(page)
    for path in PUBLIC:
        page.goto(path)
    page.goto("/open/donghu/?kiosk=1")
    log_in(page, "donghu-jb")
    page.wait_for_url("**/work/")
    for path in STAFF:
        page.goto(path)
    assert refusals == []
