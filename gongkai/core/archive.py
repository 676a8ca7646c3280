"""Reading the files inside an uploaded zip archive without trusting it.

A supervisor uploads a zip of a few hundred published reports; a hostile or broken archive must
not exhaust memory or disk. The limits are checked from the archive's directory before anything
is decompressed, and again while decompressing (a directory can lie about sizes):
- at most `max_members` files;
- each file at most `max_member_bytes` once decompressed, and compressed at most `max_ratio`:1;
- all files together at most `max_total_bytes`.
Nested archives are listed as members but not opened; directories and macOS resource forks are
skipped. Member names are only ever used for display, never as paths on disk.

The archive may be given as bytes or as an open binary file (an upload streamed to a temporary
file), which is then read member by member and never held in memory as a whole; the members are
yielded one at a time, so a caller that handles each before taking the next holds only one.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO


class ArchiveError(Exception):
    """The archive as a whole cannot be read safely; the message is Chinese."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 2000
    max_member_bytes: int = 50 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: int = 200


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes


def _decode_name(info: zipfile.ZipInfo) -> str:
    # Zips made on Chinese Windows store GBK names without the UTF-8 flag; zipfile reads them as cp437.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _wanted(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    return not info.is_dir() and not name.startswith("__MACOSX/") and not name.split("/")[-1].startswith("._")


def is_archive(source: bytes | BinaryIO) -> bool:
    """A zip that is not an Office document (DOCX and XLSX are zips with [Content_Types].xml)."""
    try:
        with _open(source) as archive:
            return "[Content_Types].xml" not in archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return False


def _open(source: bytes | BinaryIO) -> zipfile.ZipFile:
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    source.seek(0)
    return zipfile.ZipFile(source)


def check_archive(source: bytes | BinaryIO, name: str, limits: ArchiveLimits = ArchiveLimits()) -> int:
    """Check the archive's directory against the limits without decompressing; the number of members."""
    with _checked(source, name, limits) as (_, infos):
        return len(infos)


def read_members(
    source: bytes | BinaryIO, name: str, limits: ArchiveLimits = ArchiveLimits()
) -> Iterator[Member]:
    with _checked(source, name, limits) as (archive, infos):
        total = 0
        for info in infos:
            member_name = _decode_name(info)
            payload = _read_bounded(archive, info, limits.max_member_bytes, name, member_name)
            total += len(payload)
            if total > limits.max_total_bytes:
                raise ArchiveError(f"{name}：压缩包解压后过大（上限{limits.max_total_bytes // 2**20} MB）。")
            yield Member(member_name, payload)


@contextlib.contextmanager
def _checked(
    source: bytes | BinaryIO, name: str, limits: ArchiveLimits
) -> Iterator[tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]]:
    try:
        archive = _open(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ArchiveError(f"{name}：压缩包已损坏，无法打开。") from None
    with archive:
        yield archive, _checked_infos(archive, name, limits)


def _checked_infos(archive: zipfile.ZipFile, name: str, limits: ArchiveLimits) -> list[zipfile.ZipInfo]:
    infos = [info for info in archive.infolist() if _wanted(info)]
    if len(infos) > limits.max_members:
        raise ArchiveError(f"{name}：压缩包内文件过多（{len(infos)}个，上限{limits.max_members}个）。")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise ArchiveError(
            f"{name}：压缩包解压后过大（{declared // 2**20} MB，上限{limits.max_total_bytes // 2**20} MB）。"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ArchiveError(f"{name}：压缩包内的“{_decode_name(info)}”已加密，无法读取。")
        _check_member(info, name, limits)
    return infos


def _check_member(info: zipfile.ZipInfo, name: str, limits: ArchiveLimits) -> None:
    member = _decode_name(info)
    if info.file_size > limits.max_member_bytes:
        raise ArchiveError(f"{name}：“{member}”解压后过大（上限{limits.max_member_bytes // 2**20} MB）。")
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        raise ArchiveError(f"{name}：“{member}”压缩比异常（疑似压缩炸弹），已拒绝。")


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str, member: str
) -> bytes:
    chunks, size = [], 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ArchiveError(f"{name}：“{member}”解压后超过声明大小，已拒绝。")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
        raise ArchiveError(f"{name}：“{member}”已损坏（{error}）。") from None
    return b"".join(chunks)
