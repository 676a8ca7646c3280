"""The core must stay Django-free: its rules are reused outside the web app."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_django_or_the_apps():
    offenders = []
    for path in CORE.rglob("*.py"):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top == "django" or (top == "gongkai" and not name.startswith("gongkai.core")):
                offenders.append(f"{path.relative_to(CORE)} imports {name}")
    assert offenders == []


def test_the_check_sees_an_import(tmp_path):
    # Guards the guard: the parser must notice both import forms.
    sample = tmp_path / "sample.py"
    sample.write_text("import django.db\nfrom django.conf import settings\n", encoding="utf-8")
    assert imported_modules(sample) == {"django.db", "django.conf"}
