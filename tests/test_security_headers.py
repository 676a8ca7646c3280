"""Headers every page carries, no inline script anywhere, the CSRF failure page, and downloads
whose content type comes from what the file is rather than from its name."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.core.reports.readers import sniff
from gongkai.portal.sample import ItemSpec, publish
from gongkai.publishing.models import Attachment
from tests.test_permission_matrix import ROWS, request_as

PAGES = [row for row in ROWS if row.method == "get" and not row.api]
KIOSK_PAGES = ["/kiosk/donghu/", "/open/donghu/?kiosk=1"]


def first_allowed(row) -> str:
    for actor in ("anonymous", "clerk", "admin", "inspector", "head", "superuser"):
        if actor in row.allowed:
            return actor
    return sorted(row.allowed)[0]


def inline_code(html: bytes) -> list[str]:
    """Every piece of script or style written into the page itself, which the CSP would block."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<script>{s.string[:60]}" for s in soup.find_all("script") if not s.get("src") or s.string]
    found += [f"<style>{s.string[:60]}" for s in soup.find_all("style")]
    for element in soup.find_all(True):
        found += [
            f"{element.name} {name}=" for name in element.attrs if name.startswith("on") or name == "style"
        ]
        found += [
            f"{element.name} href=javascript:"
            for _ in [1]
            if element.get("href", "").startswith("javascript:")
        ]
    return found


def assert_protected(response):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("row", PAGES, ids=lambda row: row.path)
def test_every_page_has_the_headers_and_no_inline_script(row, client, cast):
    response = request_as(client, cast, first_allowed(row), row)
    assert response.status_code in row.ok
    assert_protected(response)
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content) == []


@pytest.mark.parametrize("path", KIOSK_PAGES)
def test_kiosk_pages_load_their_script_from_a_file(client, cast, path):
    response = client.get(path)
    assert_protected(response)
    assert inline_code(response.content) == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script", src=lambda src: src and src.endswith("portal/kiosk.js"))
    assert soup.body["data-kiosk-start"] == "/kiosk/donghu/"


def test_error_pages_have_the_headers_too(client, db):
    assert_protected(client.get("/no-such-page/"))


def test_hsts_behind_the_https_proxy(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    # Plain HTTP (a request that did not come through the TLS proxy) never gets it.
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")


def test_hsts_is_on_by_default_only_behind_a_proxy_outside_debug():
    import subprocess
    import sys

    def seconds(**env):
        code = "import gongkai.settings as s; print(s.SECURE_HSTS_SECONDS)"
        base = {"PATH": "/usr/bin:/bin", "GONGKAI_SECRET_KEY": "x" * 50, "GONGKAI_DEBUG": "false"}
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code], env=base | env, capture_output=True, text=True, check=True
        )
        return int(result.stdout)

    assert seconds(GONGKAI_BEHIND_PROXY="true") == 31536000
    assert seconds(GONGKAI_BEHIND_PROXY="false") == 0
    assert seconds(GONGKAI_BEHIND_PROXY="true", GONGKAI_DEBUG="true") == 0
    assert seconds(GONGKAI_BEHIND_PROXY="true", GONGKAI_HSTS_SECONDS="600") == 600


def test_csrf_failure_page_is_in_chinese_in_the_site_layout(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "donghu-jb", "password": "x"})
    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "zh-Hans" and soup.find("header") and soup.find("main", id="main")
    assert soup.h1.get_text() == "表单已失效"
    assert "刷新后重新填写提交" in soup.main.get_text()
    assert_protected(response)


def test_a_pdf_named_file_that_is_html_downloads_as_bytes(client, cast):
    item = publish(actor=cast.clerk, body=cast.body, spec=ItemSpec("dibao", "关于低保名册的公示"))
    html = b"<html><body><script>alert(document.cookie)</script>lie</body></html>"
    attachment = Attachment(
        version=item.published_version, name="lie.pdf", file_type=sniff(html, "lie.pdf"), size=len(html)
    )
    attachment.original.save("lie.pdf", ContentFile(html), save=False)
    attachment.published.save("lie.pdf", ContentFile(html), save=False)
    attachment.save()
    assert attachment.file_type == "html"
    response = client.get(f"/open/donghu/items/{item.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(cast.clerk)
    staff = client.get(f"/bodies/donghu/publishing/{item.pk}/attachments/{attachment.pk}/original/")
    assert staff.status_code == 200 and staff["Content-Type"] == "application/octet-stream"
