"""The server's row checks apply the laptop's own form rules, field by field: each rule refuses
exactly the row that breaks it, with a message naming the field and the problem."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from desktop_app.core.database import Database
from desktop_app.db.models import Guardian, Opd
from desktop_app.sync.rows import Row, upsert_rows
from desktop_app.sync.tables import BY_NAME
from desktop_app.validation import make_nik
from tests.sync.conftest import add_child
from tests.sync.row_helpers import (
    NOW,
    REGION,
    TODAY,
    child_json,
    json_row,
    only,
    push,
    visit_json,
)

_FUTURE = TODAY + timedelta(days=2)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"birth_date": _FUTURE.isoformat()}, "Tanggal lahir tidak boleh setelah hari ini"),
        ({"birth_date": "2024-13-01"}, "Tanggal lahir bukan tanggal yang sah"),
        ({"birth_date": "2019-01-01", "nik": None}, "berusia 60 bulan atau lebih"),
        (
            {"nik": make_nik(region=REGION, birth_date=date(2023, 1, 1), sex="L")},
            "Tanggal lahir pada NIK",
        ),
        ({"nik": "9902011705240007"}, "kode provinsi 99 tidak dikenal"),
        ({"nik": None, "no_kk": None}, "No. KK wajib diisi jika anak belum memiliki NIK"),
        ({"no_kk": "1902"}, "No. KK harus 16 angka"),
        ({"enrolment_status": "kaya"}, "Status saat pendaftaran wajib dipilih"),
        ({"risk_factors": ["hantu"]}, "Faktor risiko tidak dikenal: hantu"),
        ({"risk_factors": "jamban"}, "Faktor risiko keluarga harus daftar kode"),
        ({"birth_weight_kg": 60}, "Berat lahir harus antara"),
        ({"birth_weight_kg": "berat"}, "Berat lahir harus angka"),
        ({"has_kia_book": "ya"}, "harus ya atau tidak"),
        ({"rt": "abc"}, "RT harus angka 1 sampai 999"),
        ({"phone": "12345"}, "Nomor telepon"),
        ({"name": "Bu\x07di"}, "karakter kendali (U+0007)"),
        ({"name": None}, "Nama wajib diisi"),
        ({"desa_id": "desa-satu"}, "Desa/Kelurahan bukan ID yang sah"),
        ({"exit_reason": "bosan", "exit_date": "2026-06-01"}, "Alasan keluar tidak dikenal"),
        ({"consent_date": _FUTURE.isoformat()}, "Tanggal persetujuan tidak boleh setelah"),
        ({"created_at": "2026-06-15T08:00:00+07:00"}, "harus waktu UTC tanpa zona waktu"),
    ],
)
def test_a_child_field_breaking_a_form_rule_is_refused(
    database: Database, area: dict, values: dict, expected: str
) -> None:
    row = child_json(area, **values)
    assert expected in only(push(database, "children", [row]), row)


def test_an_erased_child_is_accepted_without_its_blanked_fields(
    database: Database, area: dict
) -> None:
    row = child_json(area, name="Anak terhapus #1a2b3c4d", nik=None, no_kk=None, consent_by=None)
    assert push(database, "children", [row]) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"weight_kg": 400}, "Berat badan harus antara 0,5 dan 40 kg"),
        ({"lenhei_cm": 13}, "Panjang/tinggi badan harus antara"),
        ({"headc_cm": 90}, "Lingkar kepala harus antara"),
        ({"muac_cm": 2}, "LiLA harus antara"),
        ({"weight_kg": "9,8"}, "Berat (kg) harus angka"),
        ({"measure": "x"}, "Pilih cara ukur"),
        ({"place": "pasar"}, "Tempat kunjungan wajib dipilih"),
        ({"visit_date": _FUTURE.isoformat()}, "Tanggal kunjungan tidak boleh setelah hari ini"),
        ({"visit_date": "2024-01-01"}, "Tanggal kunjungan tidak boleh sebelum tanggal lahir"),
        ({"topics": ["judi"]}, "Topik penyuluhan tidak dikenal"),
        ({"checks_confirmed": [{"check": 1}]}, "Peringatan dikonfirmasi tidak berbentuk"),
        ({"next_visit_date": "2026-05-01"}, "Kunjungan berikutnya harus setelah"),
    ],
)
def test_a_visit_field_breaking_a_form_rule_is_refused(
    database: Database, area: dict, values: dict, expected: str
) -> None:
    child_id = add_child(database, name="Sari", area=area)
    row = visit_json(child_id, **values)
    message = only(push(database, "visits", [row]), row)
    # A value that cannot be read is refused before the child is looked up: named by its id.
    title = (
        f"Kunjungan {row['id'][:8]}: " if "harus angka" in expected else "Kunjungan anak 'Sari': "
    )
    assert message.startswith(title) and expected in message


def test_a_visit_dated_tomorrow_is_allowed_for_a_laptop_clock(
    database: Database, area: dict
) -> None:
    child_id = add_child(database, name="Sari", area=area)
    assert push(database, "visits", [visit_json(child_id, visit_date=TODAY + timedelta(1))]) == []


def _seed_guardian_and_programme(database: Database) -> tuple[uuid.UUID, uuid.UUID]:
    accepted: dict[str, list[Row]] = {}
    programme = json_row("programmes", name="Genting", start_month=date(2026, 1, 1),
                         end_month=date(2026, 12, 1), monthly_aid=450_000,
                         visit_target_per_month=1, active=True)  # fmt: skip
    push(database, "programmes", [programme], accepted=accepted)
    with database.sessions() as session:
        opd = Opd(code="BKD", name="BKD")
        guardian = Guardian(kind="csr", name="PT Timah", company="PT Timah", opd=opd)
        session.add_all([opd, guardian])
        session.flush()
        upsert_rows(session.connection(), BY_NAME["programmes"].table, accepted["programmes"])
        session.commit()
        return guardian.id, accepted["programmes"][0]["id"]


@pytest.mark.parametrize(
    ("table_name", "values", "expected"),
    [
        ("guardians", {"kind": "asn", "nip": "1985"}, "NIP harus 18 angka (tertulis 4 angka)"),
        ("guardians", {"kind": "asn", "nip": None}, "NIP wajib diisi untuk ASN"),
        ("guardians", {"kind": "raja"}, "Jenis orang tua asuh wajib dipilih"),
        ("guardians", {"email": "bukan-email"}, "Alamat email tidak valid"),
        ("programmes", {"monthly_aid": 10**9}, "Bantuan per bulan harus antara"),
        ("programmes", {"visit_target_per_month": 2**40}, "terlalu besar"),
        ("programmes", {"end_month": "2025-01-01"}, "Bulan selesai tidak boleh sebelum"),
        ("desa", {"kind": "kota"}, "Jenis tidak dikenal: 'kota'"),
        ("opd", {"code": "  "}, "wajib diisi"),
        ("month_closures", {"sha256": "0" * 64}, "tidak cocok dengan isi tutup bulan"),
    ],
)
def test_a_reference_row_breaking_a_form_rule_is_refused(
    database: Database, area: dict, table_name: str, values: dict, expected: str
) -> None:
    defaults: dict[str, dict[str, Any]] = {
        "guardians": {"kind": "csr", "name": "PT Timah", "company": "PT Timah",
                      "active": True, "search_text": ""},
        "programmes": {"name": "Genting", "start_month": date(2026, 1, 1),
                       "end_month": date(2026, 12, 1), "monthly_aid": 450_000,
                       "visit_target_per_month": 1, "active": True},
        "desa": {"kecamatan_id": area["kecamatan"], "name": "Kota", "kind": "desa"},
        "opd": {"code": "BKD", "name": "BKD"},
        "month_closures": {"month": date(2026, 5, 1), "payload": "{}",
                           "sha256": hashlib.sha256(b"{}").hexdigest(),
                           "format_version": 1, "closed_by": "admin", "closed_at": NOW},
    }  # fmt: skip
    assert push(database, table_name, [json_row(table_name, **defaults[table_name])]) == []
    row = json_row(table_name, **(defaults[table_name] | values))
    assert expected in only(push(database, table_name, [row]), row)


@pytest.mark.parametrize(
    ("table_name", "values", "expected"),
    [
        ("aid_payments", {"amount": -5}, "Jumlah harus antara Rp0 dan"),
        ("aid_payments", {"amount": 10**12}, "Jumlah harus antara Rp0 dan"),
        ("aid_payments", {"status": "hilang"}, "Status tidak dikenal: 'hilang'"),
        ("aid_payments", {"month": "2026-05-07"}, "Bulan harus tanggal 1"),
        ("aid_payments", {"status": "dibayar", "paid_on": _FUTURE.isoformat(),
                          "method": "tunai"}, "Tanggal bayar tidak boleh setelah hari ini"),
        ("aid_payments", {"status": "dibayar", "method": "cek",
                          "paid_on": "2026-05-02"}, "Cara bayar tidak dikenal: 'cek'"),
        ("assignments", {"status": "kawin"}, "Status tidak dikenal: 'kawin'"),
        ("assignments", {"end_date": "2025-12-31"}, "Tanggal berakhir tidak boleh sebelum"),
        ("assignments", {"start_date": "2024-01-01"}, "Tanggal mulai tidak boleh sebelum"),
    ],
)  # fmt: skip
def test_a_payment_or_assignment_breaking_a_rule_is_refused(
    database: Database, area: dict, table_name: str, values: dict, expected: str
) -> None:
    guardian_id, programme_id = _seed_guardian_and_programme(database)
    child_id = add_child(database, name="Sari", area=area)
    defaults = {
        "aid_payments": {"child_id": child_id, "programme_id": programme_id,
                         "month": date(2026, 5, 1), "amount": 450_000, "status": "rencana"},
        "assignments": {"child_id": child_id, "guardian_id": guardian_id,
                        "programme_id": programme_id, "start_date": date(2026, 1, 5),
                        "status": "aktif"},
    }  # fmt: skip
    assert push(database, table_name, [json_row(table_name, **defaults[table_name])]) == []
    row = json_row(table_name, **(defaults[table_name] | values))
    message = only(push(database, table_name, [row]), row)
    assert "anak 'Sari'" in message and expected in message
