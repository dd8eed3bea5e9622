"""Encryption at rest (issue 20, item 1): the file, its backups and a sync file hold no readable
NIK; the key slots let each account's password (and the recovery key) open the file; a password
change rewraps one slot; a plaintext file from before is encrypted keeping every row; files are
0600; secrets in the settings are sealed."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desktop_app.backup.backup import make_backup
from desktop_app.backup.restore import restore_backup
from desktop_app.core import vault, vault_migration
from desktop_app.core.database import Database, DatabaseLocked, open_database
from desktop_app.core.files import use_private_file_mode
from desktop_app.core.paths import sqlite_url
from desktop_app.db import cipher
from desktop_app.settings.store import get_settings, update_settings
from desktop_app.sync.files import export_sync_file
from desktop_app.users.accounts import create_first_admin, create_user, set_password
from desktop_app.users.recovery import issue_recovery_key
from tests.sync.conftest import add_area, add_child
from tests.sync.enrolment import enrol, identity_of

NIK = "5271014405240007"  # a demo NIK: must appear in no file on the disk
ADMIN_PASSWORD = "kunci-rahasia-admin"


@pytest.fixture
def with_nik(database: Database) -> Database:
    add_child(database, name="Siti Aminah", area=add_area(database), nik=NIK)
    enrol(database, "Laptop Puskesmas")  # only an enrolled laptop signs and writes sync files
    with database.sessions() as session:
        assert session.execute(
            __import__("sqlalchemy").text("SELECT nik FROM children")
        ).scalar_one() == NIK  # fmt: skip
    return database


def _files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def _holding_nik(paths: list[Path]) -> list[Path]:
    """Like ``strings FILE | grep NIK`` over every file (ASCII and UTF-16)."""
    needles = (NIK.encode("ascii"), NIK.encode("utf-16-le"))
    return [path for path in paths if any(n in path.read_bytes() for n in needles)]


def test_the_stdlib_sqlite3_sees_no_database_and_no_nik_anywhere(with_nik, tmp_path) -> None:
    usb = tmp_path / "usb"
    plain_backup = make_backup(with_nik, folder=usb)
    sealed_backup = make_backup(with_nik, folder=usb, password="sandi-cadangan-99")
    sync_file = tmp_path / "kirim.asuhsync"
    with with_nik.sessions() as session:
        export_sync_file(session, path=sync_file, everything=True, password="sandi-sinkron-99")
        session.commit()
    path = with_nik.path
    assert path is not None
    with sqlite3.connect(path) as plain, pytest.raises(sqlite3.DatabaseError) as refused:
        plain.execute("SELECT nik FROM children").fetchall()
    assert "file is not a database" in str(refused.value)
    scanned = [
        *_files_under(path.parent),  # the file, its -wal and -shm, the key header
        plain_backup.path,
        sealed_backup.path,
        sync_file,
    ]
    assert {p.name for p in scanned} >= {path.name, f"{path.name}-wal"}
    assert _holding_nik(scanned) == []
    # ...while the data key (the login's) reads the NIK back from the file and the backup.
    for copy in (path, plain_backup.path):
        with cipher.connect(copy, read_only=True) as keyed:
            assert keyed.execute("SELECT nik FROM children").fetchone()[0] == NIK


def test_a_backup_is_encrypted_while_it_is_being_written(with_nik, tmp_path) -> None:
    seen: list[bytes] = []
    usb = tmp_path / "usb"

    def peek(_done: int, _total: int, _label: str) -> None:
        for partial in usb.glob("*.partial"):
            seen.append(partial.read_bytes())

    make_backup(with_nik, folder=usb, progress=peek)
    assert seen and all(not data.startswith(b"SQLite format 3") for data in seen)
    assert all(NIK.encode() not in data for data in seen)


def test_restore_checks_the_backup_with_the_key(with_nik, tmp_path) -> None:
    backup = make_backup(with_nik, folder=tmp_path / "usb")
    target = tmp_path / "pulih.sqlite3"
    restore_backup(backup.path, target_db_path=target)
    with cipher.connect(target, read_only=True) as restored:
        assert restored.execute("SELECT nik FROM children").fetchone()[0] == NIK
    other = tmp_path / "lain.sqlite3"
    cipher.remember_key(other, bytes(32))  # another file's key does not open this backup
    try:
        with pytest.raises(Exception, match="rusak atau bukan basis data"):
            restore_backup(backup.path, target_db_path=other)
        assert not other.exists()
    finally:
        cipher.forget_key(other)


@pytest.fixture
def new_vault_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A new file opened as the app opens one: a random data key (no test key), the first
    Admin's slot, an operator's slot and the recovery key's. Yields (path, recovery key)."""
    monkeypatch.setattr(cipher, "_fallback", None)
    path = tmp_path / "kabupaten" / "asuh.sqlite3"
    path.parent.mkdir()
    vault.new_vault(path)
    database = open_database(sqlite_url(path))
    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina", password=ADMIN_PASSWORD)
        key = issue_recovery_key(session)
        session.commit()
    with database.sessions() as session:
        session.info["actor"], session.info["role"] = "admin", "admin"
        create_user(session, username="budi", full_name="Budi", role="operator",
                    password="sandi-operator-1")  # fmt: skip
        session.commit()
    database.dispose()
    cipher.forget_key(path)
    yield path, key
    cipher.forget_key(path)


def test_each_password_opens_the_file_and_a_wrong_one_is_refused(new_vault_file) -> None:
    path, recovery_key = new_vault_file
    with pytest.raises(DatabaseLocked):  # nobody logged in: no key, no file
        open_database(sqlite_url(path))
    header = json.loads(vault.header_path(path).read_text(encoding="utf-8"))
    assert set(header["slots"]) == {"user:admin", "user:budi", "recovery"}
    assert header["has_users"] is True and NIK not in json.dumps(header)
    for username, password in (("admin", "salah-sekali-99"), ("siapa", ADMIN_PASSWORD)):
        with pytest.raises(vault.VaultRefused, match="Nama pengguna atau kata sandi salah"):
            vault.unlock(path, username, password)
    assert cipher.key_for(path) is None
    admin_key = vault.unlock(path, "admin", ADMIN_PASSWORD)
    cipher.forget_key(path)
    assert vault.unlock(path, "Budi", "sandi-operator-1") == admin_key  # one data key
    cipher.forget_key(path)
    assert vault.unlock_with_recovery(path, recovery_key) == admin_key
    cipher.forget_key(path)
    database = vault.open_for_user(path, "admin", ADMIN_PASSWORD)
    try:
        with database.sessions() as session:
            assert session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM users")
                                   ).scalar_one() == 2  # fmt: skip
    finally:
        database.dispose()


def test_a_password_change_rewraps_that_accounts_slot_only(new_vault_file) -> None:
    path, _recovery_key = new_vault_file
    before = json.loads(vault.header_path(path).read_text(encoding="utf-8"))["slots"]
    database = vault.open_for_user(path, "admin", ADMIN_PASSWORD)
    try:
        with database.sessions() as session:
            session.info["actor"], session.info["role"] = "admin", "admin"
            budi = next(u for u in __import__(
                "desktop_app.users.accounts", fromlist=["list_users"]
            ).list_users(session) if u.username == "budi")  # fmt: skip
            set_password(session, user_id=budi.id, password="sandi-baru-budi-2")
            session.rollback()  # a rolled-back change leaves the slot alone
        assert json.loads(vault.header_path(path).read_text(encoding="utf-8"))["slots"] == before
        with database.sessions() as session:
            session.info["actor"], session.info["role"] = "admin", "admin"
            set_password(session, user_id=budi.id, password="sandi-baru-budi-2")
            session.commit()
    finally:
        database.dispose()
    after = json.loads(vault.header_path(path).read_text(encoding="utf-8"))["slots"]
    assert {name for name in after if after[name] != before[name]} == {"user:budi"}
    with pytest.raises(vault.VaultRefused):
        vault.unlock(path, "budi", "sandi-operator-1")
    vault.unlock(path, "budi", "sandi-baru-budi-2")


def test_a_plaintext_file_is_encrypted_at_first_start_keeping_every_row(
    with_nik, tmp_path, monkeypatch
) -> None:
    """A file from before encryption (made here by exporting a test file to plaintext) opens
    with its accounts' existing passwords; every row is kept; nothing plaintext is left."""
    with with_nik.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina", password=ADMIN_PASSWORD)
        update_settings(session, district_name="Kabupaten Belitung")
        session.commit()
    source = with_nik.path
    assert source is not None
    with_nik.dispose()
    old = tmp_path / "lama" / "asuh.sqlite3"
    old.parent.mkdir()
    with cipher.connect(source) as keyed:  # an SQLCipher file exported to an unkeyed one
        quoted = str(old).replace("'", "''")
        keyed.execute(f"ATTACH DATABASE '{quoted}' AS plain KEY ''")
        keyed.execute("SELECT sqlcipher_export('plain')")
        keyed.execute("DETACH DATABASE plain")
        counts = {t: keyed.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for (t,) in keyed.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if not t.startswith("sqlite_")}  # fmt: skip
    assert old.read_bytes().startswith(b"SQLite format 3") and NIK.encode() in old.read_bytes()
    monkeypatch.setattr(cipher, "_fallback", None)  # a real start: a fresh random key
    backup = tmp_path / "cadangan" / "asuh-sebelum-enkripsi.sqlite3"
    steps: list[tuple[int, int]] = []
    vault_migration.encrypt_plaintext_file(
        old, backup_to=backup, progress=lambda d, t, _l: steps.append((d, t))
    )
    cipher.forget_key(old)
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)  # progress reported
    assert _holding_nik([*_files_under(old.parent), *_files_under(backup.parent)]) == []
    assert vault.read_facts(old).district == "Kabupaten Belitung"
    slot_before = json.loads(vault.header_path(old).read_text(encoding="utf-8"))["slots"]
    assert slot_before["user:admin"]["fresh"] is False  # wrapped under the stored hash
    database = vault.open_for_user(old, "admin", ADMIN_PASSWORD)
    try:
        with database.engine.connect() as connection:
            for table, count in counts.items():
                assert connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar() == (
                    count
                ), table
            assert connection.exec_driver_sql("SELECT nik FROM children").scalar() == NIK
    finally:
        database.dispose()
    slot_after = json.loads(vault.header_path(old).read_text(encoding="utf-8"))["slots"]
    assert slot_after["user:admin"]["fresh"] is True  # rewrapped with a new salt at login
    assert slot_after["user:admin"]["salt"] != slot_before["user:admin"]["salt"]
    with cipher.connect(backup, key=cipher.key_for(old), read_only=True) as copy:
        assert copy.execute("SELECT nik FROM children").fetchone()[0] == NIK
    assert (backup.parent / "asuh.sqlite3.keys").is_file()  # the backup opens with its slots


def test_files_with_personal_data_are_private(with_nik, tmp_path) -> None:
    previous = use_private_file_mode()
    try:
        backup = make_backup(with_nik, folder=tmp_path / "usb")
        fresh = tmp_path / "baru.sqlite3"
        database = open_database(sqlite_url(fresh))
        with database.sessions() as session:
            create_first_admin(session, username="admin", full_name="R", password=ADMIN_PASSWORD)
            session.commit()
        files = [backup.path, fresh, vault.header_path(fresh), Path(f"{fresh}-wal")]
        database.dispose()
    finally:
        os.umask(previous)
    for path in files:
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_secrets_in_the_settings_are_sealed_under_the_data_key(database) -> None:
    with database.sessions() as session:
        update_settings(session, backup_password="sandi-cadangan-99")
        session.commit()
    identity = enrol(database, "Laptop Puskesmas")  # keeps the device key, sealed
    private = base64.b64encode(identity.key.private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()  # fmt: skip
    with database.sessions() as session:
        stored = dict(session.execute(__import__("sqlalchemy").text(
            "SELECT key, value FROM settings")).all())  # fmt: skip
        settings = get_settings(session)
    assert "sandi-cadangan-99" not in stored["backup_password"]
    assert private not in stored["sync_device_key"]
    for key in ("backup_password", "sync_device_key"):
        assert json.loads(stored[key]).startswith("sealed:v1:")
    assert (settings.backup_password, settings.sync_device_key) == ("sandi-cadangan-99", private)
    assert identity_of(database).key.private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()) == base64.b64decode(private)  # fmt: skip
