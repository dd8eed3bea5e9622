"""The fast bulk writer stores exactly what SQLAlchemy's own ``insert()`` stores."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, text

from desktop_app.core.database import Database
from desktop_app.db.models import Child, Visit
from desktop_app.demo.rows import as_columns, ascending_ids, insert_batches
from tests.demo.conftest import fresh_database

_CHILD = {
    "id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
    "created_at": datetime(2026, 1, 2, 9, 30, 15, 123456),
    "updated_at": datetime(2026, 1, 2, 9, 30, 15),
    "name": "Siti Aisyah",
    "sex": "P",
    "birth_date": date(2025, 2, 28),
    "enrolment_status": "stunting",
    "enrolled_on": date(2025, 3, 1),
    "risk_factors": ["air_bersih", "perokok"],
    "has_kia_book": False,
    "birth_weight_kg": 2.45,
}
_VISIT = {
    "id": uuid.UUID("00000000-0000-4000-8000-000000000002"),
    "created_at": datetime(2026, 1, 5, 10),
    "updated_at": datetime(2026, 1, 5, 10),
    "child_id": _CHILD["id"],
    "visit_date": date(2026, 1, 5),
    "weight_kg": 7.3,
    "lenhei_cm": 68.1,
    "measure": "l",
    "zlen": -2.01,
    "flen": False,
    "fwei": None,
    "topics": ["mpasi"],
}


def _stored(database: Database) -> list[tuple]:
    with database.engine.connect() as connection:
        return [
            tuple(row)
            for table in ("children", "visits")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        ]


def test_fast_writer_stores_the_same_values_as_a_core_insert(
    migrated_template: Path, tmp_path: Path
) -> None:
    fast = fresh_database(migrated_template, tmp_path, "fast")
    core = fresh_database(migrated_template, tmp_path, "core")
    try:
        with fast.sessions() as session, session.begin():
            for model, row in ((Child, _CHILD), (Visit, _VISIT)):
                written = insert_batches(
                    session,
                    model.__table__,
                    as_columns([row]),
                    total=1,
                    label="x",
                    progress=lambda *_: None,
                )
                assert written == 1
        with core.sessions() as session, session.begin():
            session.execute(insert(Child.__table__), [_CHILD])
            session.execute(insert(Visit.__table__), [_VISIT])
        stored = _stored(fast)
        assert stored == _stored(core)
        assert len(stored) == 2
    finally:
        fast.dispose()
        core.dispose()


def test_ascending_ids_are_sorted_version_4_and_reproducible() -> None:
    ids = ascending_ids(random.Random(5), 500)
    assert ids == sorted(ids) and len(set(ids)) == 500
    assert all(i.version == 4 for i in ids)
    assert ids == ascending_ids(random.Random(5), 500)
