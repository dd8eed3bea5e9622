"""Automatic backups at start-up and exit: weekly first, then daily, then exit-if-changed."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.backup.backup import BackupError
from desktop_app.backup.naming import backup_name, list_backups
from desktop_app.backup.policy import automatic_backup, due_backup_kind, should_backup_now

from .conftest import child_names

NOW = datetime(2026, 11, 25, 9, 0, 0)  # Wednesday
WEEKLY_MON = backup_name(datetime(2026, 11, 23, 8, 0, 0), "weekly")
DAILY_TODAY = backup_name(NOW.replace(hour=7), "daily")


@pytest.mark.parametrize(
    ("names", "event", "modified", "expected"),
    [
        ([], "startup", None, "weekly"),
        ([backup_name(datetime(2026, 11, 22, 8), "weekly")], "startup", None, "weekly"),
        ([WEEKLY_MON], "startup", None, "daily"),
        ([WEEKLY_MON, backup_name(NOW - timedelta(days=1), "daily")], "startup", None, "daily"),
        ([WEEKLY_MON, DAILY_TODAY], "startup", NOW, None),
        ([WEEKLY_MON, DAILY_TODAY], "exit", NOW.replace(hour=8), "daily"),
        ([WEEKLY_MON, DAILY_TODAY], "exit", NOW.replace(hour=6), None),
        ([WEEKLY_MON, DAILY_TODAY], "exit", NOW.replace(hour=7, microsecond=5), None),
        ([WEEKLY_MON, DAILY_TODAY, backup_name(NOW.replace(hour=8), "manual")], "exit",
         NOW.replace(hour=7, minute=30), None),
        ([WEEKLY_MON, backup_name(NOW, "manual")], "startup", None, "daily"),
    ],
)  # fmt: skip
def test_due_backup_kind(names, event, modified, expected) -> None:
    assert due_backup_kind(names, now=NOW, event=event, modified_at=modified) == expected


def test_unknown_event_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        due_backup_kind([], now=NOW, event="lunch")


def test_automatic_backup_writes_weekly_then_daily_then_nothing(with_children, tmp_path):
    folder = tmp_path / "usb"
    db_path = with_children.path
    assert should_backup_now(folder, NOW, event="startup", database_path=db_path)
    first = automatic_backup(with_children, folder=folder, event="startup", now=NOW)
    second = automatic_backup(
        with_children, folder=folder, event="startup", now=NOW + timedelta(minutes=1)
    )
    assert (first.kind, second.kind) == ("weekly", "daily")
    old = NOW - timedelta(days=1)
    os.utime(db_path, (old.timestamp(), old.timestamp()))
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        os.utime(wal, (old.timestamp(), old.timestamp()))
    later = NOW.replace(hour=10)
    assert automatic_backup(with_children, folder=folder, event="exit", now=later) is None
    assert not should_backup_now(folder, later, event="exit", database_path=db_path)
    assert [b.kind for b in list_backups(folder)] == ["daily", "weekly"]
    assert child_names(first.path) == ["Budi Santoso", "Siti Aminah"]


def test_automatic_backup_rotates_old_dailies(with_children, tmp_path):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    for days in range(1, 10):
        (folder / backup_name(NOW - timedelta(days=days), "daily")).write_bytes(b"x")
    automatic_backup(with_children, folder=folder, event="startup", now=NOW, keep_daily=3)
    kinds = [(b.kind, (NOW.date() - b.taken_at.date()).days) for b in list_backups(folder)]
    assert kinds == [("weekly", 0), ("daily", 1), ("daily", 2), ("daily", 3)]


def test_unwritable_folder_raises_backup_error_in_indonesian(with_children, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("berkas biasa")
    with pytest.raises(BackupError, match="Folder cadangan .* tidak dapat ditulisi"):
        automatic_backup(with_children, folder=blocker / "cadangan", event="startup", now=NOW)
