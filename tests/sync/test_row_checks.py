"""The district server's checks of pushed rows (``sync.row_checks``), on a real database:
the crafted file of issue 21, one bad row among good ones, foreign keys and scope.

Rows are built as a laptop sends them (``to_json_values``: JSON text), parsed and checked the way
the push endpoint does, table by table, with the rows accepted so far passed on as ``accepted``.
Every refusal must name the row, the field and the problem, and refuse that row only.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.core.database import Database
from desktop_app.db.models import Kecamatan
from desktop_app.demo import fill_demo_database
from desktop_app.sync.row_checks import check_rows, parse_rows, table_refusals
from desktop_app.sync.rows import Row, to_json_values, upsert_rows
from desktop_app.sync.tables import BY_NAME, SYNC_TABLES, SyncScope, scope_condition
from desktop_app.validation import make_nik, make_nip
from tests.sync.conftest import add_child
from tests.sync.row_helpers import (
    BIRTH,
    DISTRICT,
    NOW,
    REGION,
    TODAY,
    child_json,
    json_row,
    only,
    push,
    visit_json,
)

# --- good rows, the whole push in order ------------------------------------------------------


def test_a_full_push_of_good_rows_passes_with_parents_earlier_in_the_push(
    database: Database,
) -> None:
    """Nothing is on the server yet: each parent arrives earlier in the same push."""
    accepted: dict[str, list[Row]] = {}
    kec = json_row("kecamatan", name="Badau", code="19.02.02")
    desa = json_row("desa", kecamatan_id=kec["id"], name="Cerucuk", kind="desa")
    pos = json_row("posyandu", desa_id=desa["id"], name="Melati")
    opd = json_row("opd", code="DINKES", name="Dinas Kesehatan")
    nip = make_nip(birth_date=date(1985, 3, 2), appointment_month=date(2010, 1, 1), sex="L")
    guardian = json_row("guardians", kind="asn", name="Andi", nip=nip, opd_id=opd["id"],
                        active=True, search_text="andi")  # fmt: skip
    programme = json_row("programmes", name="Genting 2026", start_month=date(2026, 1, 1),
                         end_month=date(2026, 12, 1), monthly_aid=450_000,
                         visit_target_per_month=1, active=True)  # fmt: skip
    kbm = json_row("kbm_thresholds", from_age_months=1, min_gain_g=800)
    child = child_json({"desa": uuid.UUID(desa["id"]), "posyandu": uuid.UUID(pos["id"])})
    assignment = json_row("assignments", child_id=child["id"], guardian_id=guardian["id"],
                          programme_id=programme["id"], start_date=date(2026, 1, 5),
                          status="aktif")  # fmt: skip
    visit = visit_json(child["id"], guardian_id=guardian["id"])
    payment = json_row("aid_payments", child_id=child["id"], programme_id=programme["id"],
                       assignment_id=assignment["id"], month=date(2026, 5, 1), amount=450_000,
                       status="dibayar", paid_on=date(2026, 5, 10), method="transfer",
                       reference="TRF1")  # fmt: skip
    payload = '{"month": "2026-05"}'
    closure = json_row("month_closures", month=date(2026, 5, 1), payload=payload,
                       sha256=hashlib.sha256(payload.encode()).hexdigest(), format_version=1,
                       closed_by="admin", closed_at=NOW)  # fmt: skip
    batches = [
        ("kecamatan", kec), ("desa", desa), ("posyandu", pos), ("opd", opd),
        ("guardians", guardian), ("programmes", programme), ("kbm_thresholds", kbm),
        ("children", child), ("assignments", assignment), ("visits", visit),
        ("aid_payments", payment), ("month_closures", closure),
    ]  # fmt: skip
    for table_name, row in batches:
        assert push(database, table_name, [row], accepted=accepted) == [], table_name
    assert len(accepted["visits"]) == 1


def test_a_parent_on_the_server_is_found_there(database: Database, area: dict) -> None:
    child_id = add_child(database, name="Sari", area=area)
    assert push(database, "visits", [visit_json(child_id)]) == []


# --- the crafted file of issue 21 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"sex": "X"}, "Jenis kelamin wajib dipilih"),
        ({"nik": "1' OR '1'='1"}, "NIK hanya boleh berisi angka"),
        ({"nik": "1' OR '1'='1'; DROP TABLE children;--"}, "NIK terlalu panjang"),
        ({"nik": "19020117052400071"}, "NIK terlalu panjang (paling banyak 16 huruf)"),
    ],
)
def test_the_crafted_child_is_refused(
    database: Database, area: dict, values: dict, expected: str
) -> None:
    row = child_json(area, **values)
    message = only(push(database, "children", [row]), row)
    assert message.startswith("Anak 'Budi': ") and expected in message


def test_the_kbm_row_of_a_scoped_device_is_refused_as_the_districts(
    database: Database, area: dict
) -> None:
    row = json_row("kbm_thresholds", from_age_months=77, min_gain_g=999_999)
    message = only(push(database, "kbm_thresholds", [row], scope=SyncScope(area["kecamatan"])), row)
    assert "Tabel KBM" in message and "dikelola oleh kantor kabupaten" in message


def test_check_rows_refuses_a_districts_table_of_a_scoped_device_too(
    database: Database, area: dict
) -> None:
    """Not only the table-level helper: ``check_rows`` itself keeps the rule."""
    row = json_row("kbm_thresholds", from_age_months=3, min_gain_g=500)
    rows, refused = parse_rows(BY_NAME["kbm_thresholds"].table, [row])
    assert refused == []
    scope = SyncScope(posyandu_id=area["posyandu"])
    with database.engine.connect() as conn:
        refused = check_rows(conn, BY_NAME["kbm_thresholds"], rows, scope=scope, today=TODAY)
    assert "dikelola oleh kantor kabupaten" in only(refused, row)


def test_the_kbm_row_is_refused_for_its_values_even_from_the_district(database: Database) -> None:
    row = json_row("kbm_thresholds", from_age_months=77, min_gain_g=999_999)
    message = only(push(database, "kbm_thresholds", [row]), row)
    assert "Umur harus antara 0 dan 59 bulan" in message
    assert "KBM harus antara 1 dan 2000 gram" in message


def test_audit_rows_are_never_accepted(database: Database) -> None:
    row = json_row("audit_log", at=NOW, username="admin", action="view", entity="children",
                   summary="NIK lengkap ditampilkan", changes={})  # fmt: skip
    message = only(push(database, "audit_log", [row]), row)
    assert "server mencatat riwayatnya sendiri" in message


def test_an_unknown_table_is_refused_row_by_row() -> None:
    rows = [{"id": str(uuid.uuid4())}, {"id": "bukan-id"}]
    refused = table_refusals("hantu", rows, DISTRICT)
    assert refused is not None and len(refused) == 2
    assert refused[0].row_id == uuid.UUID(rows[0]["id"]) and refused[1].row_id is None
    assert "Tabel hantu tidak dikenal server" in refused[0].message
    assert table_refusals("children", rows, DISTRICT) is None


# --- one bad row refuses only itself ----------------------------------------------------------


def test_one_bad_row_of_three_refuses_only_that_row(database: Database, area: dict) -> None:
    rows = [
        child_json(area, name="Ani", sex="P",
                   nik=make_nik(region=REGION, birth_date=BIRTH, sex="P", sequence=1)),
        child_json(area, name="Bayu", sex="X"),
        child_json(area, name="Citra", nik=None),
    ]  # fmt: skip
    accepted: dict[str, list[Row]] = {}
    message = only(push(database, "children", rows, accepted=accepted), rows[1])
    assert message.startswith("Anak 'Bayu': Jenis kelamin")
    assert [r["name"] for r in accepted["children"]] == ["Ani", "Citra"]


# --- foreign keys -----------------------------------------------------------------------------


def test_a_row_whose_parent_is_nowhere_is_refused(database: Database) -> None:
    row = visit_json(uuid.uuid4())
    message = only(push(database, "visits", [row]), row)
    assert "Anak: data induk belum ada di server" in message


def test_a_child_refused_earlier_in_the_push_takes_its_visits_along(
    database: Database, area: dict
) -> None:
    accepted: dict[str, list[Row]] = {}
    bad = child_json(area, sex="X")
    push(database, "children", [bad], accepted=accepted)
    visit = visit_json(bad["id"])
    assert "data induk belum ada di server" in only(
        push(database, "visits", [visit], accepted=accepted), visit
    )


# --- scope ------------------------------------------------------------------------------------


def test_a_kecamatan_device_pushes_only_its_children(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(kecamatan_id=area["kecamatan"])
    mine = child_json(area, name="Ani")
    by_desa_only = child_json({"desa": area["desa"], "posyandu": None}, name="Dewi")
    theirs = child_json(other_area, name="Eko")
    refused = push(database, "children", [mine, by_desa_only, theirs], scope=scope)
    assert "Desa/posyandu anak di luar cakupan perangkat ini" in only(refused, theirs)


def test_a_scoped_device_can_neither_move_a_child_out_nor_take_one_over(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(kecamatan_id=area["kecamatan"])
    mine = add_child(database, name="Ani", area=area)
    theirs = add_child(database, name="Eko", area=other_area)
    moved_out = child_json(other_area, id=mine, name="Ani")
    taken_over = child_json(area, id=theirs, name="Eko")
    refused = push(database, "children", [moved_out, taken_over], scope=scope)
    assert [r.row_id for r in refused] == [mine, theirs]
    assert "di luar cakupan perangkat ini" in refused[0].message
    assert "di server berada di luar cakupan" in refused[1].message


def test_a_kecamatan_device_pushes_only_visits_of_its_children(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(kecamatan_id=area["kecamatan"])
    mine = visit_json(add_child(database, name="Ani", area=area))
    theirs = visit_json(add_child(database, name="Eko", area=other_area))
    message = only(push(database, "visits", [mine, theirs], scope=scope), theirs)
    assert message.startswith("Kunjungan anak 'Eko': Anak ini di luar cakupan")


def test_a_visit_moved_to_a_child_out_of_scope_is_refused(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(kecamatan_id=area["kecamatan"])
    theirs = add_child(database, name="Eko", area=other_area)
    visit = visit_json(theirs)
    assert push(database, "visits", [visit]) == []  # the district device
    with database.engine.begin() as conn:
        rows, _ = parse_rows(BY_NAME["visits"].table, [visit])
        upsert_rows(conn, BY_NAME["visits"].table, rows)
    claimed = visit | {"child_id": str(add_child(database, name="Ani", area=area))}
    assert "di server berada di luar cakupan" in only(
        push(database, "visits", [claimed], scope=scope), claimed
    )


def test_a_posyandu_device_pushes_only_children_of_its_posyandu(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(posyandu_id=area["posyandu"])
    mine = child_json(area, name="Ani")
    same_desa_no_posyandu = child_json({"desa": area["desa"], "posyandu": None}, name="Dewi")
    theirs = child_json(other_area, name="Eko")
    refused = push(database, "children", [mine, same_desa_no_posyandu, theirs], scope=scope)
    assert [r.row_id for r in refused] == [
        uuid.UUID(same_desa_no_posyandu["id"]),
        uuid.UUID(theirs["id"]),
    ]
    visit = visit_json(add_child(database, name="Fajar", area=other_area))
    assert "di luar cakupan" in only(push(database, "visits", [visit], scope=scope), visit)


@pytest.mark.parametrize("table_name", ["kecamatan", "desa", "posyandu", "opd", "guardians",
                                        "programmes", "month_closures"])  # fmt: skip
def test_a_scoped_device_may_not_push_the_districts_tables(
    database: Database, area: dict, table_name: str
) -> None:
    row = json_row(table_name, name="X")
    refused = push(database, table_name, [row], scope=SyncScope(posyandu_id=area["posyandu"]))
    assert "dikelola oleh kantor kabupaten" in only(refused, row)


# --- real rows --------------------------------------------------------------------------------


def test_every_row_of_a_demo_district_passes(database: Database) -> None:
    """Rows the app itself writes (the demo generator: children, guardians, visits, payments,
    the KBM table ...) pass every check, pushed again as they are by a district laptop."""
    fill_demo_database(database, children=40, today=TODAY)
    pushed = 0
    with database.engine.connect() as conn:
        for sync_table in SYNC_TABLES:
            if sync_table.name == "audit_log":
                continue
            query = select(sync_table.table)
            values = [to_json_values(sync_table.table, r) for r in conn.execute(query).mappings()]
            assert push(database, sync_table.name, values) == [], sync_table.name
            pushed += len(values)
    assert pushed > 500


def test_a_scoped_device_pushes_only_conflicts_about_its_own_rows(
    database: Database, area: dict, other_area: dict
) -> None:
    scope = SyncScope(kecamatan_id=area["kecamatan"])
    conflicts = [
        json_row("sync_conflicts", table_name="children", row_id=child_id, status="diterima",
                 winner_values={}, loser_values={})
        for child_id in (add_child(database, name="Ani", area=area),
                         add_child(database, name="Eko", area=other_area))
    ]  # fmt: skip
    message = only(push(database, "sync_conflicts", conflicts, scope=scope), conflicts[1])
    assert "Konflik ini tentang data di luar cakupan perangkat ini" in message


def test_what_a_scoped_laptop_pulls_it_may_push_back_and_nothing_else(
    database: Database,
) -> None:
    """Push scope agrees with pull scope (``scope_condition``): a kecamatan laptop pushing
    back every child-linked row it pulled is refused nothing; the same rows of the other
    kecamatans are all refused."""
    fill_demo_database(database, children=40, today=TODAY)
    with database.engine.connect() as conn:
        kecamatan_id = conn.scalars(select(Kecamatan.id).order_by(Kecamatan.name)).first()
        scope = SyncScope(kecamatan_id=kecamatan_id)
        for sync_table in (t for t in SYNC_TABLES if t.child_column is not None):
            condition = scope_condition(sync_table, scope)
            assert condition is not None
            query = select(sync_table.table)
            inside = [
                to_json_values(sync_table.table, r)
                for r in conn.execute(query.where(condition)).mappings()
            ]
            outside = [to_json_values(sync_table.table, r)
                       for r in conn.execute(query.where(~condition)).mappings()]  # fmt: skip
            assert inside and outside, sync_table.name
            assert push(database, sync_table.name, inside, scope=scope) == []
            refused = push(database, sync_table.name, outside, scope=scope)
            assert len(refused) == len(outside), sync_table.name
            assert all("di luar cakupan" in r.message for r in refused)
