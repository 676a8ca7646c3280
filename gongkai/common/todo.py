"""'What needs me today': the staff home page gathers items from providers, one per area.

Each provider is a function (user, today) -> list[TodoItem]. Each area (the web app's own, then
the registry's missing holiday years, applications, supervision, annual reports, publishing, jobs:
INSTALLED_APPS order) registers its own in its AppConfig.ready, e.g. cases due within three working
days. Kept in the shared kernel so an area registers without importing web.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class TodoItem:
    title: str
    detail: str
    url: str
    urgent: bool = False


TodoProvider = Callable[[object, date], list[TodoItem]]

TODO_PROVIDERS: list[TodoProvider] = []


def todo_for(user, today: date) -> list[TodoItem]:
    items = [item for provider in TODO_PROVIDERS for item in provider(user, today)]
    return sorted(items, key=lambda item: not item.urgent)
