"""The local change log: triggers record local edits in order; received rows are not edits."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, text

from desktop_app.db.models import Kecamatan, SyncChange
from desktop_app.sync.change_log import applying, pending_changes, record_changes
from desktop_app.sync.rows import upsert_rows


def log(session) -> list[tuple[str, uuid.UUID, str]]:
    query = select(SyncChange.table_name, SyncChange.row_id, SyncChange.origin).where(
        SyncChange.table_name != "audit_log"
    )
    return [tuple(row) for row in session.execute(query.order_by(SyncChange.seq))]


def test_orm_and_core_edits_are_recorded_latest_last(database):
    with database.sessions() as session:
        session.execute(text("DELETE FROM sync_changes"))
        first, second = Kecamatan(name="Membalong"), Kecamatan(name="Badau")
        session.add_all([first, second])
        session.flush()
        session.execute(
            text("UPDATE kecamatan SET code = '10' WHERE name = 'Membalong'")
        )  # a Core write counts too
        session.commit()
        assert log(session) == [("kecamatan", second.id, "L"), ("kecamatan", first.id, "L")]


def test_rows_written_while_applying_are_not_local_edits(database):
    remote = {
        "id": uuid.uuid4(),
        "name": "Sijuk",
        "code": None,
        "created_at": datetime(2025, 1, 2),
        "updated_at": datetime(2025, 1, 3),
        "deleted_at": None,
        "device_id": "device-lain",
    }
    with database.sessions() as session:
        session.execute(text("DELETE FROM sync_changes"))
        conn = session.connection()
        with applying(conn):
            upsert_rows(conn, Kecamatan.__table__, [remote])
        record_changes(conn, "kecamatan", [remote["id"]], "S")
        session.commit()
        assert log(session) == [("kecamatan", remote["id"], "S")]
        assert pending_changes(session.connection(), "kecamatan", 10) == []
        stored = session.get(Kecamatan, remote["id"])
        assert (stored.updated_at, stored.device_id) == (datetime(2025, 1, 3), "device-lain")
