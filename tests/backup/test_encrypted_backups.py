"""Password-protected backups: encrypted on the way out, decrypted (or refused) on restore."""

from __future__ import annotations

import argparse
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.backup.backup import BackupError, back_up_now, make_backup
from desktop_app.backup.commands import add_backup_commands
from desktop_app.backup.encryption import (
    clear_backup_password,
    configured_backup_password,
    set_backup_password,
)
from desktop_app.backup.integrity import newest_backup
from desktop_app.backup.lifecycle import backup_at
from desktop_app.backup.naming import backup_name, list_backups, parse_backup_name
from desktop_app.backup.policy import due_backup_kind
from desktop_app.backup.restore import BackupPasswordError, restore_backup
from desktop_app.backup.rotation import plan_rotation, rotate_backups
from desktop_app.cli import main
from desktop_app.core.errors import PermissionDeniedError, ValidationError
from desktop_app.db.models import AuditEntry
from desktop_app.settings.store import get_settings
from tests import keyed
from tests.conftest import add_cli_admin

from .conftest import add_children, child_names

NOW = datetime(2026, 11, 23, 18, 0, 0)  # a Monday
PASSWORD = "rahasia-dinas-2026"


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _set_password(database, password: str = PASSWORD) -> None:
    with database.sessions() as session:
        set_backup_password(session, password=password)
        session.commit()


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="asuh")

    def database_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db")
        p.add_argument("--database-url")

    add_backup_commands(parser.add_subparsers(dest="command"), database_options)
    return parser.parse_args(list(argv))


def test_encrypted_names_parse_and_stay_apart_from_plain_ones() -> None:
    name = backup_name(NOW, "daily", encrypted=True)
    assert name == "asuh-20261123-180000-daily.sqlite3.enc"
    parsed = parse_backup_name(name)
    assert parsed is not None and (parsed.kind, parsed.taken_at, parsed.encrypted) == (
        "daily",
        NOW,
        True,
    )
    assert parse_backup_name(backup_name(NOW, "daily")).encrypted is False
    for other in (name + ".partial", "asuh-20261123-180000-daily.enc", name + ".enc"):
        assert parse_backup_name(other) is None


def test_encrypted_backup_round_trip(with_children, tmp_path) -> None:
    backup = make_backup(with_children, folder=tmp_path / "usb", now=NOW, password=PASSWORD)
    assert backup.path.name == "asuh-20261123-180000-manual.sqlite3.enc" and backup.encrypted
    assert not backup.path.read_bytes().startswith(b"SQLite format 3")
    assert b"Siti Aminah" not in backup.path.read_bytes()
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == [
        backup.path.name,
        "asuh.sqlite3.keys",  # the key slots travel with the backups (core.vault)
    ]  # no plain copy
    add_children(with_children, "Sesudah Cadangan")
    with_children.dispose()
    result = restore_backup(backup.path, target_db_path=with_children.path, password=PASSWORD)
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]
    assert "Sesudah Cadangan" in child_names(result.set_aside)


def _plain_sqlite_files(*folders: Path, besides: Path) -> list[str]:
    """Every file in ``folders`` that is a plain SQLite database, other than ``besides``."""
    return sorted(
        path.name
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.is_file() and path != besides and path.read_bytes()[:16] == b"SQLite format 3\x00"
    )


def test_an_encrypted_backup_is_never_plain_on_disk_and_a_failure_leaves_nothing(
    with_children, tmp_path, monkeypatch
) -> None:
    import desktop_app.core.crypto_files as crypto_files

    usb = tmp_path / "usb"
    plain_while_writing: list[list[str]] = []
    real_encrypt = crypto_files.encrypt_stream

    def encrypt_then_fill_the_disk(source, target, *, password):
        plain_while_writing.append(
            _plain_sqlite_files(with_children.path.parent, usb, besides=with_children.path)
        )
        real_encrypt(source, target, password=password)
        target.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(crypto_files, "encrypt_stream", encrypt_then_fill_the_disk)
    with pytest.raises(BackupError, match="tidak dapat ditulisi"):
        make_backup(with_children, folder=usb, now=NOW, password=PASSWORD)
    assert plain_while_writing == [[]]
    assert list(usb.iterdir()) == []
    assert not list(with_children.path.parent.rglob("*.partial"))


def test_an_encrypted_backup_restores_as_one_self_contained_file(with_children, tmp_path):
    backup = make_backup(with_children, folder=tmp_path / "usb", now=NOW, password=PASSWORD)
    target = tmp_path / "pulih.sqlite3"
    restore_backup(backup.path, target_db_path=target, password=PASSWORD)
    with closing(keyed.connect(target)) as restored:  # rollback journal: no -wal beside it
        assert restored.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert child_names(target) == ["Budi Santoso", "Siti Aminah"]


@pytest.mark.parametrize("password", ["salah-sekali", ""])
def test_wrong_or_missing_password_is_refused_and_changes_nothing(
    with_children, tmp_path, password
) -> None:
    backup = make_backup(with_children, folder=tmp_path, now=NOW, password=PASSWORD)
    add_children(with_children, "Tetap Ada")
    with_children.dispose()
    before = with_children.path.read_bytes()
    with pytest.raises(BackupPasswordError) as refused:
        restore_backup(backup.path, target_db_path=with_children.path, password=password)
    assert refused.value.wrong is bool(password)
    expected = "Kata sandi salah atau berkas rusak" if password else "terenkripsi"
    assert expected in str(refused.value)
    assert with_children.path.read_bytes() == before
    assert sorted(p.name for p in with_children.path.parent.iterdir() if "pulih" in p.name) == []


def test_a_plain_backup_ignores_the_password(with_children, tmp_path) -> None:
    backup = make_backup(with_children, folder=tmp_path, now=NOW)
    with_children.dispose()
    restore_backup(backup.path, target_db_path=with_children.path, password="apa-saja-boleh")
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_a_too_short_stored_password_fails_the_backup_cleanly(with_children, tmp_path) -> None:
    with pytest.raises(BackupError, match="paling sedikit 10"):
        make_backup(with_children, folder=tmp_path / "usb", now=NOW, password="pendek")
    assert not (tmp_path / "usb").exists()


def test_rotation_schedule_and_newest_backup_see_encrypted_files(tmp_path) -> None:
    names = [backup_name(NOW - timedelta(days=d), "daily", encrypted=d % 2 == 0) for d in range(10)]
    plan = plan_rotation(names, now=NOW, keep_daily=3)
    assert plan.keep == tuple(sorted(names[:3])) and len(plan.delete) == 7
    for name in names:
        (tmp_path / name).write_bytes(b"ASUHENC")
    deleted = rotate_backups(tmp_path, now=NOW, keep_daily=3)
    assert sorted(p.name for p in deleted) == sorted(names[3:])
    assert newest_backup(tmp_path) == tmp_path / names[0]
    assert [b.encrypted for b in list_backups(tmp_path)] == [True, False, True]
    weekly = backup_name(NOW, "weekly", encrypted=True)
    assert due_backup_kind([weekly, names[0]], now=NOW, event="startup") is None


def test_automatic_and_manual_backups_use_the_stored_password(with_children, tmp_path) -> None:
    usb = tmp_path / "usb"
    with with_children.sessions() as session:
        from desktop_app.settings.store import update_settings

        update_settings(session, backup_dir=str(usb))
        set_backup_password(session, password=PASSWORD)
        back_up_now(session, database=with_children, folder=usb)
        session.commit()
    automatic = backup_at(with_children, event="startup", now=NOW)
    assert automatic is not None and automatic.path.name.endswith("-weekly.sqlite3.enc")
    assert all(b.encrypted for b in list_backups(usb)) and len(list_backups(usb)) == 2
    assert configured_backup_password(with_children.path) == PASSWORD


def test_the_password_is_not_copied_into_the_audit_log(with_children) -> None:
    _set_password(with_children)
    with with_children.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "settings")).all()
        assert get_settings(session).backup_password == PASSWORD
        clear_backup_password(session)
        session.commit()
        assert get_settings(session).backup_password == ""
    assert [e.summary for e in entries] == ["Kata sandi cadangan diubah"]
    assert all(PASSWORD not in str(e.changes) + str(e.summary) for e in entries)


def test_password_rules_and_admin_only(with_children) -> None:
    with with_children.sessions() as session:
        with pytest.raises(ValidationError) as invalid:
            set_backup_password(session, password="pendek")
        assert invalid.value.for_field("password") == "Kata sandi paling sedikit 10 karakter"
        session.info["role"] = "operator"
        with pytest.raises(PermissionDeniedError):
            set_backup_password(session, password=PASSWORD)
        session.rollback()
        assert get_settings(session).backup_password == ""


def test_cli_backup_encrypts_and_restore_takes_the_password(with_children, tmp_path, capsys):
    _set_password(with_children)
    db = str(with_children.path)
    assert main(["backup", "--db", db, "--to", str(tmp_path)]) == 0
    [backup] = list_backups(tmp_path)
    assert backup.encrypted
    add_children(with_children, "Sesudah Cadangan")
    with_children.dispose()
    wrong = ["restore", str(backup.path), "--db", db, "--password", "bukan-ini-123"]
    assert main(wrong) == 1
    assert "Kata sandi salah atau berkas rusak" in capsys.readouterr().err
    assert "Sesudah Cadangan" in child_names(with_children.path)
    right = ["restore", str(backup.path), "--db", db, "--password", PASSWORD]
    assert main(right) == 0
    assert "Data dipulihkan dari" in capsys.readouterr().out
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_cli_restore_falls_back_to_the_configured_password(with_children, tmp_path) -> None:
    _set_password(with_children)
    backup = make_backup(with_children, folder=tmp_path, now=NOW, password=PASSWORD)
    add_children(with_children, "Sesudah Cadangan")
    with_children.dispose()
    assert main(["restore", str(backup.path), "--db", str(with_children.path)]) == 0
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_cli_restore_on_a_new_laptop_asks_with_getpass(
    with_children, tmp_path, monkeypatch, capsys
) -> None:
    import io

    from desktop_app.backup import commands

    backup = make_backup(with_children, folder=tmp_path, now=NOW, password=PASSWORD)
    add_children(with_children, "Sesudah Cadangan")
    with_children.dispose()
    terminal = io.StringIO()
    terminal.isatty = lambda: True
    monkeypatch.setattr(commands.sys, "stdin", terminal)
    prompts: list[str] = []
    monkeypatch.setattr(
        commands.getpass, "getpass", lambda prompt: prompts.append(prompt) or PASSWORD
    )
    assert main(["restore", str(backup.path), "--db", str(with_children.path)]) == 0
    assert prompts == ["Kata sandi cadangan: "] and "terenkripsi" in capsys.readouterr().err
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]
