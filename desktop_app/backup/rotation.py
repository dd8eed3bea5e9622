"""Which automatic backups to keep: a pure function over file names and "now".

Grandfather-father style: of the ``daily`` backups keep the newest of each of the
``keep_daily`` most recent days that have one; of the ``weekly`` backups the newest of each of
the ``keep_weekly`` most recent ISO weeks. Counting days *that have backups* rather than calendar
days means a laptop left switched off for a month does not lose its whole history on the first
start afterwards. Manual backups and files that are not ours are never deleted, nor is anything
stamped after ``now`` (a clock that was wrong once must not make us delete good backups).
The ``.partial`` files killed backups leave are swept too (:func:`sweep_leftovers`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop_app.backup.naming import BackupName, is_leftover, parse_backup_name


@dataclass(frozen=True)
class RotationPlan:
    keep: tuple[str, ...]
    delete: tuple[str, ...]


def plan_rotation(
    names: Iterable[str], *, now: datetime, keep_daily: int = 7, keep_weekly: int = 4
) -> RotationPlan:
    """Split backup file names into those to keep and those to delete (sorted by name)."""
    parsed = [p for p in map(parse_backup_name, names) if p is not None]
    candidates = [p for p in parsed if p.is_automatic and p.taken_at <= now]
    keep = {p.name for p in parsed} - {p.name for p in candidates}
    keep |= _newest_per_period(
        [p for p in candidates if p.kind == "daily"], lambda d: d, max(keep_daily, 0)
    )
    keep |= _newest_per_period(
        [p for p in candidates if p.kind == "weekly"],
        lambda d: d.isocalendar()[:2],
        max(keep_weekly, 0),
    )
    delete = {p.name for p in candidates} - keep
    return RotationPlan(keep=tuple(sorted(keep)), delete=tuple(sorted(delete)))


def _newest_per_period(
    backups: list[BackupName], period: Callable[[date], object], count: int
) -> set[str]:
    newest: dict[object, BackupName] = {}
    for backup in backups:
        key = period(backup.taken_at.date())
        if key not in newest or backup.taken_at > newest[key].taken_at:
            newest[key] = backup
    latest = sorted(newest.values(), key=lambda b: b.taken_at, reverse=True)[:count]
    return {b.name for b in latest}


def rotate_backups(
    folder: Path, *, now: datetime, keep_daily: int = 7, keep_weekly: int = 4
) -> list[Path]:
    """Delete the automatic backups ``plan_rotation`` drops; returns the deleted paths.

    A file that cannot be deleted (read-only USB drive, open elsewhere) is left for next time.
    """
    folder = Path(folder)
    try:
        names = [p.name for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    plan = plan_rotation(names, now=now, keep_daily=keep_daily, keep_weekly=keep_weekly)
    deleted = sweep_leftovers(folder, older_than=LEFTOVER_AGE)
    for name in plan.delete:
        try:
            (folder / name).unlink()
        except OSError:
            continue
        deleted.append(folder / name)
    return deleted


#: A leftover younger than this may belong to a backup being written right now.
LEFTOVER_AGE = timedelta(hours=1)


def sweep_leftovers(folder: Path, *, older_than: timedelta = timedelta(0)) -> list[Path]:
    """Delete the temporary files killed backups left in ``folder`` (see ``is_leftover``) whose
    last write is at least ``older_than`` ago; returns the deleted paths. At start-up, under
    the instance lock, no backup can be running, so everything goes; rotation passes
    :data:`LEFTOVER_AGE`."""
    deleted = []
    try:
        entries = [p for p in Path(folder).iterdir() if is_leftover(p.name)]
    except OSError:
        return []
    limit = time.time() - older_than.total_seconds()
    for path in entries:
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                deleted.append(path)
        except OSError:
            continue
    return deleted
