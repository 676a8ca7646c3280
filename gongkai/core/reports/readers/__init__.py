"""Readers: one module per file type, each turning a file's bytes into a SourceDocument.

Every reader module defines `read(data: bytes, name: str) -> SourceDocument` and raises
ReadError (with a Chinese message) when the file cannot be read at all. The kind of a file is
sniffed from its content, never trusted from its name.
"""

from __future__ import annotations

import importlib

from gongkai.core.reports.readers.sniff import ReadError, sniff
from gongkai.core.reports.source import SourceDocument

# Kind (as returned by sniff) -> reader module under this package.
READERS: dict[str, str] = {
    "text": "text",
    "html": "html",
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
}

__all__ = ["READERS", "ReadError", "read_bytes", "read_path", "sniff"]


def read_bytes(data: bytes, name: str) -> SourceDocument:
    kind = sniff(data, name)
    module_name = READERS.get(kind)
    if module_name is None:
        raise ReadError(f"{name}：不支持的文件类型（{kind}）。")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return module.read(data, name)


def read_path(path: str) -> SourceDocument:
    with open(path, "rb") as handle:
        return read_bytes(handle.read(), path)
