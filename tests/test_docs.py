"""Docs that tests keep honest: the committed API schema, the README's commands and variables."""

import json
import re
from pathlib import Path

from gongkai.api import api

ROOT = Path(__file__).resolve().parent.parent


def test_committed_openapi_schema_matches_the_api():
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    current = api.get_openapi_schema()
    assert committed == json.loads(json.dumps(current)), (
        "docs/openapi.json is stale: regenerate with `python manage.py export_openapi`"
    )


def test_readme_lists_every_environment_variable_the_settings_read():
    settings_source = (ROOT / "gongkai" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source)) | {"DATABASE_URL"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {name for name in read if f"`{name}`" not in readme} == set()


def test_readme_quick_start_commands_exist_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_cli_command_is_documented_with_its_example():
    import importlib

    from gongkai.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, module in COMMANDS.items():
        assert f"`gongkai {name}" in readme, name
        assert importlib.import_module(f"gongkai.commands.{module}").EXAMPLE.startswith(f"gongkai {name}")
