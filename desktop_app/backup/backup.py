"""Take a backup of the live database with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app holds the file open in WAL mode
(a plain file copy could catch the main file and its ``-wal`` at different moments). The copy is
written under a ``.partial`` name, switched to a self-contained single file (journal mode
DELETE, so no ``-wal`` is needed beside it on a USB drive), checked with ``PRAGMA
integrity_check``, flushed to the disk and only then renamed to its final name: a backup that
exists under its final name is complete and sound.

Every backup is a SQLCipher file under the live database's data key (``db/cipher.py``): the
destination connection is keyed before the first page is copied, so no plaintext page touches
any disk, not even in a ``.partial`` left by a crash. It opens with the same logins as the live
file: the key slots (``core/vault.py``) are copied into the backup folder beside it. With a
backup password (``encryption``) that SQLCipher copy is then sealed once more
(``crypto_files``) into the backup folder under the same ``.partial`` name, renamed once the
last chunk is written and flushed.

The ``.partial`` name is one rotation recognises: a killed backup's left-over is removed by the
next start-up (``lifecycle.sweep_backup_leftovers``) and by rotation once it is an hour old.

Thread: any (opens its own SQLite connections); in the GUI it runs on the database worker so no
write is in progress, but it is also safe beside a writer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.backup.integrity import integrity_problems
from desktop_app.backup.naming import (
    INNER_SUFFIX,
    PARTIAL_SUFFIX,
    BackupFile,
    backup_name,
    parse_backup_name,
)
from desktop_app.core import clock, vault
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.passwords import password_problem
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db import cipher
from desktop_app.db.audit_hook import record_event
from desktop_app.settings.store import get_settings

#: Pages copied per step (4 MiB with SQLite's 4 KiB pages): progress a few times a second.
PAGES_PER_STEP = 1024
_BUSY_TIMEOUT_S = 10.0


class BackupError(DomainError):
    """A backup could not be written; nothing was left behind under a backup's final name."""


def make_backup(
    database,
    *,
    folder: Path,
    kind: str = "manual",
    progress: ProgressFn = no_progress,
    now: datetime | None = None,
    password: str = "",
) -> BackupFile:
    """Back the database up into ``folder`` as ``asuh-YYYYMMDD-HHMMSS-<kind>.sqlite3``, or
    encrypted with ``password`` as ``...sqlite3.enc`` ("" = unencrypted).

    ``progress(done_pages, total_pages, label)`` is called between steps; if it raises (the
    user pressed Batal) the partial file is removed and the exception propagates.
    Raises :class:`BackupError` with an Indonesian message when the folder is not writable, the
    disk is full, the copy fails its integrity check or ``password`` breaks the password rules.
    """
    problem = password_problem(password) if password else None
    if problem:
        raise BackupError(
            _("Kata sandi cadangan tidak dapat dipakai ({problem}); ubah di Pengaturan > "
              "Cadangan.").format(problem=problem)
        )  # fmt: skip
    source = source_path(database)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _folder_error(folder, error) from error
    final = _free_name(folder, now or clock.now(), kind, encrypted=bool(password))
    partial = folder / (final.name + PARTIAL_SUFFIX)
    label = _("Mencadangkan basis data")

    def report(done: int, total: int) -> None:
        progress(done, total, label)

    try:
        if password:
            _write_encrypted(source, partial, password, report)
        else:
            _write_plain(source, partial, report)
        fsync_file(partial)
        os.replace(partial, final)
        # The slots that open it (passwords and recovery key as they are now; the data key
        # never changes, so the newest copy opens every backup in the folder).
        vault.copy_header(source, folder)
    except cipher.Error as error:
        raise BackupError(
            _("Cadangan gagal ditulis ke {folder}: {error}").format(folder=folder, error=error)
        ) from error
    except OSError as error:
        raise _folder_error(folder, error) from error
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
    parsed = parse_backup_name(final.name)
    assert parsed is not None
    return BackupFile(final, parsed.taken_at, kind, final.stat().st_size, parsed.encrypted)


@writes(Changes.NONE)
def back_up_now(
    session: Session,
    *,
    database,
    folder: Path,
    progress: ProgressFn = no_progress,
) -> BackupFile:
    """The user's "Cadangkan sekarang": a manual backup, written to the audit log (a backup
    copies personal data, often onto a USB drive, so who made it and where must be traceable).
    The backup is encrypted when a backup password is set (read through ``session``, which
    also writes the audit entry; the caller commits it)."""
    password = get_settings(session).backup_password
    backup = make_backup(
        database, folder=folder, kind="manual", progress=progress, password=password
    )
    record_event(
        session,
        action="export",
        entity="cadangan",
        entity_id=None,
        summary=_("Cadangan manual ke {path}").format(path=backup.path),
    )
    return backup


def source_path(database) -> Path:
    """The SQLite file behind ``database`` (a ``Database`` or a file path); a server database
    cannot be backed up here."""
    path = database if isinstance(database, str | Path) else getattr(database, "path", None)
    if path is None:
        raise BackupError(
            _(
                "Cadangan hanya tersedia untuk basis data berkas (SQLite); basis data server "
                "dicadangkan oleh pengelola server."
            )
        )
    return Path(path)


def _write_plain(source: Path, partial: Path, report: Callable[[int, int], None]) -> None:
    """The snapshot as a self-contained SQLCipher file under the live file's data key, checked.
    Encrypted page by page as it is written: no plaintext page ever reaches the disk."""
    key = _data_key(source)
    partial.unlink(missing_ok=True)
    dst = cipher.connect(partial, key=key)
    try:
        _copy_online(source, dst, report)
        # The copy inherits WAL mode from the source header; a backup must be one file.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
    _refuse_damaged(integrity_problems(partial, key=key))


def _write_encrypted(
    source: Path, partial: Path, password: str, report: Callable[[int, int], None]
) -> None:
    """The SQLCipher snapshot (as a plain backup), sealed once more with the backup password:
    then it opens only with that password *and* the data key (see the guide)."""
    # Imported here so that start-up, which imports this module, does not load cryptography.
    from desktop_app.core.crypto_files import encrypt_stream

    inner = partial.with_name(
        partial.name.removesuffix(PARTIAL_SUFFIX) + INNER_SUFFIX + PARTIAL_SUFFIX
    )
    try:
        _write_plain(source, inner, report)
        with open(inner, "rb") as plain, open(partial, "wb") as sealed:
            encrypt_stream(plain, sealed, password=password)
    finally:
        inner.unlink(missing_ok=True)
        Path(f"{inner}-journal").unlink(missing_ok=True)


def _data_key(source: Path) -> bytes:
    key = cipher.key_for(source)
    if key is None:
        raise BackupError(_("Masuk (login) dulu: kunci basis data belum terbuka."))
    return key


def _refuse_damaged(problems: tuple[str, ...]) -> None:
    if problems:
        raise BackupError(
            _("Cadangan gagal diperiksa (integritas: {problem}); cadangan tidak disimpan.").format(
                problem=problems[0]
            )
        )


def _copy_online(
    source: Path, dst: cipher.dbapi.Connection, report: Callable[[int, int], None]
) -> None:
    src = cipher.connect(source, key=_data_key(source), timeout=_BUSY_TIMEOUT_S)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            report(total - remaining, total)

        src.backup(dst, pages=PAGES_PER_STEP, progress=step)
    finally:
        src.close()


def _free_name(folder: Path, moment: datetime, kind: str, *, encrypted: bool) -> Path:
    """Two backups within one second (a double click) get consecutive stamps, not one file;
    a stamp taken by either a plain or an encrypted backup counts as taken."""
    moment = moment.replace(microsecond=0)
    while any((folder / backup_name(moment, kind, encrypted=e)).exists() for e in (False, True)):
        moment += timedelta(seconds=1)
    return folder / backup_name(moment, kind, encrypted=encrypted)


def fsync_file(path: Path) -> None:
    """Push the file to the device: a USB drive pulled out right after must hold the backup."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _folder_error(folder: Path, error: OSError) -> BackupError:
    return BackupError(
        _(
            "Folder cadangan {folder} tidak dapat ditulisi ({reason}). Periksa flashdisk atau "
            "ruang kosong, atau pilih folder lain di Pengaturan > Cadangan."
        ).format(folder=folder, reason=error.strerror or error)
    )
