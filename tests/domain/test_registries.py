"""OPD, wilayah and programme registries."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from desktop_app.assignments.service import assign_guardian
from desktop_app.core.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.db.models import Kecamatan, Opd
from desktop_app.guardians.service import GuardianForm, deactivate_guardian, register_guardian
from desktop_app.settings.opd import create_opd, delete_opd, list_opds, opd_summaries, update_opd
from desktop_app.settings.programmes import create_programme, list_programmes, update_programme
from desktop_app.settings.wilayah import (
    AreaRecord,
    create_desa,
    create_kecamatan,
    create_posyandu,
    list_desa,
    list_kecamatan,
    list_posyandu,
    rename_area,
)
from tests.domain.conftest import TODAY, add_child, add_guardian, count_rows


def test_opd_summaries_include_offices_without_asn(session) -> None:
    health = create_opd(session, code="dinkes", name="Dinas Kesehatan")
    education = create_opd(session, code="DISDIK", name="Dinas Pendidikan")
    create_opd(session, code="BAPPEDA", name="Badan Perencanaan")
    andi = add_guardian(session, health.id)
    add_guardian(session, health.id, name="Dewi", sequence=2)  # ASN without a child yet
    retired = add_guardian(session, education.id, name="Rudi", sequence=3)
    deactivate_guardian(session, guardian_id=retired.id)  # inactive: not counted
    register_guardian(
        session,
        form=GuardianForm(kind="lainnya", name="Tokoh Masyarakat", opd_id=education.id),
        today=TODAY,
    )  # not ASN: not counted
    for i in (1, 2):
        kid = add_child(session, name=f"Anak {i}", sequence=i, mother_name=f"Ibu {i}")
        assign_guardian(session, child_id=kid.id, guardian_id=andi.id, start_date=TODAY)
    rows = [
        (s.code, s.asn_count, s.guardians_with_children, s.children_fostered)
        for s in opd_summaries(session)
    ]
    assert rows == [("BAPPEDA", 0, 0, 0), ("DINKES", 2, 1, 2), ("DISDIK", 0, 0, 0)]
    assert [s.has_submitted for s in opd_summaries(session)] == [False, True, False]


def test_opd_codes_and_names_are_unique_and_required(session) -> None:
    create_opd(session, code="DINKES", name="Dinas Kesehatan")
    with pytest.raises(ValidationError) as caught:
        create_opd(session, code=" dinkes ", name="dinas  kesehatan")
    assert caught.value.for_field("code") == "Kode OPD DINKES sudah dipakai"
    assert caught.value.for_field("name") == "OPD bernama dinas kesehatan sudah ada"
    with pytest.raises(ValidationError) as caught:
        create_opd(session, code="", name="")
    assert {e.field for e in caught.value.errors} == {"code", "name"}
    assert count_rows(session, Opd) == 1


def test_update_and_delete_opd(session, opd) -> None:
    assert update_opd(session, opd_id=opd.id, code="DINKES", name="Dinas Kesehatan P2KB").name == (
        "Dinas Kesehatan P2KB"
    )
    guardian = add_guardian(session, opd.id)
    with pytest.raises(ConflictError, match="masih tercatat pada 1 orang tua asuh"):
        delete_opd(session, opd_id=opd.id)
    empty = create_opd(session, code="X", name="Kantor X")
    delete_opd(session, opd_id=empty.id)
    assert [o.code for o in list_opds(session)] == ["DINKES"]
    assert session.get(Opd, empty.id).deleted_at is not None  # tombstone, synced later
    with pytest.raises(NotFoundError):
        update_opd(session, opd_id=empty.id, code="X", name="Kantor X")
    assert guardian.opd_id == opd.id


def test_wilayah_tree_and_lists(session, areas) -> None:
    kec2 = create_kecamatan(session, name="Membalong", code="19.02.02")
    desa2 = create_desa(session, kecamatan_id=kec2.id, name="Air Saga")  # same name, other parent
    create_posyandu(session, desa_id=desa2.id, name="Posyandu Anggrek")
    assert [k.name for k in list_kecamatan(session)] == ["Membalong", "Tanjungpandan"]
    assert list_desa(session, kecamatan_id=areas["kecamatan"].id) == [
        areas["desa"],
        AreaRecord(areas["other_desa"].id, "Perawas", areas["kecamatan"].id, "kelurahan"),
    ]
    assert [p.name for p in list_posyandu(session)] == ["Posyandu Anggrek", "Posyandu Melati"]
    assert [p.name for p in list_posyandu(session, kecamatan_id=kec2.id)] == ["Posyandu Anggrek"]
    assert [p.name for p in list_posyandu(session, desa_id=areas["desa"].id)] == ["Posyandu Melati"]
    assert session.get(Kecamatan, kec2.id).code == "19.02.02"


def test_duplicate_area_names_under_one_parent_are_refused(session, areas) -> None:
    kec = areas["kecamatan"]
    with pytest.raises(ValidationError) as caught:
        create_desa(session, kecamatan_id=kec.id, name="  air  SAGA ")
    assert caught.value.for_field("name") == "Nama air SAGA sudah ada di wilayah yang sama"
    with pytest.raises(ValidationError):
        create_kecamatan(session, name="TANJUNGPANDAN")
    with pytest.raises(ValidationError):
        create_posyandu(session, desa_id=areas["desa"].id, name="posyandu melati")
    with pytest.raises(ValidationError):
        create_desa(session, kecamatan_id=kec.id, name="Baru", kind="dusun")
    with pytest.raises(ValidationError):
        rename_area(session, area_id=areas["other_desa"].id, name="Air Saga")
    with pytest.raises(NotFoundError):
        create_posyandu(session, desa_id=uuid.uuid4(), name="X")
    assert len(list_desa(session)) == 2


def test_rename_area_with_or_without_kind(session, areas) -> None:
    renamed = rename_area(session, area_id=areas["posyandu"].id, name="Posyandu Mawar")
    assert renamed == AreaRecord(
        areas["posyandu"].id, "Posyandu Mawar", areas["desa"].id, "posyandu"
    )
    assert (
        rename_area(session, area_id=areas["desa"].id, name="AIR SAGA", kind="desa").name
        == "AIR SAGA"
    )
    with pytest.raises(NotFoundError):
        rename_area(session, area_id=areas["desa"].id, name="X", kind="kecamatan")


def test_programmes(session) -> None:
    record = create_programme(
        session,
        name=" Genting  2025 ",
        start_month=date(2025, 9, 15),
        end_month=date(2025, 11, 30),
        monthly_aid=450_000,
    )
    assert (record.name, record.start_month, record.end_month, record.months) == (
        "Genting 2025",
        date(2025, 9, 1),
        date(2025, 11, 1),
        3,
    )
    assert (record.monthly_aid, record.visit_target_per_month, record.active) == (450_000, 1, True)
    later = create_programme(
        session,
        name="Genting 2026",
        start_month=date(2026, 1, 1),
        end_month=date(2026, 6, 1),
        monthly_aid=500_000,
        visit_target_per_month=2,
    )
    closed = update_programme(session, programme_id=record.id, monthly_aid=400_000, active=False)
    assert (closed.name, closed.monthly_aid, closed.months, closed.active) == (
        "Genting 2025",
        400_000,
        3,
        False,
    )
    with pytest.raises(ValidationError):  # the kept start month is checked with the new end
        update_programme(session, programme_id=record.id, end_month=date(2025, 8, 1))
    assert [p.name for p in list_programmes(session)] == ["Genting 2026", "Genting 2025"]
    assert list_programmes(session, active_only=True) == [later]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"name": ""}, "name", "Nama program wajib diisi"),
        ({"name": "Genting 2025"}, "name", "Program bernama Genting 2025 sudah ada"),
        (
            {"end_month": date(2026, 8, 1)},
            "end_month",
            "Bulan selesai tidak boleh sebelum bulan mulai",
        ),
        ({"start_month": None}, "start_month", "Bulan mulai wajib diisi"),
        ({"monthly_aid": -1}, "monthly_aid", "Bantuan per bulan harus antara Rp0 dan Rp10.000.000"),
        ({"monthly_aid": 45_000_000}, "monthly_aid", "Bantuan per bulan harus antara"),
        ({"visit_target_per_month": 40}, "visit_target_per_month", "antara 0 dan 31"),
    ],
)
def test_programme_rules(session, kwargs, field, message) -> None:
    create_programme(
        session,
        name="Genting 2025",
        start_month=date(2025, 9, 1),
        end_month=date(2025, 11, 1),
        monthly_aid=450_000,
    )
    values = {
        "name": "Baru",
        "start_month": date(2026, 9, 1),
        "end_month": date(2026, 11, 1),
        "monthly_aid": 450_000,
    }
    values.update(kwargs)
    with pytest.raises(ValidationError) as caught:
        create_programme(session, **values)
    assert message in caught.value.for_field(field)
    assert len(list_programmes(session)) == 1
