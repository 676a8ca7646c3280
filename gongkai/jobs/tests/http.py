"""A logged-in browser without a browser, for tests against real app-server processes: cookies,
the CSRF token, form posts and file uploads, standard library only."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid


class Session:
    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(
        self, path: str, data: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict, str]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})  # noqa: S310 - http://127.0.0.1 only
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get(self, path: str) -> tuple[int, dict, str]:
        return self.request(path)

    def _csrf(self, path: str) -> str:
        _, _, page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"{path} 没有 CSRF 令牌"
        return match.group(1)

    def post(
        self, path: str, fields: dict, files: list[tuple[str, str, bytes]] = ()
    ) -> tuple[int, dict, str]:
        """A form post from the page at `path` (its CSRF token), multipart when there are files."""
        fields = {"csrfmiddlewaretoken": self._csrf(path), **fields}
        if not files:
            body = urllib.parse.urlencode(fields).encode()
            return self.request(path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, filename, content in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def login(self, username: str, password: str) -> None:
        status, headers, _ = self.post("/accounts/login/", {"username": username, "password": password})
        assert status == 302, f"{username} 登录失败（{status}）"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the tests look at each redirect themselves
