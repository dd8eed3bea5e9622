"""One sentence for a failure that reached the top of a command: what happened, in the person's
language, instead of a traceback.

A domain refusal already carries its message. The rest are the operating system's and SQLite's
ways of saying the same few things (the file is read-only, the disk is full, nobody is at the
terminal); they are recognised along the whole exception chain, because SQLite's first error is
often hidden behind a second one raised while rolling back (a full disk surfaces as
"no such savepoint"). Anything else is named with its type and a hint to run with ``--debug``.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

#: SQLite's texts (lower case) for a file or folder it may not write.
_READ_ONLY = ("readonly", "read-only", "unable to open database", "permission denied")
#: ... and for a disk that is full or failing.
_DISK_FULL = ("database or disk is full", "disk i/o error")
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))  # no EDQUOT on Windows


def failure_message(error: BaseException) -> str:
    """The one sentence shown for ``error`` (already translated)."""
    from desktop_app.db.migrate import DatabaseOpenError  # the db layer's own refusals

    if isinstance(error, DomainError | DatabaseOpenError):
        return str(error)
    for link in _chain(error):
        text = str(link).lower()
        if _is_disk_full(link, text):
            return _(
                "Disk penuh atau tidak dapat ditulis; perubahan ini tidak disimpan. "
                "Kosongkan ruang disk, lalu coba lagi."
            )
        if _is_read_only(link, text):
            return _(
                "Basis data atau berkasnya tidak dapat ditulis (hanya-baca atau tanpa izin); "
                "tidak ada yang diubah."
            )
    if isinstance(error, EOFError):
        return _("Tidak ada terminal untuk menjawab pertanyaan; tidak ada yang diubah.")
    if isinstance(error, FileNotFoundError):
        return _("Berkas {path} tidak ditemukan.").format(path=error.filename)
    return _(
        "Terjadi kesalahan tak terduga ({kind}: {detail}). Jalankan lagi dengan --debug "
        "untuk rinciannya."
    ).format(kind=type(error).__name__, detail=error)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, then what caused it or was being handled, then SQLAlchemy's wrapped original."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        link = pending.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        for nxt in (getattr(link, "orig", None), link.__cause__, link.__context__):
            if isinstance(nxt, BaseException):
                pending.append(nxt)


def _is_disk_full(link: BaseException, text: str) -> bool:
    if isinstance(link, OSError) and link.errno in _NO_SPACE:
        return True
    return any(marker in text for marker in _DISK_FULL)


def _is_read_only(link: BaseException, text: str) -> bool:
    if isinstance(link, OSError) and link.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    return _is_database_error(link) and any(marker in text for marker in _READ_ONLY)


def _is_database_error(link: BaseException) -> bool:
    from desktop_app.db import cipher

    return isinstance(link, cipher.Error) or type(link).__module__.startswith("sqlalchemy")
