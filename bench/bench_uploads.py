"""Peak memory of a gunicorn worker for each hostile upload of issue 10, against a normal report.

    .venv/bin/python bench/bench_uploads.py

Builds the hostile set in a temporary folder: a 200 MB text file named x.zip, a PDF of 10,000
pages, a zip of 490 members of 1 MB each, and the same 10,000-page PDF as a publication
attachment; the baseline is a normal annual report (DOCX) from the test builders. For each file a
fresh gunicorn (one sync worker, GONGKAI_DEBUG=false, a copy of a migrated SQLite database with
the demo district) is started, warmed up with one page, and the file is streamed to the real
view (/supervision/audits/, or the attachment view of a draft). The worker's peak resident
memory during the upload is read from /proc (VmHWM, reset just before the request), with the
time, the answer, the stored files it left behind, and the peak's ratio to the baseline's.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CSRF = "b" * 32  # an unmasked CSRF secret, sent as cookie and form field alike
MB = 2**20


def write_hostile_set(folder: Path) -> list[tuple[str, str, Path]]:
    from gongkai.core.reports.tests import builders
    from gongkai.supervision.tests.hostile import many_page_pdf, zip_of_many

    report = builders.build_docx(builders.report_blocks(seed=0, year=2025, org="示范区青山镇人民政府"))
    (folder / "青山镇2025年年报.docx").write_bytes(report)
    line = b"0123456789" * 10 + b"\n"
    for name, size in (("x.zip", 200 * MB), ("y.zip", 90 * MB)):  # text under a zip's name
        with open(folder / name, "wb") as handle:
            for _ in range(size // (len(line) * 1000) + 1):
                handle.write(line * 1000)
    (folder / "万页.pdf").write_bytes(many_page_pdf(10_000))
    (folder / "490个.zip").write_bytes(zip_of_many(490, MB))
    return [
        ("baseline: normal report (DOCX)", "audit", folder / "青山镇2025年年报.docx"),
        ("200 MB text named x.zip", "audit", folder / "x.zip"),
        ("90 MB text named y.zip (under cap)", "audit", folder / "y.zip"),
        ("PDF of 10,000 pages", "audit", folder / "万页.pdf"),
        ("zip of 490 x 1 MB members", "audit", folder / "490个.zip"),
        ("attachment: PDF of 10,000 pages", "attach", folder / "万页.pdf"),
    ]


def prepare(database: str) -> None:
    """Run in a subprocess: the demo district, a draft to attach to, sessions for 督查 and 经办人."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from gongkai.bodies.models import Body
    from gongkai.publishing import services
    from gongkai.publishing.models import CatalogueNode

    users = get_user_model().objects
    today = timezone.localdate()
    body = Body.objects.get(code="donghu")
    publication = services.publication_create(
        actor=users.get(username="donghu-jb"),
        body=body,
        column=CatalogueNode.objects.filter(body=body, parent__isnull=False).first(),
        kind="other",
        details={"title": "附件上传测试", "issuer": "东湖街道办事处", "formed_on": today},
        today=today,
    )
    for username in ("zwgkb-dc", "donghu-jb"):
        session = SessionStore()
        user = users.get(username=username)
        session.update(
            {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
        )
        session.create()
        print(f"session {username} {session.session_key}")
    office = Body.objects.get(code="zwgkb")
    print(f"office {office.pk}")
    print(f"attach /bodies/donghu/publishing/{publication.pk}/attachments/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_of(master: int) -> int:
    for _ in range(200):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.05)
    raise RuntimeError("gunicorn started no worker")


def kilobytes(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


def multipart(fields: dict[str, str], file_field: str, path: Path) -> tuple[str, bytes, bytes]:
    boundary = "benchboundary7MA4YWxkTrZu0gW"
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{path.name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return boundary, head, f"\r\n--{boundary}--\r\n".encode()


def post_streamed(port: int, url: str, session: str, fields: dict, file_field: str, path: Path):
    boundary, head, tail = multipart({"csrfmiddlewaretoken": CSRF, **fields}, file_field, path)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.putrequest("POST", url)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + path.stat().st_size + len(tail)))
    connection.putheader("Cookie", f"sessionid={session}; csrftoken={CSRF}")
    connection.endheaders()
    try:
        connection.send(head)
        with open(path, "rb") as handle:
            while chunk := handle.read(MB):
                connection.send(chunk)
        connection.send(tail)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered before taking the whole body (413)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    return response.status, response.getheader("Location") or "", body


def answer(status: int, location: str, page: str) -> str:
    """The redirect, or the first message the page shows (a field's error, else an error page's text)."""
    if status == 302:
        return f"{status} {location}"
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', page, re.S) or re.search(
        r"<h1>.*?</h1>\s*<p>(.*?)</p>", page, re.S
    )
    return f"{status} {found.group(1).strip()[:70] if found else ''}"


def run_case(kind: str, path: Path, template: Path, work: Path, config: dict) -> dict:
    case = Path(tempfile.mkdtemp(dir=work))
    shutil.copy(template, case / "db.sqlite3")
    env = {**os.environ, **config["env"], "DATABASE_URL": f"sqlite:///{case / 'db.sqlite3'}"}
    env["GONGKAI_MEDIA_ROOT"] = str(case / "media")
    port = free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "gongkai.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "600",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(case / "gunicorn.log", "w"),
    )
    try:
        worker = worker_of(server.pid)
        session = config["sessions"]["zwgkb-dc" if kind == "audit" else "donghu-jb"]
        for _ in range(100):  # warm up: the first page loads the application
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/supervision/audits/", headers={"Cookie": f"sessionid={session}"})
                connection.getresponse().read()
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
        before = kilobytes(worker, "VmRSS")
        Path(f"/proc/{worker}/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        started = time.perf_counter()
        if kind == "audit":
            fields = {"owner": config["office"], "name": "bench"}
            status, location, page = post_streamed(
                port, "/supervision/audits/", session, fields, "files", path
            )
        else:
            status, location, page = post_streamed(port, config["attach"], session, {}, "file", path)
        seconds = time.perf_counter() - started
        peak = kilobytes(worker, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = [p for p in (case / "media").rglob("*") if p.is_file()] if (case / "media").exists() else []
    return {
        "before": before / 1024,
        "peak": peak / 1024,
        "seconds": seconds,
        "answer": answer(status, location, page),
        "stored": (len(stored), sum(p.stat().st_size for p in stored) / MB),
    }


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    try:
        env = {
            "GONGKAI_DEBUG": "false",
            "GONGKAI_SECRET_KEY": "bench-uploads-only",
            "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
            "GONGKAI_SECURE_COOKIES": "false",
            "GONGKAI_STATIC_ROOT": str(work / "static"),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        }
        template = work / "template.sqlite3"
        prep_env = {**os.environ, **env, "DATABASE_URL": f"sqlite:///{template}"}
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=prep_env, check=True
        )
        prepared = subprocess.run(
            [PYTHON, __file__, "--prepare"],
            cwd=ROOT,
            env=prep_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        config = {"env": env, "sessions": dict(re.findall(r"^session (\S+) (\S+)$", prepared, re.M))}
        config["office"] = re.search(r"^office (\d+)$", prepared, re.M).group(1)
        config["attach"] = re.search(r"^attach (\S+)$", prepared, re.M).group(1)
        files = work / "files"
        files.mkdir()
        cases = write_hostile_set(files)
        print(
            f"{'upload':34} {'size':>9} {'RSS before':>11} {'peak RSS':>9} {'x base':>7} {'time':>7}  stored  answer"
        )
        baseline = None
        for label, kind, path in cases:
            result = run_case(kind, path, template, work, config)
            baseline = baseline or result["peak"]
            count, size = result["stored"]
            print(
                f"{label:34} {path.stat().st_size / MB:7.1f}MB {result['before']:9.0f}MB {result['peak']:7.0f}MB "
                f"{result['peak'] / baseline:6.2f}x {result['seconds']:6.1f}s  {count:3d}/{size:5.1f}MB  {result['answer']}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare(os.environ["DATABASE_URL"])
    else:
        main()
