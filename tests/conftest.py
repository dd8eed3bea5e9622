"""Shared fixtures: every test runs headless, in its own data dir, on its own migrated database.

Migrating with Alembic takes a moment, so the schema is migrated once per run into a template
file and each test gets a fresh copy of it (napari's fresh-settings and Vorta's per-test database
habits, without paying for the migration each time).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core import clock, vault
from desktop_app.core.database import Database, open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db import cipher

#: The data key of every database a test makes without a login (a fixed test-only key: no
#: Argon2 per test). Tests of the vault itself make their own keys and slots.
TEST_DATA_KEY = bytes(range(32))
#: Cheapest Argon2id for key slots in tests (production: ``vault.PRODUCTION_KDF``).
TEST_KDF = vault.KdfParams(time_cost=1, memory_cost=8, parallelism=1)


def pytest_configure(config: pytest.Config) -> None:
    """The whole run sees one day: tests build dates from ``clock.today()`` when their module is
    imported, services check against it when called, and a run crossing midnight must not see
    two days. The clock's date is pinned to the day the run started; times still run.

    Databases are encrypted as in production; files made without a login use
    :data:`TEST_DATA_KEY`, and key slots the cheap :data:`TEST_KDF`."""
    clock.set_clock(clock.PinnedDayClock(clock.SystemClock().today()))
    cipher.set_fallback_key(TEST_DATA_KEY)
    vault.kdf = TEST_KDF
    # Child processes (the CLI, the GUI, crash writers) get the same through sitecustomize.
    hook = str(Path(__file__).resolve().parent / "subprocess_key")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [hook, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a pytest-xdist worker (scripts/test.sh: ``--dist loadfile --no-loadscope-reorder``),
    the files holding a ``slow`` test come first, in their own order: workers take whole files
    in collection order, and a file of minutes started last would keep one worker busy while
    the other has nothing left. A run in one process keeps pytest's order."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        slow_files = {item.path for item in items if item.get_closest_marker("slow")}
        items.sort(key=lambda item: item.path not in slow_files)  # stable: False first


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the developer's real data dir, database or settings."""
    data_dir = tmp_path / "asuh-data"
    data_dir.mkdir()
    monkeypatch.setenv("ASUH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASUH_DB", str(data_dir / "asuh.sqlite3"))
    return data_dir


#: The account ``asuh`` commands sign in as in tests (ASUH_USER/ASUH_PASSWORD, set for every
#: test; ``asuh demo`` on a new file creates it, :func:`cli_admin` adds it to ``database``).
CLI_USER, CLI_PASSWORD = "admin", "kunci-admin-uji-7"


@pytest.fixture(autouse=True)
def cli_credentials(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Every ``asuh`` command logs in; tests run them as the Admin named here."""
    monkeypatch.setenv("ASUH_USER", CLI_USER)
    monkeypatch.setenv("ASUH_PASSWORD", CLI_PASSWORD)
    return CLI_USER, CLI_PASSWORD


def add_cli_admin(database: Database) -> None:
    """Create the Admin the CLI tests sign in as (idempotent)."""
    from desktop_app.users.accounts import create_first_admin, has_users

    with database.sessions() as session:
        if not has_users(session):
            create_first_admin(
                session, username=CLI_USER, full_name="Admin Uji", password=CLI_PASSWORD
            )
            session.commit()


@pytest.fixture
def cli_admin(database: Database) -> Database:
    """``database`` with the Admin that ``asuh`` commands sign in as."""
    add_cli_admin(database)
    return database


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
