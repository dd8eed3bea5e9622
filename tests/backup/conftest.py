"""Helpers for the backup tests: a database with a few real rows to recognise in copies."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop_app.db.database import Database
from desktop_app.db.models import Child


def add_children(database: Database, *names: str) -> None:
    with database.sessions() as session:
        for name in names:
            session.add(
                Child(
                    name=name,
                    sex="P",
                    birth_date=date(2024, 2, 1),
                    enrolment_status="berisiko",
                    enrolled_on=date(2025, 1, 1),
                )
            )
        session.commit()


def child_names(path: Path) -> list[str]:
    """Names in the file at ``path``, read read-only (so reading changes nothing)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM children ORDER BY name")]
    finally:
        conn.close()


@pytest.fixture
def with_children(database: Database) -> Database:
    add_children(database, "Siti Aminah", "Budi Santoso")
    return database
