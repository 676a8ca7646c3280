"""Screenshots of the main pages, at a desktop (1366×768) and a phone (390×844) size.

    make screenshots            # or: .venv/bin/python docs/screenshots/take.py

Builds the demo in a throw-away directory (its own SQLite database and files, so the developer's
var/ is untouched), serves it with Django's development server on a free local port, and drives
Debian's Chromium through Playwright as a citizen, a clerk and a supervisor. The pictures land
beside this script, named <page>-desktop.png and <page>-phone.png, so anyone can see the product
without running it. Needs Chromium (apt-get install chromium) and CJK fonts (fonts-noto-cjk);
otherwise Chinese comes out as boxes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}

# (file name, who, how to get there): a path, or a path and the link text to follow from it.
PAGES = [
    ("01-front", None, "/"),
    ("02-catalogue", None, "/open/donghu/"),
    ("03-item", None, ("/open/donghu/", "main article a, main li a[href*='/items/']")),
    ("04-search", None, "/open/search/?q=低保"),
    ("05-guide", None, "/guide/donghu/"),
    ("06-apply", None, "/apply/donghu/"),
    ("07-report", None, "/reports/donghu/2025/"),
    ("10-work-home", "donghu-jb", "/work/"),
    ("11-case-list", "donghu-jb", "/bodies/donghu/applications/"),
    ("12-case", "donghu-jb", ("/bodies/donghu/applications/", "main table a[href*='/applications/']")),
    ("13-publishing", "donghu-jb", "/bodies/donghu/publishing/"),
    ("14-annual", "donghu-jb", "/bodies/donghu/annual/2025/"),
    ("15-ledger", "donghu-jb", "/bodies/donghu/annual/2025/ledger/"),
    ("20-rollup", "zwgkb-dc", "/work/rollup/2025/"),
    ("21-overdue", "zwgkb-dc", "/work/overdue/"),
    ("22-audits", "zwgkb-dc", "/supervision/audits/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit("开发服务器未能启动。")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"开发服务器在20秒内未响应：{url}")


def shoot(browser, base_url: str, password: str) -> list[Path]:
    taken = []
    for size_name, (width, height) in SIZES.items():
        contexts = {}
        for name, user, where in PAGES:
            if user not in contexts:
                context = browser.new_context(
                    base_url=base_url,
                    viewport={"width": width, "height": height},
                    is_mobile=size_name == "phone",
                    locale="zh-CN",
                )
                if user:
                    page = context.new_page()
                    page.goto("/accounts/login/")
                    page.get_by_label("用户名").fill(user)
                    page.get_by_label("密码").fill(password)
                    with page.expect_navigation():
                        page.get_by_role("button", name="登录").click()
                    if "/accounts/login/" in page.url:
                        raise SystemExit(f"演示账号{user}登录失败：{page.locator('main').inner_text()[:200]}")
                    page.close()
                contexts[user] = context
            page = contexts[user].new_page()
            path, link = (where, None) if isinstance(where, str) else where
            page.goto(path)
            if link:
                with page.expect_navigation():
                    page.locator(link).first.click()
            page.wait_for_load_state("networkidle")
            for _ in range(60):  # a published report's files are rendered by the queue's worker
                if "正在生成" not in page.locator("main").inner_text():
                    break
                time.sleep(2)
                page.reload()
            target = HERE / f"{name}-{size_name}.png"
            page.screenshot(path=str(target))
            taken.append(target)
            page.close()
        for context in contexts.values():
            context.close()
    return taken


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="gongkai-screenshots-") as var_dir:
        env = {
            **os.environ,
            "GONGKAI_DEBUG": "true",
            "GONGKAI_VAR_DIR": var_dir,
        }
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        password = subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from gongkai.bodies.demo import DEMO_PASSWORD; print(DEMO_PASSWORD)",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]  # the shell may print a line of its own first
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # The queue's worker, as `make run` starts it: it renders the demo reports' download files.
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "run_huey", "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(base_url + "/", server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
                )
                taken = shoot(browser, base_url, password)
                browser.close()
        finally:
            for process in (server, worker):
                process.terminate()
                process.wait(timeout=10)
    for path in taken:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
