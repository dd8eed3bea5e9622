"""The shipped migrations, the models and start-up's migration rules agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.migrate import NotAnAsuhDatabaseError, SchemaTooNewError, script_head
from desktop_app.db.models import Base
from desktop_app.db.schema_version import HEAD_REVISION
from tests import keyed


def test_head_constant_matches_scripts() -> None:
    assert script_head() == HEAD_REVISION


def test_migrated_schema_matches_models(database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_new_file_gets_wal_foreign_keys_and_seeded_kbm(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "new.sqlite3"))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        rows = conn.execute(
            text("SELECT from_age_months, min_gain_g FROM kbm_thresholds ORDER BY 1")
        ).all()
    assert (2, 900) in rows and (12, 200) in rows
    assert db.migration is not None and db.migration.from_revision is None


def test_reopening_current_schema_does_nothing(database) -> None:
    again = open_database(database.url)
    assert again.migration is not None
    assert again.migration.backup_path is None
    assert again.migration.from_revision == HEAD_REVISION


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(sqlite_url(path)).dispose()
    with keyed.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="versi Asuh yang lebih baru"):
        open_database(sqlite_url(path))
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with keyed.connect(path) as conn:
        conn.execute("CREATE TABLE something (x INTEGER)")
    with pytest.raises(NotAnAsuhDatabaseError, match="bukan basis data Asuh"):
        open_database(sqlite_url(path))
