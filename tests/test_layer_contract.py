"""The layer contracts of pyproject.toml hold on the tree, and fail on a deliberately wrong import.

lint-imports reads source files (grimp parses them, nothing is imported), so the test runs it on a
copy of gongkai/ with the project's own contracts: once as it is, then with one import added that
each contract forbids, and reads which contract broke."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_tree(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "gongkai",
        tmp_path / "gongkai",
        ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.ttf", "templates", "static", "holidays"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the venv's own lint-imports on a copy of our code
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _add_import(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path):
    return _copy_tree(tmp_path)


def test_the_copy_keeps_every_contract(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # The Django-free core reaching up into an app.
        ("gongkai.core.catalogue", "import gongkai.bodies.models  # noqa", "layers, core up to api|commands"),
        # Sibling apps of one layer.
        (
            "gongkai.publishing.selectors",
            "import gongkai.applications.models  # noqa",
            "layers, core up to api|commands",
        ),
        # The queue sits under the apps that queue work: it never reaches up into one.
        (
            "gongkai.jobs.runner",
            "import gongkai.applications.models  # noqa",
            "layers, core up to api|commands",
        ),
        # The calendar-wide deadline refresh reaches each app only through what it registered.
        (
            "gongkai.registry.deadlines",
            "import gongkai.publishing.deadlines  # noqa",
            "layers, core up to api|commands",
        ),
        # Another app's views, even from a layer above.
        (
            "gongkai.portal.selectors",
            "import gongkai.publishing.views  # noqa",
            "no app imports publishing's views",
        ),
    ],
)
def test_a_wrong_import_breaks_its_contract(tree, module, line, broken):
    _add_import(tree, module, line)
    result = _lint(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 7 kept, 1 broken." in result.stdout, result.stdout
    report = result.stdout.split("Broken contracts", 1)[1].lstrip("-\n ")
    assert report.startswith(broken), report
    assert f"- {module} -> " in report
