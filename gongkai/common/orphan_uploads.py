"""Stored files that no row points to: left by a killed process or a rolled-back transaction.

Found through Django's storage API only (`listdir`, never the file system), so the same code
works on local disk and on S3-compatible stores. A file younger than the grace period is kept:
its upload may still be in flight, its row not yet committed. Stored copies may hold personal
data, so an orphan is not kept for ever.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models


@dataclass(frozen=True)
class StoredFile:
    storage: Storage
    name: str
    size: int
    modified: datetime


@dataclass(frozen=True)
class OrphanScan:
    orphans: list[StoredFile]  # older than the grace period: to remove
    fresh: list[StoredFile]  # within it: kept this time


def referenced_names() -> list[tuple[Storage, set[str]]]:
    """Every storage a FileField of any model uses, with the names its rows point to."""
    found: dict[int, tuple[Storage, set[str]]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                found.setdefault(id(field.storage), (field.storage, set()))[1].update(names)
    return list(found.values())


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever stored
        return
    for name in files:
        yield posixpath.join(folder, name)
    for sub in folders:
        yield from _walk(storage, posixpath.join(folder, sub))


def uploads_scan(*, now: datetime, grace: timedelta) -> OrphanScan:
    orphans, fresh = [], []
    for storage, referenced in referenced_names():
        for name in _walk(storage):
            if name in referenced:
                continue
            stored = StoredFile(storage, name, storage.size(name), storage.get_modified_time(name))
            (orphans if stored.modified < now - grace else fresh).append(stored)
    return OrphanScan(orphans, fresh)


def uploads_remove(orphans: list[StoredFile]) -> list[StoredFile]:
    """Delete the orphans that are still unreferenced (a row may have claimed one since the scan)."""
    still_referenced = {(id(s), n) for s, names in referenced_names() for n in names}
    removed = [f for f in orphans if (id(f.storage), f.name) not in still_referenced]
    for stored in removed:
        stored.storage.delete(stored.name)
    return removed
