"""What the portal's pages look up again and again, kept in this process between requests.

Every page asks for its body by code, most for the body's 目录, the catalogue page for the
latest items and the published annual reports, the column page for how many items a column has.
These change only when something the portal shows changes, and every such change bumps the page
cache's generation (page_cache.py) in the cache all app servers share. So the answers are kept
here under (generation, day) - the day because a body's new version may begin at midnight - and
thrown away as soon as either moves on. Without a shared cache (settings.SHARED_CACHE) a bump
would reach this process only, so nothing is kept and every call asks the database.

Within one request the generation is read once (request_scope): a page asking for five kept
things costs one cache round trip, not five.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone

from gongkai.portal import page_cache

T = TypeVar("T")

# Enough for every body's pages and column counts of a province; past it the whole store starts
# again (a hostile crawler asking for ever new filter combinations must not grow it unbounded).
MAX_ENTRIES = 20_000

_store: dict[str, Any] = {"key": None, "values": {}}
# Inside request_scope: a one-place holder for the key read in this request; outside it, None.
_request_key: ContextVar[list | None] = ContextVar("portal_kept_key", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Read the generation at most once while the block runs (one request)."""
    token = _request_key.set([])
    try:
        yield
    finally:
        _request_key.reset(token)


def _current_key() -> tuple:
    holder = _request_key.get()
    if holder:
        return holder[0]
    key = (page_cache.generation(), timezone.localdate())
    if holder is not None:
        holder.append(key)
    return key


def kept(name: Hashable, load: Callable[[], T]) -> T:
    """load()'s answer, from this process's store when it was computed under the current key.

    `name` identifies the question (e.g. ("body", code)). The answer is shared by every later
    request until the generation moves on: callers must not change what they are given.
    """
    if not settings.SHARED_CACHE:
        return load()
    key = _current_key()
    if _store["key"] != key:
        _store.update(key=key, values={})
    values = _store["values"]
    if name in values:
        return values[name]
    value = load()
    if len(values) >= MAX_ENTRIES:
        values.clear()
    values[name] = value
    return value


def forget() -> None:
    """Empty the store (tests; a generation bump does the same for running servers)."""
    _store.update(key=None, values={})
