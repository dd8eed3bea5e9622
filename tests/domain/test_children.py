"""Registering, editing and exiting children: every form rule, normalisation, atomicity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.assignments.service import assign_guardian
from desktop_app.children.service import (
    ChildForm,
    child_form_from_record,
    exit_child,
    get_child,
    register_child,
    update_child,
)
from desktop_app.core.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.core.identifier_search import identifier_token, search_key
from desktop_app.db.models import Assignment, Child
from tests.domain.conftest import TODAY, add_child, add_guardian, child_form, count_rows


def _errors(session, form: ChildForm) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        register_child(session, form=form, today=TODAY)
    return {e.field: e.message for e in caught.value.errors}


def test_register_stores_normalised_values(session, areas) -> None:
    form = child_form(
        name="  BUDI   SANTOSO ",
        mother_name="SITI  AMINAH",
        father_name="Ahmad Yani",
        nik="1902 0115 0324 0001",
        no_kk="1902-0101-0120-0001",
        phone="+62 812-3456-7890",
        rt="3",
        rw="12",
        address="  Jl. Merdeka   No. 5 ",
        posyandu_id=areas["posyandu"].id,  # desa filled in from the posyandu
        risk_factors=["air_bersih", "perokok", "air_bersih"],
        birth_weight_kg=2.4,
        birth_length_cm=46.5,
        consent_by="siti aminah",
        consent_relation="Ibu",
        consent_date=date(2026, 10, 1),
    )
    record = register_child(session, form=form, today=TODAY)
    row = session.get(Child, record.id)
    assert (row.name, row.mother_name, row.nik, row.no_kk) == (
        "Budi Santoso",
        "Siti Aminah",
        "1902011503240001",
        "1902010101200001",
    )
    assert (row.phone, row.rt, row.rw, row.address) == (
        "081234567890",
        "003",
        "012",
        "Jl. Merdeka No. 5",
    )
    assert row.risk_factors == ["air_bersih", "perokok"]
    key = search_key(session)
    assert row.search_text == (
        "budi santoso siti aminah "
        f"{identifier_token('1902011503240001', key)} {identifier_token('1902010101200001', key)}"
    )
    assert row.father_name == "Ahmad Yani" and row.data_source is None
    assert (record.desa_name, record.kecamatan_name, record.posyandu_name) == (
        "Air Saga",
        "Tanjungpandan",
        "Posyandu Melati",
    )
    assert record.age_months == 32  # 15 Mar 2024 -> 23 Nov 2026
    assert record.active_assignment is None and record.assignments == ()


def test_enrolled_on_defaults_to_today(session) -> None:
    record = register_child(session, form=child_form(enrolled_on=None), today=TODAY)
    assert record.enrolled_on == TODAY


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "   "}, "name", "Nama anak wajib diisi"),
        ({"name": "A" * 121}, "name", "Nama anak terlalu panjang (paling banyak 120 huruf)"),
        ({"sex": "X"}, "sex", "Jenis kelamin wajib dipilih (Laki-laki atau Perempuan)"),
        ({"birth_date": None, "nik": ""}, "birth_date", "Tanggal lahir wajib diisi"),
        ({"birth_date": date(2026, 11, 24)}, "birth_date", "Tanggal lahir tidak boleh setelah"),
        ({"birth_date": date(2021, 10, 1)}, "birth_date", "berusia 60 bulan atau lebih"),
        (
            {"enrolled_on": date(2026, 11, 24)},
            "enrolled_on",
            "Tanggal pendaftaran tidak boleh setelah hari ini",
        ),
        ({"enrolled_on": date(2024, 3, 14)}, "enrolled_on", "tidak boleh sebelum tanggal lahir"),
        ({"nik": "190201150324001"}, "nik", "NIK harus 16 angka (tertulis 15 angka)"),
        ({"nik": "1902011503240001X"}, "nik", "NIK hanya boleh berisi angka"),
        ({"nik": "9902011503240001"}, "nik", "kode provinsi 99 tidak dikenal"),
        ({"nik": "1900011503240001"}, "nik", "kode kabupaten/kota 00 tidak ada"),
        ({"nik": "1902011603240001"}, "nik", "Tanggal lahir pada NIK (16 Maret 2024)"),
        ({"sex": "P", "nik": "1902011503240001"}, "nik", "NIK ini milik laki-laki"),
        ({"nik": "", "no_kk": ""}, "no_kk", "No. KK wajib diisi jika anak belum memiliki NIK"),
        ({"no_kk": "19020101012000011"}, "no_kk", "No. KK harus 16 angka (tertulis 17 angka)"),
        ({"no_kk": "1900010101200001"}, "no_kk", "kode kabupaten/kota 00 tidak ada"),
        ({"phone": "12345"}, "phone", "Nomor telepon harus diawali 08"),
        ({"rt": "abc"}, "rt", "RT harus angka 1 sampai 999 (mis. 003)"),
        ({"rw": "1000"}, "rw", "RW harus angka 1 sampai 999"),
        ({"birth_weight_kg": 0.4}, "birth_weight_kg", "Berat lahir harus antara 0,5 dan 6 kg"),
        ({"birth_weight_kg": 6.1}, "birth_weight_kg", "Berat lahir harus antara"),
        ({"birth_weight_kg": float("nan")}, "birth_weight_kg", "Berat lahir harus antara"),
        (
            {"birth_length_cm": 24.9},
            "birth_length_cm",
            "Panjang lahir harus antara 25 dan 65 cm",
        ),
        ({"birth_length_cm": 66}, "birth_length_cm", "Panjang lahir harus antara"),
        (
            {"risk_factors": ["air_bersih", "hujan"]},
            "risk_factors",
            "Faktor risiko tidak dikenal: hujan",
        ),
        (
            {"enrolment_status": "sehat"},
            "enrolment_status",
            "Status saat pendaftaran wajib dipilih",
        ),
        (
            {"consent_by": "Siti", "consent_date": None},
            "consent_date",
            "Tanggal persetujuan wajib diisi",
        ),  # fmt: skip
        (
            {"consent_by": "Siti", "consent_date": date(2026, 11, 24)},
            "consent_date",
            "tidak boleh setelah hari ini",
        ),
        (
            {"consent_date": date(2026, 10, 1), "consent_by": ""},
            "consent_by",
            "Nama pemberi persetujuan wajib diisi",
        ),  # fmt: skip
    ],
)
def test_each_rule_names_the_field(session, overrides, field, message) -> None:
    errors = _errors(session, child_form(**overrides))
    assert field in errors, errors
    assert message in errors[field]


@pytest.mark.parametrize(
    "overrides",
    [
        {"birth_weight_kg": 0.5, "birth_length_cm": 25},
        {"birth_weight_kg": 6.0, "birth_length_cm": 65},
        {"nik": "", "no_kk": "1902010101200001"},  # newborn without NIK
        {"birth_date": date(2021, 10, 2), "enrolled_on": date(2026, 10, 1)},  # 59 months
        {"birth_date": TODAY, "enrolled_on": TODAY},  # born today
        {"sex": "P", "birth_date": date(2024, 2, 29)},  # NIK made for a girl born on leap day
        {"phone": "0719 21234"},
    ],
)
def test_boundary_values_are_accepted(session, overrides) -> None:
    record = register_child(session, form=child_form(**overrides), today=TODAY)
    assert get_child(session, child_id=record.id, today=TODAY) == record


def test_all_problems_are_reported_at_once(session) -> None:
    form = ChildForm(name="", sex="", birth_date=None, phone="abc")
    assert set(_errors(session, form)) == {"name", "sex", "birth_date", "no_kk", "phone"}


def test_posyandu_must_belong_to_the_desa(session, areas) -> None:
    form = child_form(desa_id=areas["other_desa"].id, posyandu_id=areas["posyandu"].id)
    errors = _errors(session, form)
    assert (
        errors["posyandu_id"] == "Posyandu Posyandu Melati tidak berada di desa/kelurahan Perawas"
    )


def test_failed_validation_leaves_the_database_unchanged(session) -> None:
    record = add_child(session)
    session.commit()
    before = (count_rows(session, Child), count_rows(session, Assignment))
    with pytest.raises(ValidationError):
        register_child(session, form=child_form(name="", sequence=2), today=TODAY)
    bad_edit = replace(child_form_from_record(record), name="Nama Baru", nik="123", keep_nik=False)
    with pytest.raises(ValidationError):
        update_child(session, child_id=record.id, form=bad_edit, today=TODAY)
    session.rollback()
    assert (count_rows(session, Child), count_rows(session, Assignment)) == before
    assert session.get(Child, record.id).name == "Budi Santoso"


def test_update_changes_fields_and_search_text(session) -> None:
    record = add_child(session)
    form = child_form_from_record(record)
    assert form.enrolled_on == date(2026, 10, 1) and form.nik == record.nik
    form.name = "BUDI SANTOSO PUTRA"
    form.mother_name = "Aminah"
    updated = update_child(session, child_id=record.id, form=form, today=TODAY)
    assert updated.name == "Budi Santoso Putra"
    row = session.get(Child, record.id)
    assert row.search_text == (
        f"budi santoso putra aminah {identifier_token('1902011503240001', search_key(session))}"
    )
    assert count_rows(session, Child) == 1


def test_update_with_empty_enrolment_date_keeps_the_stored_one(session) -> None:
    record = add_child(session)
    form = replace(child_form_from_record(record), enrolled_on=None)
    assert update_child(session, child_id=record.id, form=form, today=TODAY).enrolled_on == date(
        2026, 10, 1
    )


def test_deleted_child_is_invisible(session) -> None:
    from desktop_app.db.base import utcnow

    record = add_child(session)
    session.get(Child, record.id).deleted_at = utcnow()
    with pytest.raises(NotFoundError, match="Data anak tidak ditemukan"):
        get_child(session, child_id=record.id)
    # and no longer counts as a duplicate
    register_child(session, form=child_form(), today=TODAY)


def test_exit_ends_the_active_assignment(session, opd) -> None:
    child = add_child(session)
    guardian = add_guardian(session, opd.id)
    assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    exited = exit_child(
        session, child_id=child.id, exit_date=date(2026, 11, 20), reason="membaik", today=TODAY
    )
    assert (exited.exit_date, exited.exit_reason) == (date(2026, 11, 20), "membaik")
    assert exited.active_assignment is None
    (only,) = exited.assignments
    assert (only.status, only.end_date, only.end_reason) == (
        "selesai",
        date(2026, 11, 20),
        "Sudah membaik",
    )
    with pytest.raises(ConflictError, match="sudah keluar dari program pada 20 November 2026"):
        exit_child(session, child_id=child.id, exit_date=TODAY, reason="pindah", today=TODAY)


@pytest.mark.parametrize(
    ("exit_date", "reason", "field", "message"),
    [
        (date(2026, 11, 20), "sembuh", "exit_reason", "Alasan keluar wajib dipilih"),
        (date(2026, 11, 24), "pindah", "exit_date", "Tanggal keluar tidak boleh setelah hari ini"),
        (date(2026, 9, 30), "pindah", "exit_date", "sebelum tanggal pendaftaran (1 Oktober 2026)"),
        (date(2026, 10, 4), "pindah", "exit_date", "sebelum penugasan orang tua asuh dimulai"),
    ],
)
def test_exit_rules_leave_child_and_assignment_untouched(
    session, opd, exit_date, reason, field, message
) -> None:
    child = add_child(session)
    guardian = add_guardian(session, opd.id)
    assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    with pytest.raises(ValidationError) as caught:
        exit_child(session, child_id=child.id, exit_date=exit_date, reason=reason, today=TODAY)
    assert message in caught.value.for_field(field)
    after = get_child(session, child_id=child.id)
    assert after.exit_date is None and after.active_assignment is not None
