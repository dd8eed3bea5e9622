"""Two laptops plan the same month's aid for the same child before they exchange data.

Each creates its own payment row (another id, the same child, programme and month). Applying
the other's row used to break the unique key and stop every later sync at that row; now one row
survives on every laptop and the server, the other is kept as a conflict for review, and a
recorded payment is never undone by a plan made elsewhere.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.aid.service import mark_paid
from desktop_app.core.database import Database
from desktop_app.db.models import AidPayment, SyncConflict
from tests.sync.conftest import sync_laptop
from tests.sync.test_files import export, import_
from tests.sync.test_several_guardians import MARCH, assign, plan_march, register


def payments(laptop: Database) -> list[tuple[uuid.UUID, date, str]]:
    with laptop.sessions() as session:
        query = select(AidPayment.id, AidPayment.month, AidPayment.status)
        return [tuple(row) for row in session.execute(query)]


def open_conflicts(laptop: Database) -> list[tuple[str, uuid.UUID, str]]:
    with laptop.sessions() as session:
        rows = session.scalars(select(SyncConflict)).all()
        return [(c.table_name, c.row_id, c.loser_values["id"]) for c in rows]


def two_laptops_sharing_an_assignment(make_laptop, tmp_path: Path):
    office, field = make_laptop("kantor"), make_laptop("lapangan")
    ids = register(office)
    assign(office, ids, "Budi Santoso", date(2025, 2, 3))
    import_(field, export(office, tmp_path / "awal.asuhsync").path)
    return office, field, ids


def exchange_files(office: Database, field: Database, tmp_path: Path) -> None:
    import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
    import_(field, export(office, tmp_path / "kantor.asuhsync").path)


def test_the_later_plan_survives_on_both_laptops(make_laptop, tmp_path: Path) -> None:
    office, field, ids = two_laptops_sharing_an_assignment(make_laptop, tmp_path)
    plan_march(office, ids["programme"])
    (office_row,) = payments(office)
    plan_march(field, ids["programme"])
    (field_row,) = payments(field)

    exchange_files(office, field, tmp_path)

    assert payments(office) == payments(field) == [field_row]
    assert field_row[1:] == (MARCH, "rencana")
    for laptop in (office, field):
        assert open_conflicts(laptop) == [("aid_payments", field_row[0], str(office_row[0]))]
    exchange_files(office, field, tmp_path)  # again: nothing changes, nothing logged twice
    assert payments(office) == payments(field) == [field_row]
    assert len(open_conflicts(office)) == len(open_conflicts(field)) == 1


def test_a_recorded_payment_beats_a_later_plan(make_laptop, tmp_path: Path) -> None:
    office, field, ids = two_laptops_sharing_an_assignment(make_laptop, tmp_path)
    plan_march(office, ids["programme"])
    (office_row,) = payments(office)
    with office.sessions() as session:
        mark_paid(session, payment_ids=[office_row[0]], paid_on=date(2025, 3, 20),
                  method="tunai", received_by="Ibu Dewi", today=date(2025, 3, 20))  # fmt: skip
        session.commit()
    plan_march(field, ids["programme"])  # later than the payment, by the clock

    exchange_files(office, field, tmp_path)

    assert payments(office) == payments(field) == [(office_row[0], MARCH, "dibayar")]


@pytest.mark.postgres
def test_the_server_settles_the_pair_and_both_laptops_follow(
    make_laptop, tmp_path: Path, server_url: str
) -> None:
    office, field, ids = two_laptops_sharing_an_assignment(make_laptop, tmp_path)
    sync_laptop(office.sessions, server_url)
    sync_laptop(field.sessions, server_url)
    plan_march(office, ids["programme"])
    plan_march(field, ids["programme"])
    (field_row,) = payments(field)

    sync_laptop(office.sessions, server_url)
    summary = sync_laptop(field.sessions, server_url)  # used to fail here
    sync_laptop(office.sessions, server_url)

    assert summary.conflicts == 1
    assert payments(office) == payments(field) == [field_row]
