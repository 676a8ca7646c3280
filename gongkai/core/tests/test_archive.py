"""Uploaded zips are read within limits; bombs, lies, encryption and corruption are refused in Chinese."""

import io
import struct
import zipfile

import pytest

from gongkai.core.archive import ArchiveError, ArchiveLimits, read_members


def make_zip(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_members_are_read_skipping_folders_and_resource_forks():
    data = make_zip(
        {"2025/a.txt": b"A", "__MACOSX/._a.txt": b"x", "2025/._b.txt": b"y", "b.pdf": b"%PDF-1.4"}
    )
    assert [(m.name, m.data) for m in read_members(data, "up.zip")] == [
        ("2025/a.txt", b"A"),
        ("b.pdf", b"%PDF-1.4"),
    ]


def test_gbk_member_names_from_chinese_windows_are_decoded():
    # Write an ASCII placeholder of the same byte length, then put the GBK bytes in its place, as
    # Chinese Windows does (no UTF-8 flag).
    gbk = "年度报告.txt".encode("gbk")
    placeholder = b"X" * len(gbk)
    raw = make_zip({placeholder.decode(): b"x"}).replace(placeholder, gbk)
    assert [m.name for m in read_members(raw, "up.zip")] == ["年度报告.txt"]


def test_encrypted_members_are_refused():
    data = bytearray(make_zip({"a.txt": b"secret"}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag bit in the central directory
    with pytest.raises(ArchiveError, match="“a.txt”已加密"):
        list(read_members(bytes(data), "up.zip"))


def test_a_zip_bomb_is_refused_before_decompressing():
    data = make_zip({"bomb.txt": b"0" * (20 * 1024 * 1024)})  # compresses about 1000:1
    with pytest.raises(ArchiveError, match="压缩比异常"):
        list(read_members(data, "up.zip"))


def test_too_many_members_or_too_large():
    data = make_zip({f"{i}.txt": b"x" for i in range(5)})
    with pytest.raises(ArchiveError, match="文件过多（5个，上限4个）"):
        list(read_members(data, "up.zip", ArchiveLimits(max_members=4)))
    with pytest.raises(ArchiveError, match="解压后过大"):
        list(read_members(make_zip({"a.txt": b"abc" * 100}), "up.zip", ArchiveLimits(max_member_bytes=100)))


def test_a_directory_that_understates_sizes_is_caught_while_reading():
    data = bytearray(make_zip({"a.txt": b"a" * 5000}, compression=zipfile.ZIP_STORED))
    # Rewrite the uncompressed size in the central directory to claim 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 10)
    with pytest.raises(ArchiveError):
        list(read_members(bytes(data), "up.zip", ArchiveLimits(max_member_bytes=100, max_ratio=10**6)))


def test_corrupt_archives_are_explained():
    with pytest.raises(ArchiveError, match="up.zip：压缩包已损坏"):
        list(read_members(b"PK\x03\x04garbage", "up.zip"))
    truncated = make_zip({"a.txt": b"hello world" * 100})[:60]
    with pytest.raises(ArchiveError):
        list(read_members(truncated, "up.zip"))
