"""``asuh backup`` / ``asuh restore`` handlers and the GUI session's safety steps."""

from __future__ import annotations

import argparse
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.backup.backup import BackupError
from desktop_app.backup.commands import add_backup_commands
from desktop_app.backup.lifecycle import (
    DatabaseDamagedError,
    backup_at,
    configured_backup_folder,
    guard_database_file,
)
from desktop_app.backup.lock import AlreadyRunningError, InstanceLock
from desktop_app.backup.naming import list_backups
from desktop_app.cli import main
from desktop_app.settings.store import update_settings
from tests.conftest import add_cli_admin

from .conftest import add_children, child_names


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="asuh")

    def database_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db")
        p.add_argument("--database-url")

    commands = parser.add_subparsers(dest="command")
    add_backup_commands(commands, database_options)
    return parser.parse_args(list(argv))


def test_backup_command_writes_to_the_given_folder(with_children, tmp_path, capsys) -> None:
    code = main(["backup", "--db", str(with_children.path), "--to", str(tmp_path)])
    [backup] = list_backups(tmp_path)
    assert code == 0 and backup.kind == "manual"
    assert f"Cadangan tersimpan: {backup.path}" in capsys.readouterr().out
    assert child_names(backup.path) == ["Budi Santoso", "Siti Aminah"]


def test_backup_command_uses_the_configured_folder(with_children, tmp_path) -> None:
    usb = tmp_path / "USB"
    with with_children.sessions() as session:
        update_settings(session, backup_dir=str(usb))
        session.commit()
    assert configured_backup_folder(with_children.path) == usb
    assert main(["backup", "--db", str(with_children.path)]) == 0
    assert len(list_backups(usb)) == 1


def test_backup_command_without_a_database_file_fails(tmp_path, capsys) -> None:
    assert main(["backup", "--db", str(tmp_path / "tidak-ada.sqlite3")]) == 1
    assert "Tidak ada berkas basis data" in capsys.readouterr().err


def test_restore_command_restores_and_upgrades_an_old_backup(database, tmp_path, capsys):
    path = database.path
    database.dispose()
    fixture = tmp_path / "asuh-0001.sqlite3"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / fixture.name, fixture)
    assert main(["restore", str(fixture), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Data dipulihkan dari" in out and "sebelum-pulih" in out
    assert "Siti Aminah" in child_names(path)
    from desktop_app.core.database import open_database
    from desktop_app.db.schema_version import HEAD_REVISION

    reopened = open_database(f"sqlite:///{path}")
    assert reopened.migration.from_revision == HEAD_REVISION  # already upgraded by restore
    reopened.dispose()


def test_restore_command_refused_while_asuh_is_open(with_children, tmp_path, capsys) -> None:
    backup = tmp_path / "b.sqlite3"
    shutil.copyfile(with_children.path, backup)
    add_children(with_children, "Jangan Hilang")
    with InstanceLock(with_children.path):
        assert main(["restore", str(backup), "--db", str(with_children.path)]) == 1
    assert "sedang dibuka oleh aplikasi Asuh lain" in capsys.readouterr().err
    assert "Jangan Hilang" in child_names(with_children.path)


def test_guard_locks_checks_and_reports_damage_with_recovery(with_children, tmp_path) -> None:
    lock = guard_database_file(with_children.path)
    try:
        with pytest.raises(AlreadyRunningError):
            guard_database_file(with_children.path)
    finally:
        lock.release()
    broken = tmp_path / "rusak" / "asuh.sqlite3"
    broken.parent.mkdir()
    with_children.dispose()
    shutil.copyfile(with_children.path, broken)
    with open(broken, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff\x00garbage" * 2000)
    with pytest.raises(DatabaseDamagedError, match="asuh restore BERKAS") as damaged:
        guard_database_file(broken)
    assert damaged.value.lock.held and damaged.value.report.newest_backup is None
    with pytest.raises(AlreadyRunningError):  # still ours until the caller releases it
        InstanceLock(broken).acquire()
    damaged.value.lock.release()


def test_backup_at_uses_settings_and_reports_unplugged_usb(with_children, tmp_path) -> None:
    with with_children.sessions() as session:
        update_settings(session, keep_daily=1)
        session.commit()
    now = datetime(2026, 11, 25, 9, 0, 0)
    assert backup_at(with_children, event="startup", now=now).kind == "weekly"
    folder = with_children.path.parent / "cadangan"
    assert [b.kind for b in list_backups(folder)] == ["weekly"]
    with with_children.sessions() as session:
        update_settings(session, backup_dir=str(tmp_path / "berkas" / "USB"))
        session.commit()
    (tmp_path / "berkas").write_text("")  # a file where the USB folder should be
    with pytest.raises(BackupError, match="tidak dapat ditulisi"):
        backup_at(with_children, event="startup", now=now)
