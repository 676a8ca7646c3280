"""Set up Django for a benchmark against a scratch database (never the developer's own data).

`DATABASE_URL` chooses the server; the benchmark creates, migrates and drops its own database:
postgres://postgres@127.0.0.1:5432/gongkai_bench by default.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"


def setup(database_url: str | None = None) -> str:
    url = database_url or os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("GONGKAI_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings_test")
    _recreate(url)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return url


def _recreate(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
