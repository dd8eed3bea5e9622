"""Put a backup in place of the current database, keeping the current file aside.

Order of work, so that a refusal or a failure at any step leaves the current database as it was:

1. Copy the backup with the online backup API into a ``.pulih.partial`` file beside the target
   (the backup itself is only ever opened read-only; a ``-wal`` beside it is folded in). An
   encrypted backup (recognised by its content, not its name) is instead decrypted into that
   file, which appears only once every chunk verified: a wrong password leaves nothing behind.
2. Check the copy: ``PRAGMA integrity_check``, an Alembic stamp (else it is not an Asuh file) and
   a revision this build knows (else it came from a newer Asuh).
3. Fold the current file's ``-wal`` into it (checkpoint), then give it a second name (a hard
   link, so the target is never missing if the process dies here)
   ``<stem>.sebelum-pulih-YYYYMMDD-HHMMSS.sqlite3``; a ``-wal`` that could not be folded in moves
   with it under the matching name, and the ``-shm`` (an index SQLite rebuilds) is removed.
4. Rename the checked copy over the target's name (atomic).

The caller must make sure nothing has the target open: close the app's engine first
(``Database.dispose()``) and hold the single-instance lock (``lock.InstanceLock``). The app must
open the database again afterwards (which also upgrades an older backup's schema).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.backup.backup import fsync_file
from desktop_app.backup.integrity import integrity_problems
from desktop_app.core import clock
from desktop_app.core.crypto_files import DecryptionError, decrypt_file, is_encrypted_file
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import checked
from desktop_app.db import cipher

SIDE_SUFFIXES = ("-wal", "-shm")


class RestoreError(DomainError):
    """The backup was refused or could not be put in place; the current database is unchanged."""


class BackupPasswordError(RestoreError):
    """The backup is encrypted and no password, or a wrong one, was given: ask and try again.
    ``wrong`` tells the two apart (the message says which)."""

    def __init__(self, message: str, *, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    target: Path
    #: Where the previous database now lives (None when there was none).
    set_aside: Path | None
    #: Schema revision of the restored file (reopening upgrades it if older than this build).
    revision: str


@checked
def restore_from_backup(
    session: Session,
    *,
    backup_file: Path,
    target_db_path: Path,
    password: str = "",
    release: Callable[[], None] | None = None,
) -> RestoreResult:
    """A person's restore (GUI or ``asuh restore``): the acting user (``session``) must be
    allowed to replace the whole database (Admin, see ``core.permissions.SERVICE_ROLES``).
    ``release`` (e.g. ``Database.dispose``) runs after the check, before the file is swapped.
    :func:`restore_backup` itself stays for the start-up recovery and the tests."""
    actor = session.info.get("actor")
    if release is not None:
        release()
    return restore_backup(
        backup_file, target_db_path=target_db_path, password=password, actor=actor
    )


def restore_backup(
    backup_file: Path,
    *,
    target_db_path: Path,
    now: datetime | None = None,
    password: str = "",
    actor: str | None = None,
) -> RestoreResult:
    """Restore ``backup_file`` over ``target_db_path``; see the module doc for the steps.

    ``password`` is used only when the backup is encrypted; :class:`BackupPasswordError` when
    it is needed and missing or wrong (callers try the configured one first, then ask).
    """
    backup_file, target = Path(backup_file).resolve(), Path(target_db_path).resolve()
    if backup_file == target:
        raise RestoreError(_("Berkas cadangan sama dengan basis data yang sedang dipakai."))
    if not backup_file.is_file():
        raise RestoreError(_("Berkas cadangan {path} tidak ditemukan.").format(path=backup_file))
    key = cipher.key_for(target)
    if key is None:
        raise RestoreError(_("Masuk (login) dulu: kunci basis data belum terbuka."))
    partial = restore_partial(target)
    try:
        if is_encrypted_file(backup_file):
            _decrypt(backup_file, partial, password)
            if cipher.is_plaintext_sqlite(partial):  # sealed before SQLCipher: encrypt it now
                plain = partial.with_name(partial.name + ".lama")
                os.replace(partial, plain)
                try:
                    _copy_read_only(plain, partial, key=key)
                finally:
                    plain.unlink(missing_ok=True)
        else:
            _copy_read_only(backup_file, partial, key=key)
        revision = check_restorable(partial, shown_name=backup_file.name, key=key)
        _record_restore(partial, key, revision, backup_file.name, actor)
        fsync_file(partial)
        aside = _set_aside(target, now or clock.now())
        try:
            os.replace(partial, target)
        except OSError:
            if aside is not None:
                if target.exists():  # still the current file (aside is its second name)
                    aside.unlink()
                else:
                    os.replace(aside, target)
            raise
    except OSError as error:
        raise RestoreError(
            _("Pemulihan gagal ({reason}); basis data saat ini tidak diubah.").format(
                reason=error.strerror or error
            )
        ) from error
    finally:
        for leftover in restore_leftovers(target):
            leftover.unlink(missing_ok=True)
    return RestoreResult(backup_file, target, aside, revision)


def _record_restore(partial: Path, key: bytes, revision: str, name: str, actor: str | None) -> None:
    """Write the restore into the restored file's own audit trail, chained, before it replaces
    the current one (the current file, and its trail, are set aside). A backup from an older
    schema has no chain yet: reopening upgrades it and its trail starts from there."""
    from sqlalchemy import select

    from desktop_app.db.audit_chain import append_rows
    from desktop_app.db.base import utcnow
    from desktop_app.db.device import DEVICE_ID_KEY
    from desktop_app.db.engine import make_engine
    from desktop_app.db.location import sqlite_url
    from desktop_app.db.models import Setting
    from desktop_app.db.schema_version import HEAD_REVISION

    if revision != HEAD_REVISION:
        return
    cipher.remember_key(partial, key)
    engine = make_engine(sqlite_url(partial))
    try:
        with engine.begin() as connection:
            device = connection.scalar(select(Setting.value).where(Setting.key == DEVICE_ID_KEY))
            append_rows(connection, [{
                "at": utcnow(), "username": actor, "device_id": device,
                "action": "restore_backup", "entity": "cadangan", "entity_id": None,
                "summary": _("Data dipulihkan dari cadangan {name}").format(name=name),
            }])  # fmt: skip
    finally:
        engine.dispose()
    try:  # the engine left it in WAL mode: the swapped-in file stays one self-contained file
        raw = cipher.connect(partial)
        try:
            raw.execute("PRAGMA journal_mode=DELETE")
        finally:
            raw.close()
    finally:
        cipher.forget_key(partial)


def restore_partial(target: Path) -> Path:
    """Where a restore into ``target`` builds its copy (step 1); a killed restore leaves it,
    and the start-up sweep (``lifecycle.sweep_backup_leftovers``) removes it."""
    return target.with_name(target.name + ".pulih.partial")


def restore_leftovers(target: Path) -> list[Path]:
    """The files a killed restore into ``target`` may have left: its copy and SQLite's
    side files of that copy."""
    partial = restore_partial(target)
    return [partial, *(Path(f"{partial}{suffix}") for suffix in SIDE_SUFFIXES)]


def check_restorable(path: Path, *, shown_name: str | None = None, key: bytes | None = None) -> str:
    """The schema revision of the Asuh database at ``path``, or :class:`RestoreError` saying
    why it cannot be restored (damaged, not Asuh's, or from a newer Asuh)."""
    name = shown_name or Path(path).name
    problems = integrity_problems(path, key=key)
    if problems:
        raise _damaged(name, problems[0])
    try:
        revision = _stamped_revision(path, key)
    except cipher.errors_and(UnicodeDecodeError) as error:  # a flipped byte may garble the text
        raise _damaged(name, str(error)) from error
    if revision is None:
        raise RestoreError(
            _(
                "Berkas {name} bukan cadangan Asuh (tidak ada tanda versi skema); tidak dipulihkan."
            ).format(name=name)
        )
    from desktop_app.db.migrate import known_revisions  # imports Alembic: only when restoring

    if revision[0] not in known_revisions():
        raise RestoreError(
            _(
                "Cadangan {name} dibuat oleh versi Asuh yang lebih baru (skema {revision}). "
                "Perbarui aplikasi Asuh sebelum memulihkannya."
            ).format(name=name, revision=revision[0])
        )
    return str(revision[0])


def _stamped_revision(path: Path, key: bytes | None = None) -> tuple[str] | None:
    """The ``alembic_version`` row, or None when the file has no stamp."""
    conn = cipher.connect(path, key=key, read_only=True)
    try:
        has_stamp = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        return (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if has_stamp
            else None
        )
    finally:
        conn.close()


def _decrypt(source: Path, target: Path, password: str) -> None:
    if not password:
        raise BackupPasswordError(
            _("Cadangan {name} terenkripsi. Masukkan kata sandi cadangan untuk "
              "memulihkannya.").format(name=source.name),
            wrong=False,
        )  # fmt: skip
    target.unlink(missing_ok=True)
    try:
        decrypt_file(source, target, password=password)
    except DecryptionError as error:
        raise BackupPasswordError(str(error), wrong=True) from error


def _copy_read_only(source: Path, target: Path, *, key: bytes) -> None:
    """A copy of ``source`` encrypted with ``key``: a backup made with this key is copied page
    by page; one from before encryption (plaintext) is exported into an encrypted file."""
    target.unlink(missing_ok=True)
    try:
        if cipher.is_plaintext_sqlite(source):
            src = cipher.connect(source, plaintext=True, read_only=True)
            try:
                cipher.export_encrypted(src, target, key)
            finally:
                src.close()
            return
        src = cipher.connect(source, key=key, read_only=True)
        try:
            dst = cipher.connect(target, key=key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one file: nothing left beside it
            finally:
                dst.close()
        finally:
            src.close()
    except cipher.errors_and(UnicodeDecodeError) as error:  # a flipped byte may garble the text
        raise _damaged(source.name, str(error)) from error


def _set_aside(target: Path, now: datetime) -> Path | None:
    if not target.exists():
        return None
    _checkpoint(target)
    aside = target.with_name(
        f"{target.stem}.sebelum-pulih-{now.strftime('%Y%m%d-%H%M%S')}{target.suffix}"
    )
    try:
        # A second name for the current file, not a move: the target is never missing, so a
        # kill before the checked copy is renamed over it leaves the current database in place.
        os.link(target, aside)
    except OSError:  # a file system without hard links: move it (a short window remains)
        os.replace(target, aside)
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{target}{suffix}")
        if not side.exists():
            continue
        if suffix == "-wal":  # committed work not yet in the main file: keep it with its file
            os.replace(side, Path(f"{aside}{suffix}"))
        else:
            side.unlink()
    return aside


def _checkpoint(path: Path) -> None:
    """Fold the ``-wal`` into the main file; closing the last connection removes the WAL.
    A damaged file may refuse: then the ``-wal`` is moved along instead (see ``_set_aside``)."""
    try:
        conn = cipher.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except cipher.errors_and(cipher.MissingKeyError):
        pass


def _damaged(name: str, problem: str) -> RestoreError:
    return RestoreError(
        _("Berkas {name} rusak atau bukan basis data ({problem}); tidak dipulihkan.").format(
            name=name,
            problem=" ".join(problem.split()),  # SQLite's report spans lines
        )
    )
