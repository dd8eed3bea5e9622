"""Opening a ZIP made elsewhere without trusting it: sizes are checked before anything is built.

A 165 KB ZIP can unpack to gigabytes, and a ZIP's directory can list millions of members, each
of which :mod:`zipfile` turns into an object when the archive is opened. So the directory's own
size is read from the end record first (a few bytes), then the members' count and declared
uncompressed sizes; members are then read with a cap, because a member's header can lie about
its size. Used by the spreadsheet importer (.xlsx is a ZIP) and by sync files.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

__all__ = ["ZipLimits", "megabytes", "open_bounded_zip", "read_bounded_member"]

#: The end-of-central-directory record: signature, then (at offset 10) the member count and
#: (at 12) the directory's size in bytes; a comment of up to 64 KiB may follow it.
_END_SIGNATURE = b"PK\x05\x06"
_END_SEARCH = 22 + 0xFFFF
#: A directory entry is 46 bytes plus its name; a generous name length per member.
_DIRECTORY_BYTES_PER_MEMBER = 46 + 1024

#: Builds the caller's own error type from a message (ImportFileError, SyncFileError ...).
ErrorFactory = Callable[[str], DomainError]


@dataclass(frozen=True)
class ZipLimits:
    """The most a ZIP may hold: members, uncompressed bytes in all, uncompressed bytes in one."""

    members: int
    total_bytes: int
    member_bytes: int


def megabytes(size: int) -> str:
    """``size`` bytes in whole megabytes for a message (at least 1)."""
    return f"{max(1, round(size / (1024 * 1024))):,}".replace(",", ".")


def _too_many_members(name: str, count: int, limits: ZipLimits) -> str:
    return _("Berkas {name} berisi terlalu banyak bagian ({count}); batasnya {limit}").format(
        name=name, count=f"{count:,}".replace(",", "."), limit=limits.members
    )


def _too_large(name: str, size: int, limit: int) -> str:
    return _(
        "Berkas terlalu besar setelah dibuka: {name} menjadi {size} MB, batasnya {limit} MB"
    ).format(name=name, size=megabytes(size), limit=megabytes(limit))


def _check_end_record(stream: IO[bytes], limits: ZipLimits, name: str, error: ErrorFactory) -> None:
    """Refuse a directory too big to parse, before :class:`zipfile.ZipFile` parses it. A file
    with no end record is left to :mod:`zipfile`, which refuses it as not a ZIP."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(max(0, size - _END_SEARCH))
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) < at + 16:
        return
    count, directory_bytes = struct.unpack_from("<HI", tail, at + 10)
    # 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": only archives far past the limits need it.
    if count > limits.members or directory_bytes > limits.members * _DIRECTORY_BYTES_PER_MEMBER:
        raise error(_too_many_members(name, count, limits))


def _check_members(
    archive: zipfile.ZipFile, limits: ZipLimits, name: str, error: ErrorFactory
) -> None:
    members = archive.infolist()
    if len(members) > limits.members:
        raise error(_too_many_members(name, len(members), limits))
    total = 0
    for member in members:
        if member.file_size > limits.member_bytes:
            label = f"{name} ({member.filename})"
            raise error(_too_large(label, member.file_size, limits.member_bytes))
        total += member.file_size
    if total > limits.total_bytes:
        raise error(_too_large(name, total, limits.total_bytes))


def open_bounded_zip(
    source: Path | IO[bytes], limits: ZipLimits, *, name: str, error: ErrorFactory
) -> zipfile.ZipFile:
    """``source`` opened as a ZIP once its member count and declared sizes are within
    ``limits``; raises ``error(message)`` naming the limit exceeded, or ``zipfile.BadZipFile``.
    The caller closes the archive."""
    if isinstance(source, Path):
        with open(source, "rb") as stream:
            _check_end_record(stream, limits, name, error)
    else:
        _check_end_record(source, limits, name, error)
    archive = zipfile.ZipFile(source)
    try:
        _check_members(archive, limits, name, error)
    except BaseException:
        archive.close()
        raise
    return archive


def read_bounded_member(
    archive: zipfile.ZipFile, member: str, limit: int, *, name: str, error: ErrorFactory
) -> bytes:
    """The bytes of ``member``, refused with ``error`` past ``limit`` bytes whatever its header
    says (the read stops at ``limit + 1`` bytes, so a lying header costs no more than that)."""
    with archive.open(member) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise error(_too_large(f"{name} ({member})", len(data), limit))
    return data
