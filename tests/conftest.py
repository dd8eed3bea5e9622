"""Shared fixtures: every test runs headless, in its own data dir, on its own migrated database.

Migrating with Alembic takes a moment, so the schema is migrated once per run into a template
file and each test gets a fresh copy of it (napari's fresh-settings and Vorta's per-test database
habits, without paying for the migration each time).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.db.database import Database, open_database  # noqa: E402
from desktop_app.db.engine import sqlite_url  # noqa: E402

#: A run starting this close to midnight waits for the new day (the suite takes ~3.5 minutes).
_MIDNIGHT_MARGIN = timedelta(minutes=4)


def seconds_to_wait_for_the_new_day(now: datetime) -> float:
    """0, or how long to wait so that a run starting at ``now`` does not cross midnight."""
    until_midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time()) - now
    return until_midnight.total_seconds() + 2 if until_midnight < _MIDNIGHT_MARGIN else 0.0


def pytest_configure(config: pytest.Config) -> None:
    """Many tests build dates from ``date.today()`` when their module is imported while the
    services check against ``date.today()`` when called: a run crossing midnight sees two days
    and fails (seen once at 00:00 UTC). Waiting at most four minutes beats such false alarms."""
    wait = seconds_to_wait_for_the_new_day(datetime.now())
    if wait:
        print(f"waiting {wait:.0f} s for midnight (test dates)", file=sys.stderr)
        time.sleep(wait)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the developer's real data dir, database or settings."""
    data_dir = tmp_path / "asuh-data"
    data_dir.mkdir()
    monkeypatch.setenv("ASUH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASUH_DB", str(data_dir / "asuh.sqlite3"))
    return data_dir


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database = open_database(sqlite_url(path))
    database.dispose()
    return path


@pytest.fixture
def database(migrated_template: Path, isolated_data_dir: Path) -> Iterator[Database]:
    """A migrated database of this test's own (a copy of the template)."""
    path = isolated_data_dir / "asuh.sqlite3"
    shutil.copyfile(migrated_template, path)
    db = open_database(sqlite_url(path))
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database):
    """One Session for a service test; the test commits when it wants rows to stay."""
    with database.sessions() as s:
        yield s
