"""One demo database of 200 children per test run, shared read-only by the demo tests.

Filling takes about a second, so the tests that only read share it; tests that write (refusal,
determinism) fill their own copies of the migrated template.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desktop_app.core.database import Database, open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.demo import DemoSummary, fill_demo_database

TODAY = date(2026, 11, 23)
CHILDREN = 200


def fresh_database(template: Path, folder: Path, name: str) -> Database:
    """A migrated, empty database of the test's own."""
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    return open_database(sqlite_url(path))


@pytest.fixture(scope="session")
def demo(
    migrated_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, DemoSummary]]:
    database = fresh_database(migrated_template, tmp_path_factory.mktemp("demo"), "demo")
    summary = fill_demo_database(database, children=CHILDREN, seed=7, today=TODAY)
    yield database, summary
    database.dispose()


@pytest.fixture
def demo_session(demo: tuple[Database, DemoSummary]) -> Iterator[Session]:
    """A read-only look at the shared demo database (rolled back, never committed)."""
    with demo[0].sessions() as session:
        yield session
        session.rollback()
