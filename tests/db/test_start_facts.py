"""The read-only peek that lets the login dialog appear before SQLAlchemy loads must agree
with the ORM, and must answer None (the ordinary open-first path) whenever it is unsure."""

from __future__ import annotations

from pathlib import Path

from desktop_app.settings.start_facts import read_start_facts, read_stored_setting
from desktop_app.settings.store import AppSettings, get_settings, update_settings
from desktop_app.users.accounts import create_first_admin, has_users
from tests import keyed


def test_a_new_database_has_no_users_and_default_settings(database) -> None:
    with database.sessions() as session:
        orm_settings = get_settings(session)
    database.dispose()
    facts = read_start_facts(database.path)
    assert facts is not None
    assert facts.has_users is False
    assert facts.settings == orm_settings
    assert facts.settings.district_name == AppSettings().district_name


def test_the_peek_agrees_with_the_orm_after_changes(database) -> None:
    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina", password="rahasia-7-kab")
        update_settings(session, district_name="Kabupaten Sumba Barat", language="en",
                        backup_dir="/media/usb/cadangan", setup_completed=True)  # fmt: skip
        session.commit()
        orm_settings = get_settings(session)
        orm_users = has_users(session)
    database.dispose()
    facts = read_start_facts(database.path)
    assert facts is not None
    assert facts.has_users is orm_users is True
    # An encrypted file's facts come from its key header: what the login dialog shows.
    assert facts.settings.district_name == orm_settings.district_name == "Kabupaten Sumba Barat"
    assert facts.settings.language == orm_settings.language == "en"
    assert read_stored_setting(database.path, "language") == "en"
    assert read_stored_setting(database.path, "never_saved") is None


def test_an_unknown_stored_setting_is_ignored(database) -> None:
    """A newer laptop's setting arrives by sync; this build neither knows nor fails on it."""
    database.dispose()
    with keyed.connect(database.path) as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('future_switch', 'true')")
    facts = read_start_facts(database.path)
    assert facts is not None and facts.settings.language == AppSettings().language


def test_an_older_schema_is_left_to_the_migrating_path(database) -> None:
    database.dispose()
    with keyed.connect(database.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert read_start_facts(database.path) is None


def test_missing_empty_and_foreign_files_give_none(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.sqlite3"
    empty.touch()
    garbage = tmp_path / "rusak.sqlite3"
    garbage.write_bytes(b"bukan basis data sqlite " * 100)
    other_app = tmp_path / "lain.sqlite3"
    with keyed.connect(other_app) as connection:
        connection.execute("CREATE TABLE t (x)")
    for path in (tmp_path / "tidak-ada.sqlite3", empty, garbage, other_app):
        assert read_start_facts(path) is None, path
    assert read_stored_setting(garbage, "backup_dir") is None


def test_the_peek_never_writes(database) -> None:
    """SQLite may leave an empty WAL and its index beside a WAL file it read; no data."""
    database.dispose()
    before = database.path.read_bytes()
    read_start_facts(database.path)
    assert database.path.read_bytes() == before
    wal = Path(f"{database.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_unusable_stored_values_fall_back_to_the_defaults(database, caplog) -> None:
    """A backup restored from a newer Asuh or a hand-edited file must not stop start-up."""
    database.dispose()
    with keyed.connect(database.path) as connection:
        connection.executemany(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [("language", '"jv"'), ("idle_lock_minutes", '"sepuluh"'),
             ("setup_completed", "1"), ("district_name", '"Kabupaten Bangka"')],
        )  # fmt: skip
    facts = read_start_facts(database.path)
    assert facts is not None
    defaults = AppSettings()
    assert (facts.settings.language, facts.settings.idle_lock_minutes) == ("id", 10)
    assert facts.settings.setup_completed is defaults.setup_completed  # 1 is not True here
    assert facts.settings.district_name == "Kabupaten Bangka"
    assert "language" in caplog.text and "jv" not in caplog.text
