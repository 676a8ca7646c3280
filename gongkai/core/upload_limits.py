"""Bounds an uploaded file must keep, checked before it is read.

Reading a file costs far more than its size: a 1.6 MB PDF of 10,000 pages took 1.9 GB to
extract, so a PDF's pages are counted from its page tree (PyMuPDF, a few milliseconds and no
text extraction) before any reader sees it. Sizes are checked from what the upload declares,
before its bytes are read into memory. Messages are Chinese and name the file.
"""

from __future__ import annotations

import pymupdf


class UploadRefused(Exception):
    """The file breaks a bound; the message is Chinese and names the file."""


def megabytes(size: int) -> int:
    return size // 2**20


def refuse_oversized(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise UploadRefused(
            f"{name}：文件过大（{megabytes(size)} MB，上限{megabytes(limit)} MB），请压缩或拆分后上传。"
        )


def pdf_page_count(data: bytes) -> int | None:
    """The number of pages, or None when the file cannot be opened as a PDF (the reader says why)."""
    try:
        with pymupdf.open(stream=data, filetype="pdf") as document:
            pages: int = document.page_count
            return pages
    except Exception:  # PyMuPDF raises several types on broken files; the reader reports them
        return None


def refuse_long_pdf(data: bytes, name: str, max_pages: int) -> None:
    pages = pdf_page_count(data)
    if pages is not None and pages > max_pages:
        raise UploadRefused(f"{name}：PDF共{pages}页，超过{max_pages}页的上限，未读取。")
