"""Importing ASN guardians (unknown OPDs created) and visits (child found by NIK or by name and
birth date, measurements assessed by the visits service)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.children.service import ChildForm, register_child
from desktop_app.db.models import Guardian, Opd, Visit
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.importing import import_file
from desktop_app.settings.opd import create_opd
from tests.importing.sheets import nik, nip, table_counts, write_sheet

GUARDIAN_HEADER = ["No", "Nama Pegawai", "NIP", "Unit Kerja", "Jabatan", "Pangkat/Gol", "No HP"]


@pytest.fixture
def dinkes(session):
    opd = create_opd(session, code="DINKES", name="Dinas Kesehatan")
    register_guardian(session, form=GuardianForm(name="Lama", nip=nip(9), opd_id=opd.id))
    session.commit()
    return opd


def guardian_rows() -> list[list[object]]:
    return [
        [1, "DR. BUDI  SANTOSO", nip(1), "DINAS KESEHATAN", "Kepala Bidang", "III/d",
         "0812 3456 7890"],
        [2, "Sri Wahyuni", int(nip(2, "P")), "Dinas Sosial", "Analis", "III/a", None],
        [3, "Tanpa Nip", None, "Dinas Sosial", "Staf", "II/c", None],
        [4, "Lama Lagi", nip(9), "Dinas Kesehatan", None, None, None],
        [5, "Kembar", nip(1), "Dinas Sosial", None, None, None],
    ]  # fmt: skip


def test_guardians_preview_and_valid_only(database, dinkes, tmp_path):
    path = write_sheet(tmp_path / "asn.xlsx", GUARDIAN_HEADER, guardian_rows(),
                       titles=("DAFTAR ASN ORANG TUA ASUH",))  # fmt: skip
    with database.sessions() as session:
        preview = import_file(session, kind="guardians", path=path, dry_run=True)
    assert [r.status for r in preview.rows] == ["ok", "rejected", "rejected", "duplicate",
                                                 "duplicate"]  # fmt: skip
    # 18 digits in a number cell: Excel (and openpyxl) keep a float, the digits are gone
    assert preview.rows[1].row == 5
    assert preview.rows[1].reasons == (
        "Kolom NIP: NIP tersimpan sebagai angka di Excel; ubah kolom menjadi Teks dan salin ulang",
    )
    assert preview.rows[2].reasons == ("Kolom NIP: NIP wajib diisi untuk ASN",)
    assert preview.rows[3].reasons == ("Kolom NIP: NIP ini sudah terdaftar atas nama Lama",)
    assert preview.rows[4].reasons == ("Sama dengan baris 4 di berkas ini (NIP sama)",)
    assert preview.created_areas == ()  # Dinas Sosial is needed only by refused rows
    before = table_counts(database)
    with database.sessions() as session:
        result = import_file(session, kind="guardians", path=path, valid_only=True)
        session.commit()
    assert (result.imported, result.rejected) == (1, 4)
    assert table_counts(database)["guardians"] == before["guardians"] + 1
    with database.sessions() as session:
        budi = session.scalars(select(Guardian).where(Guardian.nip == nip(1))).one()
        assert (budi.name, budi.rank, budi.phone, budi.opd_id) == (
            "Dr. Budi Santoso",
            "III/d",
            "081234567890",
            dinkes.id,
        )


def test_unknown_opd_is_created_with_a_code(database, dinkes, tmp_path):
    rows = [[1, "Sri Wahyuni", nip(2, "P"), "Dinas Sosial", "Analis", "III/a", None]]
    path = write_sheet(tmp_path / "asn.xlsx", GUARDIAN_HEADER, rows)
    with database.sessions() as session:
        result = import_file(session, kind="guardians", path=path)
        session.commit()
        opd = session.scalars(select(Opd).where(Opd.name == "Dinas Sosial")).one()
        sri = session.scalars(select(Guardian).where(Guardian.name == "Sri Wahyuni")).one()
    assert result.created_areas == ("OPD Dinas Sosial (kode DS)",)
    assert (opd.code, sri.opd_id) == ("DS", opd.id)


BORN = date(2024, 3, 10)
VISIT_HEADER = ["NIK ANAK", "NAMA ANAK", "TGL LAHIR", "TANGGAL KUNJUNGAN", "BB", "TB",
                "TEMPAT", "NIP"]  # fmt: skip


@pytest.fixture
def child(session, dinkes):
    record = register_child(
        session,
        form=ChildForm(
            name="Siti Aminah",
            nik=nik(BORN, "P", 3),
            sex="P",
            birth_date=BORN,
            mother_name="Nur",
            consent_date=BORN,
            consent_by="Nur",
        ),
    )
    session.commit()  # fmt: skip
    return record


def test_visits_found_by_nik_or_name_and_birth_date(database, child, tmp_path):
    rows = [
        [nik(BORN, "P", 3), None, None, "10/09/2025", "8,9", "76,5", "Posyandu", nip(9)],
        [None, "SITI AMINAH", "10 Maret 2024", "10-Okt-2025", 9.1, None, None, None],
        [None, "Siti Aminah", "10/03/2024", "10/10/2025", "9,2", None, "Rumah", None],
        [nik(BORN, "P", 3), None, None, "11/11/2025", 9.3, 80, "Pasar", None],
        [nik(date(2024, 1, 1), "L", 5), None, None, "11/11/2025", 9.3, None, None, None],
        [nik(BORN, "P", 3), None, None, "12/11/2025", 90, None, None, None],
    ]
    path = write_sheet(tmp_path / "kunjungan.xlsx", VISIT_HEADER, rows)
    with database.sessions() as session:
        result = import_file(session, kind="visits", path=path, valid_only=True)
        session.commit()
    assert [r.status for r in result.rows] == ["ok", "ok", "duplicate", "rejected", "rejected",
                                               "rejected"]  # fmt: skip
    assert result.rows[2].reasons == ("Sama dengan baris 3 di berkas ini (anak dan tanggal sama)",)
    assert result.rows[3].reasons == (
        "Kolom TEMPAT: Pasar tidak dikenal (isi salah satu: Rumah, Posyandu, Puskesmas)",
    )
    assert result.rows[4].reasons[0].startswith("Kolom NIK ANAK: anak dengan NIK ")
    assert result.rows[5].reasons == ("Kolom BB: Berat badan harus antara 0,5 dan 40 kg",)
    with database.sessions() as session:
        visits = session.scalars(select(Visit).order_by(Visit.visit_date)).all()
        first = visits[0]
        assert [(v.visit_date, v.weight_kg) for v in visits] == [
            (date(2025, 9, 10), 8.9),
            (date(2025, 10, 10), 9.1),
        ]
        assert (first.lenhei_cm, first.measure, first.place) == (76.5, "l", "posyandu")
        lama = session.scalars(select(Guardian.id).where(Guardian.nip == nip(9))).one()
        assert (first.guardian_id, visits[1].guardian_id) == (lama, None)
        assert first.zlen is not None and first.zwei is not None  # assessed by the service


def test_implausible_measurement_refuses_the_row_in_one_line(database, child, tmp_path):
    rows = [[nik(BORN, "P", 3), None, None, "10/09/2025", "8,9", "55", None, None]]
    path = write_sheet(tmp_path / "kunjungan.xlsx", VISIT_HEADER, rows)
    with database.sessions() as session:
        result = import_file(session, kind="visits", path=path)
    (reason,) = result.rows[0].reasons
    assert reason.startswith("Nilai pengukuran tidak wajar: PB/U: z = ")
    assert "\n" not in reason and result.rows[0].status == "rejected"
