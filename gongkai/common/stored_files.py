"""Files written by a use case are removed again when its transaction does not commit.

A storage backend is not transactional: a file saved inside `transaction.atomic` stays behind
when the block rolls back (a refused zip, an error after the save). Use cases that store files
run in `atomic_with_files()` and save through `store()`; if the block ends with an exception,
every file it stored is deleted before the exception goes on. What this cannot catch (a killed
process, an enclosing transaction rolled back later) is found by `manage.py cleanup_uploads`.
`upload_name` is the one rule for the name an uploaded attachment is kept under.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from gongkai.core.reports.readers import sniff

# (storage, name) of each file stored by the innermost atomic_with_files block still open.
_stored: ContextVar[list | None] = ContextVar("gongkai_stored_files", default=None)


@contextlib.contextmanager
def atomic_with_files(using: str | None = None):
    """`transaction.atomic` that also deletes the files stored in it when it rolls back; also a decorator."""
    written: list = []
    token = _stored.set(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    finally:
        _stored.reset(token)
    enclosing = _stored.get()
    if enclosing is not None:
        enclosing.extend(written)


def store(field: FieldFile, name: str, data: bytes) -> None:
    """Save `data` as the file of `field` (the row is saved by the caller), undone on rollback."""
    written = _stored.get()
    if written is None:
        raise RuntimeError("store() must run inside atomic_with_files(), or a rollback would leave the file")
    field.save(name, ContentFile(data), save=False)
    written.append((field.storage, field.name))


# Scans and photographs (a 身份证 copy, an EMS receipt) are images, which the document sniffer
# calls "binary"; their magic numbers are fixed by the formats.
_IMAGE_MAGIC = {b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}


def sniff_file(data: bytes, name: str) -> str:
    """The kind of an uploaded file from its content: an image kind (jpeg, png) or what sniff says."""
    for magic, kind in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            return kind
    return sniff(data, name)


def upload_name(name: str) -> str:
    """The name an uploaded attachment is kept and shown under: the browser's path cut off (some
    send C:\\...\\file), unprintable characters dropped, at most 150 characters, never empty."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "附件"
    return "".join(ch for ch in name if ch.isprintable())[:150]


def upload_problems(
    files: list[tuple[str, bytes]], *, accepted: set[str], accepted_label: str, max_bytes: int, max_files: int
) -> list[str]:
    """What is wrong with a set of uploads (count, size, empty, type by content), in Chinese."""
    problems = [f"附件最多{max_files}个（选择了{len(files)}个）。"] if len(files) > max_files else []
    for name, data in files:
        if len(data) > max_bytes:
            problems.append(f"附件“{name}”超过{max_bytes // (1024 * 1024)}MB，请压缩或拆分后上传。")
        elif not data:
            problems.append(f"附件“{name}”是空文件。")
        elif sniff_file(data, name) not in accepted:
            problems.append(f"附件“{name}”不是可识别的文档，{accepted_label}。")
    return problems
