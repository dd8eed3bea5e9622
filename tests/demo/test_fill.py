"""Filling: reproducible for a seed, refuses a database with children, reports progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app.core.database import Database
from desktop_app.core.errors import DomainError
from desktop_app.db.models import Base, Child
from desktop_app.demo import fill_demo_database
from tests.demo.conftest import TODAY, fresh_database

_TABLES = ("kecamatan", "desa", "posyandu", "opd", "programmes", "guardians", "children",
           "assignments", "visits", "aid_payments", "settings")  # fmt: skip


def _snapshot(database: Database) -> dict[str, list[tuple]]:
    with database.engine.connect() as connection:
        return {
            table: [
                tuple(row)
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
                # the device id is per file by design (desktop_app.db.device), not demo data
                if table != "settings" or not str(row[0]).startswith("device_")
            ]
            for table in _TABLES
        }


def test_same_seed_and_day_give_identical_databases_and_another_seed_does_not(
    migrated_template: Path, tmp_path: Path
) -> None:
    databases = [fresh_database(migrated_template, tmp_path, name) for name in "abc"]
    try:
        for database, seed in zip(databases, (11, 11, 12), strict=True):
            fill_demo_database(database, children=60, seed=seed, today=TODAY)
        first, second, other = (_snapshot(d) for d in databases)
        assert first == second
        assert first["children"] and first["visits"]
        assert first["children"] != other["children"]
    finally:
        for database in databases:
            database.dispose()


def test_a_database_with_children_is_refused_and_left_unchanged(database: Database) -> None:
    fill_demo_database(database, children=30, seed=1, today=TODAY)
    before = _snapshot(database)
    with pytest.raises(DomainError, match="sudah berisi 30 data anak"):
        fill_demo_database(database, children=30, seed=2, today=TODAY)
    assert _snapshot(database) == before


def test_out_of_range_child_counts_are_refused_without_writing(database: Database) -> None:
    for children in (0, -5, 500_001):
        with pytest.raises(DomainError, match="Jumlah anak"):
            fill_demo_database(database, children=children, today=TODAY)
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Child)) == 0


def test_progress_reports_every_table_up_to_its_total(database: Database) -> None:
    calls: list[tuple[int, int, str]] = []
    summary = fill_demo_database(
        database, children=25, seed=3, today=TODAY, progress=lambda *a: calls.append(a)
    )
    finals = {label: (done, total) for done, total, label in calls}
    assert list(finals) == [
        "Kecamatan", "Desa/kelurahan", "Posyandu", "OPD", "Program", "Orang tua asuh", "Anak",
        "Penugasan", "Kunjungan", "Bantuan",
    ]  # fmt: skip
    assert all(done == total for done, total in finals.values())
    assert finals["Anak"] == (25, 25) and finals["Kunjungan"][0] == summary.visits
    assert all(0 <= done <= total for done, total, _label in calls)


def test_a_failure_midway_leaves_the_database_empty(database: Database) -> None:
    def cancel(done: int, total: int, label: str) -> None:
        if label == "Kunjungan" and done:
            raise DomainError("batal")

    with pytest.raises(DomainError, match="batal"):
        fill_demo_database(database, children=25, seed=3, today=TODAY, progress=cancel)
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in _TABLES[:-1]:
                assert connection.execute(select(func.count()).select_from(table)).scalar() == 0
