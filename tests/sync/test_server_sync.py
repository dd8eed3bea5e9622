"""Sync against a real PostgreSQL server: convergence, conflicts, resumption, idempotence."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from desktop_app.core.database import Database, open_database
from desktop_app.core.progress import Cancelled
from desktop_app.db.models import AuditEntry, Child, Kecamatan, SyncChange, SyncConflict, Visit
from desktop_app.server.client import ServerPeer
from desktop_app.sync import server as server_module
from desktop_app.sync.scope import set_sync_scope
from desktop_app.sync.service import SyncError, sync_with_server
from tests.sync.conftest import add_area, add_child, edit_child, snapshot, sync_laptop
from tests.sync.enrolment import device_id_of

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(server_url: str) -> Iterator[Database]:
    database = open_database(server_url)
    yield database
    database.dispose()


def sync(laptop: Database, server_url: str, **kwargs):
    return sync_laptop(laptop.sessions, server_url, **kwargs)


def add_visit(laptop: Database, child_id, *, weight: float) -> None:
    with laptop.sessions() as session:
        session.add(Visit(child_id=child_id, visit_date=date(2025, 2, 3), weight_kg=weight))
        session.commit()


@pytest.mark.parametrize("order", ["ABC", "CBA"])
def test_three_laptops_with_overlapping_edits_converge(order, server_url, server, make_laptop):
    laptops = {name: make_laptop(name) for name in "ABC"}
    area = add_area(laptops["A"])
    siti = add_child(laptops["A"], name="Siti Aminah", area=area)
    budi = add_child(laptops["A"], name="Budi", area=area)
    for name in "ABC":
        sync(laptops[name], server_url)

    # Offline: A and B both rename Siti (B later, so B wins); C weighs Budi; A deletes Budi.
    edit_child(laptops["A"], siti, name="Siti Aminah A")
    edit_child(laptops["B"], siti, name="Siti Aminah B", phone="081234567890")
    add_visit(laptops["C"], budi, weight=9.4)
    edit_child(laptops["C"], budi, notes="ditimbang")
    edit_child(laptops["A"], budi, deleted_at=date(2025, 3, 1))
    add_child(laptops["B"], name="Rina", area=area)

    for name in order + order:  # the second round delivers what later laptops pushed
        sync(laptops[name], server_url)

    expected = snapshot(server.engine)
    for name in "ABC":
        assert snapshot(laptops[name].engine) == expected, name
    # The name both changed: the edit the server received last wins; the other is on record.
    # B's phone, a field only B changed, is kept whatever the order.
    last, first = ("B", "A") if order.index("B") > order.index("A") else ("A", "B")
    names = {row["name"] for row in expected["children"]}
    assert names == {f"Siti Aminah {last}", "Budi", "Rina"}
    siti_row = next(row for row in expected["children"] if row["id"] == siti)
    assert siti_row["phone"] == "081234567890" and siti_row["device_id"] == device_id_of(last)
    assert len(expected["visits"]) == 1 and expected["visits"][0]["weight_kg"] == 9.4

    conflicts = {(row["table_name"], row["row_id"]): row for row in expected["sync_conflicts"]}
    siti_conflict = conflicts[("children", siti)]
    assert siti_conflict["winner_device"] == device_id_of(last)
    assert siti_conflict["loser_device"] == device_id_of(first)
    assert siti_conflict["loser_values"]["name"] == f"Siti Aminah {first}"
    assert siti_conflict["winner_values"]["name"] == f"Siti Aminah {last}"
    assert siti_conflict["winner_values"]["phone"] == "081234567890"
    # C's note and A's deletion of Budi are different fields: both kept, no conflict.
    budi_row = next(row for row in expected["children"] if row["id"] == budi)
    assert budi_row["notes"] == "ditimbang" and budi_row["deleted_at"] is not None
    assert ("children", budi) not in conflicts


def test_repeated_sync_changes_nothing(server_url, server, make_laptop):
    laptop = make_laptop("A")
    area = add_area(laptop)
    add_child(laptop, name="Siti", area=area)
    first = sync(laptop, server_url)
    before = snapshot(server.engine)
    again = sync(laptop, server_url)
    assert first.pushed >= 4 and first.conflicts == 0
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, 0)
    assert snapshot(server.engine) == before


def test_interrupted_push_resumes_without_duplicates(server_url, server, make_laptop, monkeypatch):
    laptop = make_laptop("A")
    area = add_area(laptop)
    ids = [add_child(laptop, name=f"Anak {i}", area=area) for i in range(25)]
    real_mark = server_module.mark_pushed
    calls = {"n": 0}

    def failing_mark(lc, table_name, seqs):
        # The server has committed batch 3 when the laptop loses the connection: the worst
        # moment, since the laptop does not know its rows arrived.
        if table_name == "children":
            calls["n"] += 1
            if calls["n"] == 3:
                raise OperationalError("push", {}, Exception("sambungan putus"))
        return real_mark(lc, table_name, seqs)

    monkeypatch.setattr(server_module, "mark_pushed", failing_mark)
    with pytest.raises(SyncError, match="terputus"):
        sync(laptop, server_url, batch_size=5)
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Child)).scalar_one() == 15
    monkeypatch.setattr(server_module, "mark_pushed", real_mark)

    summary = sync(laptop, server_url, batch_size=5)
    assert summary.conflicts == 0
    with server.engine.connect() as conn:
        assert sorted(conn.execute(select(Child.id)).scalars()) == sorted(ids)
        logged = (
            select(func.count()).select_from(SyncChange).where(SyncChange.table_name == "children")
        )
        assert conn.execute(logged).scalar_one() == 25
    assert snapshot(laptop.engine) == snapshot(server.engine)


def test_interrupted_pull_resumes_from_its_cursor(server_url, server, make_laptop, monkeypatch):
    source, target = make_laptop("A"), make_laptop("B")
    area = add_area(source)
    for i in range(12):
        add_visit(source, add_child(source, name=f"Anak {i}", area=area), weight=8.0 + i / 10)
    sync(source, server_url)
    real_apply = server_module._apply_pulled
    calls = {"n": 0}

    def failing_apply(lc, sc, sync_table, rows, **kwargs):
        if sync_table.name == "visits":
            calls["n"] += 1
            if calls["n"] == 2:
                raise OperationalError("pull", {}, Exception("sambungan putus"))
        return real_apply(lc, sc, sync_table, rows, **kwargs)

    monkeypatch.setattr(server_module, "_apply_pulled", failing_apply)
    with pytest.raises(SyncError):
        sync(target, server_url, batch_size=5)
    with target.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Visit)).scalar_one() == 5
    monkeypatch.setattr(server_module, "_apply_pulled", real_apply)
    summary = sync(target, server_url, batch_size=5)
    assert summary.pulled == 7  # only the visits not yet received
    assert snapshot(target.engine) == snapshot(server.engine)


def test_scope_limits_what_a_laptop_pulls(server_url, server, make_laptop):
    office = make_laptop("kantor")
    north, south = add_area(office, kecamatan="Utara"), add_area(office, kecamatan="Selatan")
    north_child = add_child(office, name="Anak Utara", area=north)
    south_child = add_child(office, name="Anak Selatan", area=south)
    add_visit(office, north_child, weight=8.1)
    add_visit(office, south_child, weight=9.2)
    sync(office, server_url)

    other = make_laptop("lain")
    sync(other, server_url)
    edit_child(other, south_child, notes="lain")
    edit_child(office, south_child, notes="kantor")
    sync(other, server_url)
    sync(office, server_url)  # a conflict about a southern child: not for the north's laptop

    field = make_laptop("utara", sync_scope_kecamatan_id=str(north["kecamatan"]))
    sync(field, server_url)
    with field.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Anak Utara"]
        assert session.scalars(select(Visit.weight_kg)).all() == [8.1]
        assert session.scalars(select(SyncConflict)).all() == []
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(SyncConflict)).scalar_one() == 1

    # The child moves north: it arrives with its whole history, not only the new change.
    # (Widening the scope instead is covered by test_widened_scope_brings_the_rest.)
    edit_child(office, south_child, desa_id=north["desa"], posyandu_id=north["posyandu"])
    sync(office, server_url)
    sync(field, server_url)
    with field.sessions() as session:
        assert sorted(session.scalars(select(Child.name))) == ["Anak Selatan", "Anak Utara"]
        assert sorted(session.scalars(select(Visit.weight_kg))) == [8.1, 9.2]


def test_unreachable_server_is_reported_and_changes_stay_pending(make_laptop):
    laptop = make_laptop("A")
    add_area(laptop)
    identity = SimpleNamespace(
        server="127.0.0.1:1", fingerprint="ab" * 32, device_id=str(uuid.uuid4()),
        key=Ed25519PrivateKey.generate(),
    )  # fmt: skip
    with pytest.raises(SyncError, match="Server tidak dapat dihubungi, periksa koneksi"):
        sync_with_server(laptop.sessions, peer=ServerPeer(identity, timeout=2))
    with laptop.sessions() as session:
        pending = select(func.count()).select_from(SyncChange).where(SyncChange.origin == "L")
        assert session.scalar(pending) >= 3
        assert session.scalar(select(func.count()).select_from(SyncConflict)) == 0


def test_cancel_between_batches_keeps_what_was_sent(server_url, server, make_laptop):
    laptop = make_laptop("A")
    area = add_area(laptop)
    for i in range(12):
        add_child(laptop, name=f"Anak {i}", area=area)
    reports: list[tuple[int, int, str]] = []

    def cancel_after_two_batches(done: int, total: int, label: str) -> None:
        reports.append((done, total, label))
        if len(reports) == 3:  # the first report is the start, then one per batch
            raise Cancelled()

    with pytest.raises(SyncError, match="tetap tersimpan"):
        sync(laptop, server_url, batch_size=5, progress=cancel_after_two_batches)
    assert reports[0][0] == 0 and reports[0][1] >= 15
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Kecamatan)).scalar_one() == 1
    sync(laptop, server_url, batch_size=5)
    assert snapshot(laptop.engine) == snapshot(server.engine)


def test_widened_scope_brings_the_rest(server_url, server, make_laptop):
    office = make_laptop("kantor")
    north, south = add_area(office, kecamatan="Utara"), add_area(office, kecamatan="Selatan")
    add_child(office, name="Anak Utara", area=north)
    add_visit(office, add_child(office, name="Anak Selatan", area=south), weight=9.2)
    sync(office, server_url)
    field = make_laptop("utara", sync_scope_posyandu_id=str(north["posyandu"]))
    sync(field, server_url)
    with field.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Anak Utara"]
        set_sync_scope(session)  # the whole district
        session.commit()
    summary = sync(field, server_url)
    assert summary.pulled == 2  # the southern child and its visit, nothing twice
    assert snapshot(field.engine) == snapshot(server.engine)


def test_times_come_from_the_server_clock_and_a_future_creation_is_noted(
    server_url, server, make_laptop
):
    laptop = make_laptop("A")
    area = add_area(laptop)
    child_id = add_child(laptop, name="Siti", area=area)
    with laptop.engine.begin() as conn:  # a laptop clock years ahead
        conn.execute(
            Child.__table__.update()
            .where(Child.id == child_id)
            .values(created_at=datetime(2031, 1, 1), updated_at=datetime(9999, 12, 31))
        )
    before = datetime.utcnow()
    sync(laptop, server_url)
    with server.sessions() as session:
        child = session.get(Child, child_id)
        assert before - timedelta(minutes=1) < child.created_at <= datetime.utcnow()
        assert before - timedelta(minutes=1) < child.updated_at <= datetime.utcnow()
        summaries = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.entity == "children")
        ).all()
    assert any("1 bertanggal masa depan" in text for text in summaries)
