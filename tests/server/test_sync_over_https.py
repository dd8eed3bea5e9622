"""Laptops sync through ``asuh server`` over real TLS (uvicorn on 127.0.0.1, PostgreSQL as the
runtime role): the server checks every pushed row, merges per field, refuses revoked devices.
The laptops hold a device key and the pinned fingerprint, never a database credential."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.core.database import Database
from desktop_app.db.models import Child, KbmThreshold, SyncConflict, SyncRefusal
from desktop_app.server.client import ServerClient, ServerPeer, new_device_key
from desktop_app.settings.store import update_settings
from desktop_app.sync.service import SyncError, sync_with_server
from tests.server.conftest import RunningServer
from tests.server.test_server import _enrol_code
from tests.sync.conftest import (  # noqa: F401
    add_area,
    add_child,
    edit_child,
    make_laptop,
)

pytestmark = pytest.mark.postgres


def _enrolled(
    server: RunningServer, capsys: pytest.CaptureFixture[str], laptop: Database, name: str
) -> SimpleNamespace:
    """Enrol ``laptop`` as the Admin would: the code from ``asuh server enrol``, a new key; the
    laptop's device id becomes the server's, so its rows carry the enrolled id."""
    code, device_id = _enrol_code(server, capsys, name=name)
    key = new_device_key()
    with ServerClient(server.base_url, fingerprint=server.fingerprint) as client:
        client.enrol(code=code, key=key)
    with laptop.sessions() as session:
        update_settings(session, device_id=device_id)
        session.commit()
    laptop.sessions.configure(info={"device_id": device_id})
    return SimpleNamespace(
        server=server.base_url, fingerprint=server.fingerprint, device_id=device_id, key=key
    )


def _sync(laptop: Database, identity: SimpleNamespace):
    return sync_with_server(laptop.sessions, peer=ServerPeer(identity))


def test_two_laptops_edit_one_child_offline_and_nothing_is_lost(
    running_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    make_laptop: Callable[..., Database],  # noqa: F811
) -> None:
    a, b = make_laptop("A"), make_laptop("B")
    id_a = _enrolled(running_server, capsys, a, "Laptop kantor")
    id_b = _enrolled(running_server, capsys, b, "Laptop Puskesmas")
    area = add_area(a)
    siti = add_child(a, name="Siti Aminah", area=area)
    assert _sync(a, id_a).pushed >= 4
    assert _sync(b, id_b).pulled >= 4

    # Different fields of one child: both kept, no conflict.
    edit_child(a, siti, phone="081234567890")
    edit_child(b, siti, mother_name="Rahmawati")
    assert _sync(a, id_a).conflicts == 0
    assert _sync(b, id_b).conflicts == 0
    _sync(a, id_a)
    for laptop in (a, b):
        with laptop.sessions() as session:
            child = session.get(Child, siti)
            assert (child.phone, child.mother_name) == ("081234567890", "Rahmawati")

    # The same field on both: the edit the server received last wins; both laptops list the
    # conflict with both values and count it in their summary.
    edit_child(a, siti, address="Jl. Melati 1")
    edit_child(b, siti, address="Jl. Mawar 2")
    assert _sync(a, id_a).conflicts == 0
    assert _sync(b, id_b).conflicts == 1
    assert _sync(a, id_a).conflicts == 1  # A learns of it on its next sync
    for laptop in (a, b):
        with laptop.sessions() as session:
            assert session.get(Child, siti).address == "Jl. Mawar 2"
            conflict = session.scalars(select(SyncConflict)).one()
            assert conflict.loser_values["address"] == "Jl. Melati 1"
            assert conflict.winner_values["address"] == "Jl. Mawar 2"
            assert {conflict.winner_device, conflict.loser_device} == {
                id_a.device_id,
                id_b.device_id,
            }


def test_a_crafted_push_is_refused_row_by_row_and_blocks_nothing(
    running_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    make_laptop: Callable[..., Database],  # noqa: F811
) -> None:
    office = make_laptop("kantor")
    id_office = _enrolled(running_server, capsys, office, "Laptop kantor")
    area = add_area(office)
    good = add_child(office, name="Budi", area=area)
    _sync(office, id_office)

    # A posyandu laptop sends what the crafted file carried, beside one good row.
    capsys.readouterr()
    posyandu = str(area["posyandu"])
    assert main(["server", "enrol", "--database-url", running_server.owner_url,
                 "--name", "Laptop posyandu", "--posyandu", posyandu]) == 0  # fmt: skip
    out = capsys.readouterr().out
    from tests.server.test_server import _CODE

    code = _CODE.search(out).group(1)  # type: ignore[union-attr]
    key = new_device_key()
    with ServerClient(running_server.base_url, fingerprint=running_server.fingerprint) as client:
        enrolment = client.enrol(code=code, key=key)
    peer = ServerPeer(
        SimpleNamespace(
            server=running_server.base_url,
            fingerprint=running_server.fingerprint,
            device_id=enrolment.device_id,
            key=key,
        )
    )
    with office.engine.connect() as conn:
        budi = dict(conn.execute(select(Child.__table__).where(Child.id == good)).mappings().one())
    from desktop_app.sync.rows import to_json_values

    table = Child.__table__
    bad = to_json_values(
        table, {**budi, "sex": "X", "nik": "1' OR '1'='1'; DROP TABLE children;--"}
    )
    bad["updated_at"] = "9999-12-31T00:00:00"
    odd_id = uuid.uuid4()
    odd = to_json_values(table, {**budi, "id": odd_id, "name": "Citra", "sex": "X", "nik": None})
    fine = to_json_values(table, {**budi, "id": uuid.uuid4(), "name": "Ani", "nik": None})
    answer = peer.push(
        {
            "table": "children",
            "seen_upto": 0,
            "entries": [
                {"row": bad, "fields": ["sex", "nik"], "base": {"sex": "P", "nik": None}},
                {"row": odd, "fields": None, "base": None},
                {"row": fine, "fields": None, "base": None},
            ],
        }
    )
    refused = {item["id"]: item["message"] for item in answer["refused"]}
    assert set(refused) == {str(good), str(odd_id)}
    assert "NIK" in refused[str(good)] and "Jenis kelamin" in refused[str(odd_id)]
    assert answer["applied"] == 1
    kbm = peer.push(
        {
            "table": "kbm_thresholds",
            "seen_upto": 0,
            "entries": [
                {
                    "row": {"id": str(uuid.uuid4()), "from_age_months": 77, "min_gain_g": 999999},
                    "fields": None,
                    "base": None,
                }
            ],
        }
    )
    assert kbm["applied"] == 0 and len(kbm["refused"]) == 1
    audit = peer.push({"table": "audit_log", "seen_upto": 0, "entries": [{"row": {}}]})
    assert audit["applied"] == 0 and len(audit["refused"]) == 1
    peer.close()

    with running_server.database.sessions() as session:
        child = session.get(Child, good)
        assert child is not None and child.sex != "X" and "DROP" not in (child.nik or "")
        assert child.updated_at.year < 9999
        assert session.scalar(select(func.count()).where(Child.name == "Ani")) == 1
        assert session.scalar(
            select(func.count()).where(KbmThreshold.from_age_months == 77)
        ) == 0  # fmt: skip
        assert session.scalar(select(func.count()).select_from(SyncRefusal)) == 4


def test_a_refused_row_is_listed_on_the_laptop_and_the_rest_syncs(
    running_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    make_laptop: Callable[..., Database],  # noqa: F811
) -> None:
    laptop = make_laptop("A")
    identity = _enrolled(running_server, capsys, laptop, "Laptop kantor")
    area = add_area(laptop)
    add_child(laptop, name="Budi", area=area)
    wrong = add_child(laptop, name="Ani", area=area)
    with laptop.engine.begin() as conn:  # an over-long NIK slipped into the file
        conn.execute(Child.__table__.update().where(Child.id == wrong).values(nik="1" * 20))
    first = _sync(laptop, identity)
    assert first.refused == 1 and first.pushed >= 4
    with laptop.sessions() as session:
        [refusal] = session.scalars(select(SyncRefusal)).all()
        assert refusal.row_id == wrong and "NIK" in refusal.message
    assert _sync(laptop, identity).refused == 1  # tried again, still listed, nothing blocked
    edit_child(laptop, wrong, nik="1902015705240001")  # fixed
    fixed = _sync(laptop, identity)
    assert fixed.refused == 0
    with laptop.sessions() as session:
        assert session.scalars(select(SyncRefusal)).all() == []
    with running_server.database.sessions() as session:
        assert session.get(Child, wrong).nik == "1902015705240001"


def test_a_revoked_laptop_is_refused_in_plain_words(
    running_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    make_laptop: Callable[..., Database],  # noqa: F811
) -> None:
    laptop = make_laptop("A")
    identity = _enrolled(running_server, capsys, laptop, "Laptop hilang")
    add_area(laptop)
    _sync(laptop, identity)
    args = ["server", "revoke", "--database-url", running_server.owner_url, identity.device_id]
    assert main(args) == 0
    add_child(laptop, name="Budi", area=add_area(laptop, kecamatan="Badau"))
    with pytest.raises(SyncError, match="dicabut"):
        _sync(laptop, identity)
    with running_server.database.sessions() as session:
        assert session.scalar(select(func.count()).where(Child.name == "Budi")) == 0
    assert date.today()  # the laptop keeps its data: nothing local was touched
