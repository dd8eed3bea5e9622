"""The safety steps around a GUI session, in the order ``ui.app.run_gui`` calls them:

1. :func:`guard_database_file` before opening: take the single-instance lock, sweep what
   killed backups left (:func:`sweep_backup_leftovers`), then a quick integrity check (a
   damaged file must be neither migrated nor written to);
2. ``open_database`` (migrations; not ours);
3. :func:`backup_at` ``event="startup"`` after opening, and ``event="exit"`` when quitting;
4. ``lock.release()`` last.

No Qt: the GUI shows the messages these errors carry.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desktop_app.backup.integrity import IntegrityReport, check_file_integrity
from desktop_app.backup.lock import InstanceLock
from desktop_app.backup.naming import BackupFile, resolve_backup_folder
from desktop_app.backup.policy import automatic_backup
from desktop_app.backup.restore import restore_leftovers
from desktop_app.backup.rotation import sweep_leftovers
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.db.audit_hook import record_event
from desktop_app.settings.start_facts import read_stored_setting
from desktop_app.settings.store import get_settings


class DatabaseDamagedError(DomainError):
    """The integrity check failed; the message says how to recover (restore a backup).

    ``lock`` is still held, so the caller can restore ``report.newest_backup`` under it (then
    open the database as usual), or release it and exit.
    """

    def __init__(self, report: IntegrityReport, lock: InstanceLock) -> None:
        super().__init__(report.message)
        self.report = report
        self.lock = lock


def guard_database_file(database_path: Path) -> InstanceLock:
    """Lock the file for this process and check it; returns the held lock (keep a reference:
    the lock lives as long as the object). Raises ``AlreadyRunningError`` or
    :class:`DatabaseDamagedError`; on the latter the lock is kept so that a restore can follow.
    """
    lock = InstanceLock(database_path)
    lock.acquire()
    sweep_backup_leftovers(database_path)
    if Path(database_path).exists():
        report = check_file_integrity(
            database_path, backup_folder=configured_backup_folder(database_path), quick=True
        )
        if not report.ok:
            raise DatabaseDamagedError(report, lock)
    return lock


def backup_at(database, *, event: str, now: datetime | None = None) -> BackupFile | None:
    """Automatic backup at ``"startup"`` or ``"exit"`` into the configured folder, with the
    configured rotation and backup password (encrypted when one is set). Raises
    ``BackupError`` (e.g. the USB drive is not plugged in): warn and carry on, the data itself
    is fine."""
    if database.path is None:
        return None
    with database.sessions() as session:
        settings = get_settings(session)
    made = automatic_backup(
        database,
        folder=resolve_backup_folder(settings.backup_dir, database.path),
        event=event,
        now=now,
        keep_daily=settings.keep_daily,
        keep_weekly=settings.keep_weekly,
        password=settings.backup_password,
    )
    if made is not None:  # a copy of everyone's data left the file: on record, like a manual one
        with database.sessions() as session:
            record_event(
                session, action="backup", entity="cadangan", entity_id=None,
                summary=_("Cadangan otomatis ({event}) ke {path}").format(
                    event=_("saat mulai") if event == "startup" else _("saat keluar"),
                    path=made.path,
                ),
            )  # fmt: skip
            session.commit()
    return made


def sweep_backup_leftovers(database_path: Path, *also: Path) -> list[Path]:
    """Remove what killed backups left: ``.partial`` files in the backup folder, and the plain
    snapshots older versions staged beside the database for an encrypted backup (and in the
    folders ``also``, e.g. a backup's ``--to``); and a killed restore's ``.pulih.partial`` copy
    beside the database. Call only while holding the instance lock (start-up, a command):
    then no backup or restore is being written."""
    folders = {configured_backup_folder(database_path), Path(database_path).parent, *also}
    swept = [path for folder in sorted(folders) for path in sweep_leftovers(folder)]
    for leftover in restore_leftovers(Path(database_path)):
        try:
            leftover.unlink()
        except OSError:  # absent (the usual case) or not ours to remove: leave it
            continue
        swept.append(leftover)
    return swept


def configured_backup_folder(database_path: Path) -> Path:
    """The backup folder saved in the file's settings, read without SQLAlchemy and read-only
    (works before migrating, and on a damaged file as far as it can); default otherwise."""
    configured = read_stored_setting(Path(database_path), "backup_dir")
    return resolve_backup_folder(
        configured if isinstance(configured, str) else "", Path(database_path)
    )
