"""What killed backups leave behind is recognised and swept: at start-up (under the lock), by
``asuh backup``, and by rotation once it is old enough not to belong to a running backup."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

from desktop_app.backup.lifecycle import guard_database_file
from desktop_app.backup.naming import is_leftover
from desktop_app.backup.rotation import rotate_backups
from desktop_app.cli import main
from tests.conftest import add_cli_admin

KILLED = "asuh-20261122-083015-daily.sqlite3.partial"
KILLED_ENCRYPTED = "asuh-20261122-090000-manual.sqlite3.enc.partial"


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _leave(folder, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"SQLite format 3\x00" + b"x" * 4096)


def test_only_a_backup_name_with_the_partial_suffix_is_a_leftover() -> None:
    assert is_leftover(KILLED) and is_leftover(KILLED_ENCRYPTED)
    for name in ("asuh-20261122-083015-daily.sqlite3", "laporan.xlsx.partial",
                 "asuh.sqlite3.pulih.partial", "asuh-2026-daily.sqlite3.partial"):  # fmt: skip
        assert not is_leftover(name)


def test_start_up_sweeps_the_backup_folder_and_the_database_folder(database) -> None:
    backups = database.path.parent / "cadangan"
    _leave(backups, KILLED, "asuh-20261122-083015-manual.sqlite3", "catatan.partial")
    _leave(database.path.parent, KILLED_ENCRYPTED)  # where older versions staged plain copies
    lock = guard_database_file(database.path)
    lock.release()
    assert sorted(p.name for p in backups.iterdir()) == [
        "asuh-20261122-083015-manual.sqlite3",
        "catatan.partial",
    ]
    assert not (database.path.parent / KILLED_ENCRYPTED).exists()


def test_the_backup_command_sweeps_before_it_writes(database, tmp_path, capsys) -> None:
    usb = tmp_path / "usb"
    _leave(usb, KILLED)
    assert main(["--db", str(database.path), "backup", "--to", str(usb)]) == 0
    assert [p.name for p in usb.iterdir() if p.name.endswith(".partial")] == []


def test_rotation_removes_old_leftovers_and_keeps_a_fresh_one(tmp_path) -> None:
    folder = tmp_path / "usb"
    _leave(folder, KILLED, KILLED_ENCRYPTED)
    two_hours_ago = time.time() - 2 * 3600
    os.utime(folder / KILLED, (two_hours_ago, two_hours_ago))
    deleted = rotate_backups(folder, now=datetime(2026, 11, 22, 12, 0))
    assert [p.name for p in deleted] == [KILLED]
    assert [p.name for p in folder.iterdir()] == [KILLED_ENCRYPTED]  # may be being written


def test_start_up_sweeps_a_killed_restores_copy(database) -> None:
    killed = database.path.with_name(database.path.name + ".pulih.partial")
    _leave(database.path.parent, killed.name, killed.name + "-wal")
    _leave(database.path.parent, "asuh-lain.sqlite3.pulih.partial")  # another file's: not ours
    lock = guard_database_file(database.path)
    lock.release()
    assert not killed.exists() and not killed.with_name(killed.name + "-wal").exists()
    assert (database.path.parent / "asuh-lain.sqlite3.pulih.partial").exists()
