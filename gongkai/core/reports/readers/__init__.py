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


# Why a sniffed kind has no reader, in words a clerk can act on.
UNREADABLE_KINDS = {
    "empty": "文件为空",
    "doc-or-xls": "旧版 Word/Excel 格式（.doc/.xls），请用 Word、WPS 或 Excel 另存为 .docx/.xlsx 后再试",
    "wordml": "Word 2003 XML 格式，请用 Word 或 WPS 另存为 .docx 后再试",
    "zip": "是压缩包而不是文档，请解压后逐个处理",
    "binary": "不是可识别的文档（支持 txt、html、docx、pdf、xlsx）",
}


def read_bytes(data: bytes, name: str) -> SourceDocument:
    kind = sniff(data, name)
    module_name = READERS.get(kind)
    if module_name is None:
        reason = UNREADABLE_KINDS.get(kind, f"不支持的文件类型（{kind}）")
        raise ReadError(f"{name}：{reason}。")
    module = importlib.import_module(f"{__name__}.{module_name}")
    document: SourceDocument = module.read(data, name)
    return document


def read_path(path: str) -> SourceDocument:
    with open(path, "rb") as handle:
        return read_bytes(handle.read(), path)
