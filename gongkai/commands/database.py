"""Django for the commands that read the database, on the same embedded default as `make run`.

Without a production configuration (neither DATABASE_URL nor GONGKAI_SECRET_KEY set) a command
uses what `make run` uses: SQLite in var/ with the development settings, so the README's examples
work right after `make run` with no variables. A configuration or database problem is one Chinese
line (ConfigurationError, which the command prints and exits 2 on), never a traceback.
"""

from __future__ import annotations

import os
import sys


class ConfigurationError(Exception):
    """The command cannot go on (no usable database, no such body or case, a file it cannot
    write); the message says why, in one line."""


def refused(problem: object) -> int:
    """Print a command's refusal as one Chinese line on stderr; the exit code is 2."""
    print(f"错误：{problem}", file=sys.stderr)
    return 2


def open_body(text: str):
    """Open the database and find the body a command's BODY argument names."""
    open_database()
    return body_named(text)


def write_output(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise ConfigurationError(f"无法写入“{path}”：{error.strerror or error}。") from None


def open_database() -> None:
    if "DATABASE_URL" not in os.environ and "GONGKAI_SECRET_KEY" not in os.environ:
        os.environ.setdefault("GONGKAI_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as error:
        raise ConfigurationError(f"配置有误：{_first_line(error)}") from None
    from django.db import DatabaseError, connection

    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError as error:
        raise ConfigurationError(f"无法连接数据库：{_first_line(error)}") from None
    if "bodies_body" not in tables:
        raise ConfigurationError("数据库尚未建表：请先运行 make run（或 python manage.py migrate）。")


def body_named(text: str):
    """The body a command's BODY argument names (its code or one of its names), or a
    ConfigurationError saying why not; the database must be open."""
    from django.db.models import Q

    from gongkai.bodies.models import Body

    matches = Body.objects.filter(Q(code=text) | Q(versions__name=text)).distinct()
    if matches.count() != 1:
        problem = "不存在" if not matches else "对应多个机关，请用机关代码"
        raise ConfigurationError(f"机关“{text}”{problem}。")
    return matches.get()


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
