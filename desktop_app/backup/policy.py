"""When to take the automatic backups: at start-up and at exit.

- The first automatic backup of an ISO week is a ``weekly`` one (kept four weeks by default).
- Otherwise the first of a day is a ``daily`` one (kept seven days by default).
- At exit a further ``daily`` backup is taken when the database changed since the newest backup,
  so the day's work is in a backup before the laptop is shut; rotation keeps only the newest
  backup of each day, so this costs no space.

The decision is a pure function of the folder's file names and the clock (easy to test); the
caller passes the database file's modification time (see :func:`database_modified_at`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from desktop_app.backup.backup import make_backup, source_path
from desktop_app.backup.naming import BackupFile, BackupName, parse_backup_name
from desktop_app.backup.rotation import rotate_backups
from desktop_app.core import clock
from desktop_app.core.progress import ProgressFn, no_progress

EVENTS = ("startup", "exit")


def due_backup_kind(
    names: Iterable[str], *, now: datetime, event: str, modified_at: datetime | None = None
) -> str | None:
    """``"weekly"``, ``"daily"`` or None (no backup needed now); see the module doc."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    backups = [p for p in map(parse_backup_name, names) if p is not None]
    automatic = [b for b in backups if b.is_automatic and b.taken_at <= now]
    if not any(b.kind == "weekly" and _same_week(b, now) for b in automatic):
        return "weekly"
    if not any(b.kind == "daily" and b.taken_at.date() == now.date() for b in automatic):
        return "daily"
    if event == "exit":
        newest = max((b.taken_at for b in backups if b.taken_at <= now), default=None)
        if newest is None or modified_at is None or modified_at.replace(microsecond=0) > newest:
            return "daily"
    return None


def should_backup_now(folder: Path, now: datetime, *, event: str, database_path: Path) -> bool:
    """Whether :func:`automatic_backup` would write a backup now (for callers that ask first)."""
    return _due(folder, now, event, database_path) is not None


def automatic_backup(
    database,
    *,
    folder: Path,
    event: str,
    now: datetime | None = None,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    progress: ProgressFn = no_progress,
    password: str = "",
) -> BackupFile | None:
    """Take the backup due at ``event`` (if any), encrypted when ``password`` is set, then
    rotate old automatic backups (plain and encrypted ones alike).

    Raises :class:`~desktop_app.backup.backup.BackupError` when the folder cannot be written
    (e.g. the USB drive is not plugged in); start-up should warn and carry on.
    """
    now = now or clock.now()
    kind = _due(folder, now, event, source_path(database))
    made = None
    if kind is not None:
        made = make_backup(
            database, folder=folder, kind=kind, progress=progress, now=now, password=password
        )
    rotate_backups(folder, now=now, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return made


def database_modified_at(database_path: Path) -> datetime | None:
    """Last change to the database file or its ``-wal`` (committed work lands in the WAL
    first), as local time to compare with backup names; None if neither exists."""
    times = []
    for path in (Path(database_path), Path(f"{database_path}-wal")):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times)) if times else None


def _due(folder: Path, now: datetime, event: str, database_path: Path) -> str | None:
    try:
        names = [p.name for p in Path(folder).iterdir()]
    except OSError:
        names = []
    return due_backup_kind(
        names, now=now, event=event, modified_at=database_modified_at(database_path)
    )


def _same_week(backup: BackupName, now: datetime) -> bool:
    return backup.taken_at.isocalendar()[:2] == now.isocalendar()[:2]
