"""Shared fixtures: a named cast of users from the demo district, and a real Chromium.

The cast reads as sentences in tests: `cast.clerk` is 东湖街道's 经办人, `cast.outsider` is a clerk
of another body (财政局), `cast.inspector` is the district 政务公开办's 督查, and so on.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """On CI a missing real part is a failure; on a developer's machine the test skips."""
    if running_in_ci():
        pytest.fail(f"CI=true 但{reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(request, tmp_path):
    """Files written through Django's storage go to a fresh folder per test, never to var/."""
    if (
        "settings" in request.fixturenames
        or request.node.get_closest_marker("django_db")
        or "db" in request.fixturenames
    ):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = str(tmp_path / "uploads")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back rows may reuse the ids of cached pages."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def weasyprint_available():
    """PDF rendering needs Pango and HarfBuzz from Debian (see .ci/run); the fonts come with
    gongkai (gongkai/documents/fonts.py), so no system font is needed."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        skip_or_fail(
            f"WeasyPrint 无法加载系统库（{error}）：跳过 PDF 测试；安装 libpango-1.0-0 libharfbuzz-subset0"
        )


@dataclass
class Cast:
    body: object  # 东湖街道办事处
    other_body: object  # 财政局
    office: object  # 区政务公开办 (supervises all demo bodies)
    clerk: object
    backup_clerk: object
    reviewer: object
    secrecy: object
    head: object
    admin: object
    inspector: object
    outsider: object  # 财政局's clerk
    other_admin: object  # 财政局's admin
    office_clerk: object  # 政务公开办's own clerk: no inspector role
    superuser: object


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo district, loaded once into the new test database and committed.

    Every test that runs inside a transaction (pytest-django's default) then finds it already
    there and rolls back only its own changes: loading it costs about 1,100 queries, finding it
    about 110, and almost every test asks for `cast`. The transactional tests (live server,
    transaction=True) empty the database after each one; pytest-django runs them after all the
    others, and `cast` loads the demo again for them, since loading it is idempotent.
    """
    from gongkai.bodies.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def cast(db):
    from django.contrib.auth import get_user_model

    from gongkai.bodies.demo import load_demo
    from gongkai.bodies.models import Body

    load_demo()
    users = {u.username: u for u in get_user_model().objects.all()}
    superuser = get_user_model().objects.create_superuser("root", password="root-password-123")
    return Cast(
        body=Body.objects.get(code="donghu"),
        other_body=Body.objects.get(code="czj"),
        office=Body.objects.get(code="zwgkb"),
        clerk=users["donghu-jb"],
        backup_clerk=users["donghu-jb2"],
        reviewer=users["donghu-sh"],
        secrecy=users["donghu-bm"],
        head=users["donghu-fz"],
        admin=users["donghu-gl"],
        inspector=users["zwgkb-dc"],
        outsider=users["czj-jb"],
        other_admin=users["czj-gl"],
        office_clerk=users["zwgkb-jb"],
        superuser=superuser,
    )


@pytest.fixture(scope="session")
def chromium_browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        skip_or_fail(f"未找到 Chromium（{CHROMIUM}）：跳过浏览器测试；安装：apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("未安装 playwright：跳过浏览器测试")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
