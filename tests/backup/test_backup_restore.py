"""Backups copy the live database consistently; restore checks first and keeps the old file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.backup.backup import BackupError, make_backup
from desktop_app.backup.naming import list_backups
from desktop_app.backup.restore import RestoreError, restore_backup
from desktop_app.core.database import open_database
from desktop_app.core.progress import Cancelled
from desktop_app.db.schema_version import HEAD_REVISION
from tests import keyed

from .conftest import add_children, child_names

NOW = datetime(2026, 11, 22, 8, 30, 15)


def test_backup_is_a_complete_single_file_with_a_dated_name(with_children, tmp_path) -> None:
    seen: list[tuple[int, int, str]] = []
    backup = make_backup(
        with_children, folder=tmp_path / "usb", now=NOW, progress=lambda *a: seen.append(a)
    )
    assert backup.path == tmp_path / "usb" / "asuh-20261122-083015-manual.sqlite3"
    assert (backup.kind, backup.taken_at) == ("manual", NOW)
    assert backup.size_bytes == backup.path.stat().st_size > 0
    assert child_names(backup.path) == ["Budi Santoso", "Siti Aminah"]
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == [backup.path.name]
    with keyed.connect(backup.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert seen[-1][0] == seen[-1][1] > 0 and seen[-1][2] == "Mencadangkan basis data"


def test_two_backups_in_one_second_get_two_files(with_children, tmp_path) -> None:
    first = make_backup(with_children, folder=tmp_path, kind="daily", now=NOW)
    second = make_backup(with_children, folder=tmp_path, kind="daily", now=NOW)
    assert first.path != second.path and second.path.name == "asuh-20261122-083016-daily.sqlite3"


def test_backup_sees_committed_rows_still_in_the_wal_not_an_open_transaction(
    with_children, tmp_path
) -> None:
    with with_children.engine.connect() as conn:  # uncommitted work of another connection
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('x', '1')")
        backup = make_backup(with_children, folder=tmp_path, now=NOW)
        conn.rollback()
    with keyed.connect(backup.path) as copy:
        assert copy.execute("SELECT COUNT(*) FROM settings WHERE key = 'x'").fetchone() == (0,)
    assert child_names(backup.path) == ["Budi Santoso", "Siti Aminah"]


def test_cancelled_backup_leaves_nothing(with_children, tmp_path) -> None:
    def cancel(_done: int, _total: int, _label: str) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        make_backup(with_children, folder=tmp_path / "c", progress=cancel)
    assert list((tmp_path / "c").iterdir()) == []


def test_unwritable_folder_is_a_backup_error(with_children, tmp_path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("")
    with pytest.raises(BackupError, match="tidak dapat ditulisi"):
        make_backup(with_children, folder=blocker)


def test_server_database_cannot_be_backed_up_here(tmp_path) -> None:
    class ServerDatabase:
        path = None

    with pytest.raises(BackupError, match="basis data berkas"):
        make_backup(ServerDatabase(), folder=tmp_path)


def test_restore_puts_backup_in_place_and_keeps_current_file_aside(with_children, tmp_path):
    backup = make_backup(with_children, folder=tmp_path / "usb", now=NOW)
    add_children(with_children, "Dibuat Sesudah Cadangan")
    target = with_children.path
    with_children.dispose()
    result = restore_backup(backup.path, target_db_path=target, now=NOW)
    assert result.set_aside == target.with_name("asuh.sebelum-pulih-20261122-083015.sqlite3")
    assert result.revision == HEAD_REVISION
    assert child_names(target) == ["Budi Santoso", "Siti Aminah"]
    assert child_names(result.set_aside) == [
        "Budi Santoso",
        "Dibuat Sesudah Cadangan",
        "Siti Aminah",
    ]
    assert not Path(f"{target}-wal").exists() and not Path(f"{target}-shm").exists()
    assert not list(target.parent.glob("*.partial"))
    reopened = open_database(with_children.url)
    assert reopened.migration.from_revision == HEAD_REVISION
    reopened.dispose()


def test_current_files_wal_travels_with_it_when_it_cannot_be_checkpointed(tmp_path, database):
    """A crashed app leaves committed rows in the -wal: they must be in the file set aside."""
    backup = make_backup(database, folder=tmp_path / "usb", now=NOW)
    target = database.path
    database.dispose()
    code = (
        "import os, sys\n"
        "from desktop_app.db import cipher\n"
        "c = cipher.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"INSERT INTO settings (key, value) VALUES ('hilang', '1')\"); c.commit()\n"
        "os._exit(0)\n"  # crash: no close, no checkpoint
    )
    subprocess.run([sys.executable, "-c", code, str(target)], check=True)
    assert Path(f"{target}-wal").stat().st_size > 0
    result = restore_backup(backup.path, target_db_path=target, now=NOW)
    with keyed.connect(f"{result.set_aside.as_uri()}?mode=ro", uri=True) as aside:
        assert aside.execute("SELECT value FROM settings WHERE key = 'hilang'").fetchone() == (1,)


def _refused(backup: Path, target: Path, match: str) -> None:
    before = target.read_bytes()
    siblings = sorted(p.name for p in target.parent.iterdir())
    with pytest.raises(RestoreError, match=match):
        restore_backup(backup, target_db_path=target, now=NOW)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == siblings


@pytest.fixture
def closed_target(with_children):
    target = with_children.path
    with_children.dispose()
    with keyed.connect(target) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return target


def test_restore_refuses_a_damaged_backup(closed_target, tmp_path) -> None:
    damaged = tmp_path / "rusak.sqlite3"
    shutil.copyfile(closed_target, damaged)
    with open(damaged, "r+b") as handle:  # overwrite pages in the middle with garbage
        handle.seek(4096 * 3)
        handle.write(b"\xff\x00garbage" * 2000)
    _refused(damaged, closed_target, "rusak")


@pytest.mark.parametrize("content", [b"", b"bukan basis data sama sekali" * 300])
def test_restore_refuses_a_file_that_is_not_a_database(closed_target, tmp_path, content) -> None:
    other = tmp_path / "dokumen.sqlite3"
    other.write_bytes(content)
    _refused(other, closed_target, "rusak atau bukan basis data|bukan cadangan Asuh")


def test_restore_refuses_a_foreign_sqlite_file(closed_target, tmp_path) -> None:
    other = tmp_path / "lain.sqlite3"
    with keyed.connect(other) as conn:
        conn.execute("CREATE TABLE anak (nama TEXT)")
    conn.close()
    _refused(other, closed_target, "bukan cadangan Asuh")


def test_restore_refuses_a_backup_from_a_newer_asuh(closed_target, tmp_path) -> None:
    newer = tmp_path / "asuh-20991231-000000-manual.sqlite3"
    shutil.copyfile(closed_target, newer)
    with keyed.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    backup_bytes = newer.read_bytes()
    _refused(newer, closed_target, "versi Asuh yang lebih baru \\(skema 9999\\)")
    assert newer.read_bytes() == backup_bytes


def test_restore_refuses_missing_file_and_the_target_itself(closed_target, tmp_path) -> None:
    _refused(tmp_path / "tidak-ada.sqlite3", closed_target, "tidak ditemukan")
    _refused(closed_target, closed_target, "sama dengan basis data")


def test_restoring_an_older_schema_backup_is_upgraded_on_reopen(closed_target, tmp_path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "asuh-0001.sqlite3"
    result = restore_backup(fixture, target_db_path=closed_target, now=NOW)
    assert result.revision == "0001"
    reopened = open_database(f"sqlite:///{closed_target}")
    assert reopened.migration.to_revision == HEAD_REVISION
    reopened.dispose()
    assert "Siti Aminah" in child_names(closed_target)
    assert list_backups(tmp_path) == []


def test_a_restore_and_an_automatic_backup_are_in_the_chained_audit(with_children, tmp_path):
    from sqlalchemy import select

    from desktop_app.backup.lifecycle import backup_at
    from desktop_app.backup.restore import restore_from_backup
    from desktop_app.db.audit_chain import verify_chain
    from desktop_app.db.models import AuditEntry

    automatic = backup_at(with_children, event="startup", now=NOW)
    backup = make_backup(with_children, folder=tmp_path / "usb", now=NOW)
    target = with_children.path
    with with_children.sessions() as session:
        session.info.update(role="admin", actor="rina")
        restore_from_backup(session, backup_file=backup.path, target_db_path=target,
                            release=with_children.dispose)  # fmt: skip
    reopened = open_database(with_children.url)
    try:
        with reopened.sessions() as session:
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "cadangan").order_by(AuditEntry.seq)
            ).all()
            assert [(e.action, e.username) for e in entries] == [
                ("backup", None),
                ("restore_backup", "rina"),
            ]
            assert entries[0].summary == f"Cadangan otomatis (saat mulai) ke {automatic.path}"
            assert entries[1].summary == f"Data dipulihkan dari cadangan {backup.path.name}"
            assert verify_chain(session.connection()).intact
    finally:
        reopened.dispose()
