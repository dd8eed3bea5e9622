"""The columns an import file may have, per kind: canonical field, template header, the header
spellings recognised without asking, how the cell is read and what the template explains.

Headers are compared after :func:`header_key` (case folded, punctuation and spaces collapsed),
so "TGL. LAHIR", "Tgl Lahir" and "tgl_lahir" are one spelling. Labels and help texts are marked
with ``N_`` and translated where shown. Pure data, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop_app.core.i18n import N_

__all__ = ["KINDS", "KIND_FIELDS", "FieldSpec", "field_by_name", "header_key"]

#: Import kinds and their Indonesian names.
KINDS = {"children": N_("Anak"), "guardians": N_("Orang tua asuh"), "visits": N_("Kunjungan")}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text: object) -> str:
    """``"TGL. LAHIR "`` -> ``"tgl lahir"``; ``"L/P"`` -> ``"l p"``."""
    return _NON_WORD.sub(" ", str(text or "").casefold()).strip()


@dataclass(frozen=True)
class FieldSpec:
    """One importable column. ``parser``: text | id16 | nip | date | decimal | sex | flag |
    choice (see ``desktop_app.importing.rows``). ``example`` fills the template's example row."""

    name: str
    header: str
    variants: tuple[str, ...]
    parser: str
    help: str
    required: bool = False
    example: object = None


def _f(name: str, header: str, variants: str, parser: str, help_text: str, **kw: Any) -> FieldSpec:
    spellings = tuple(v.strip() for v in variants.split("|") if v.strip())
    return FieldSpec(name, header, spellings, parser, help_text, **kw)


_AREA_FIELDS = (
    _f("kecamatan", N_("Kecamatan"), "kec|kecamatan|nama kecamatan", "text",
       N_("Nama kecamatan; yang belum terdaftar dibuat saat impor"), example="Tanjungpandan"),
    _f("desa", N_("Desa/Kelurahan"),
       "desa|kelurahan|desa kelurahan|desa kel|kel desa|kelurahan desa|nama desa|"
       "nama kelurahan",
       "text", N_("Nama desa atau kelurahan; yang belum terdaftar dibuat saat impor"),
       example="Paal Satu"),
    _f("posyandu", N_("Posyandu"), "posyandu|nama posyandu", "text",
       N_("Nama posyandu; yang belum terdaftar dibuat saat impor"), example="Melati"),
)  # fmt: skip

CHILD_FIELDS = (
    _f("nik", N_("NIK"), "nik|nik anak|nik balita|no nik|nomor nik|nomor induk kependudukan",
       "id16",
       N_("16 angka; kolom berformat Teks agar digit tidak hilang. Boleh kosong jika No. KK diisi"),
       example="1902014501230001"),
    _f("no_kk", N_("No. KK"), "no kk|nomor kk|kk|no kartu keluarga|nomor kartu keluarga|nkk",
       "id16",
       N_("16 angka nomor Kartu Keluarga; kolom berformat Teks"), example="1902010101230002"),
    _f("name", N_("Nama Anak"),
       "nama anak|nama balita|nama|nama lengkap|nama lengkap anak|nama bayi",
       "text", N_("Nama lengkap anak (huruf kapital dirapikan otomatis)"), required=True,
       example="SITI AMINAH"),
    _f("sex", N_("Jenis Kelamin (L/P)"),
       "l p|jenis kelamin|jk|kelamin|jenis kelamin l p|jns kelamin|sex|gender", "sex",
       N_("L atau P (boleh Laki-laki/Perempuan)"), required=True, example="P"),
    _f("birth_date", N_("Tanggal Lahir"),
       "tgl lahir|tanggal lahir|tgl lhr|tanggal lahir anak|tgl lahir anak|ttl|lahir", "date",
       N_("hari/bulan/tahun, mis. 05/01/2023 atau 5 Januari 2023"), required=True,
       example="05/01/2023"),
    _f("birth_weight_kg", N_("Berat Lahir (kg)"), "bb lahir|berat lahir|berat badan lahir|bbl",
       "decimal", N_("kg dengan koma desimal, mis. 2,8"), example="2,8"),
    _f("birth_length_cm", N_("Panjang Lahir (cm)"),
       "pb lahir|panjang lahir|panjang badan lahir|pbl",
       "decimal", N_("cm dengan koma desimal, mis. 48,5"), example="48,5"),
    _f("mother_name", N_("Nama Ibu"),
       "nama ibu|nama ibu kandung|ibu|nama orang tua|nama ortu|nama orangtua|orang tua", "text",
       N_("Nama ibu kandung (atau orang tua)"), example="NURHAYATI"),
    _f("father_name", N_("Nama Ayah"), "nama ayah|ayah|nama bapak", "text", N_("Nama ayah"),
       example="Ahmad"),
    _f("phone", N_("No. HP"), "no hp|nomor hp|hp|no telp|telepon|no telepon|no hp wa|no wa|telp",
       "text", N_("Nomor HP keluarga, mis. 081234567890"), example="081234567890"),
    _f("address", N_("Alamat"), "alamat|alamat lengkap|dusun", "text", N_("Alamat rumah"),
       example="Jl. Melati No. 5"),
    _f("rt", N_("RT"), "rt", "text", N_("Nomor RT, mis. 003"), example="003"),
    _f("rw", N_("RW"), "rw", "text", N_("Nomor RW, mis. 001"), example="001"),
    *_AREA_FIELDS,
    _f("enrolment_status", N_("Status (Stunting/Berisiko)"),
       "status|status anak|status stunting|kategori|status awal", "choice",
       N_("Stunting atau Berisiko; kosong berarti Berisiko"), example="Stunting"),
    _f("data_source", N_("Sumber Data"), "sumber data|sumber", "text",
       N_("Asal data, mis. Posyandu, Puskesmas, e-PPGBM"), example="e-PPGBM"),
    _f("enrolled_on", N_("Tanggal Pendaftaran"),
       "tanggal pendaftaran|tgl daftar|tanggal daftar|tgl pendaftaran|tanggal masuk|tgl masuk",
       "date", N_("Kosong berarti hari ini"), example="01/10/2026"),
    _f("notes", N_("Keterangan"), "keterangan|catatan|ket", "text", N_("Catatan bebas")),
)  # fmt: skip

GUARDIAN_FIELDS = (
    _f("kind", N_("Jenis (ASN/CSR/Lainnya)"), "jenis|jenis orang tua asuh|kategori|tipe", "choice",
       N_("ASN, CSR atau Lainnya; kosong berarti ASN"), example="ASN"),
    _f("name", N_("Nama"),
       "nama|nama asn|nama pegawai|nama lengkap|nama orang tua asuh|nama ota|"
       "nama lengkap dan gelar",
       "text", N_("Nama lengkap dengan gelar"), required=True, example="Dr. BUDI SANTOSO, M.Si"),
    _f("nip", N_("NIP"), "nip|nip asn|nomor induk pegawai|nip pegawai|no nip", "nip",
       N_("18 angka; wajib untuk ASN; kolom berformat Teks"), example="198203152006041002"),
    _f("opd", N_("OPD"),
       "opd|nama opd|perangkat daerah|instansi|unit kerja|skpd|satuan kerja|nama instansi",
       "text", N_("Nama OPD; yang belum terdaftar dibuat saat impor"), example="Dinas Kesehatan"),
    _f("opd_code", N_("Kode OPD"), "kode opd|kode instansi|kode skpd", "text",
       N_("Kode singkat OPD baru (boleh kosong)"), example="DINKES"),
    _f("position", N_("Jabatan"), "jabatan|nama jabatan", "text", N_("Jabatan"),
       example="Kepala Bidang"),
    _f("rank", N_("Golongan"),
       "golongan|pangkat|pangkat golongan|gol|gol ruang|pangkat gol|golongan ruang", "text",
       N_("Pangkat/golongan, mis. III/a"), example="III/d"),
    _f("phone", N_("No. HP"), "no hp|nomor hp|hp|no telp|telepon|no telepon|no wa|telp", "text",
       N_("Nomor HP, mis. 081234567890"), example="081234567890"),
    _f("email", N_("Email"), "email|e mail|surel|alamat email", "text", N_("Alamat email"),
       example="budi@belitungkab.go.id"),
    _f("company", N_("Perusahaan"), "perusahaan|nama perusahaan", "text",
       N_("Wajib untuk CSR")),
    _f("contact_person", N_("Narahubung"), "narahubung|kontak|contact person|penanggung jawab",
       "text", N_("Narahubung perusahaan (CSR)")),
    _f("notes", N_("Keterangan"), "keterangan|catatan|ket", "text", N_("Catatan bebas")),
)  # fmt: skip

VISIT_FIELDS = (
    _f("nik", N_("NIK Anak"), "nik|nik anak|nik balita|no nik", "id16",
       N_("NIK anak yang sudah terdaftar; jika kosong, anak dicari dari nama dan tanggal lahir"),
       example="1902014501230001"),
    _f("child_name", N_("Nama Anak"), "nama anak|nama balita|nama", "text",
       N_("Dipakai bersama Tanggal Lahir jika NIK kosong"), example="Siti Aminah"),
    _f("birth_date", N_("Tanggal Lahir"), "tgl lahir|tanggal lahir|tgl lhr", "date",
       N_("Tanggal lahir anak (jika NIK kosong)"), example="05/01/2023"),
    _f("visit_date", N_("Tanggal Kunjungan"),
       "tgl ukur|tanggal ukur|tanggal kunjungan|tgl kunjungan|tanggal pengukuran|tgl pengukuran|"
       "tanggal|tgl|tanggal penimbangan|tgl timbang", "date",
       N_("Tanggal kunjungan/pengukuran"), required=True, example="15/10/2026"),
    _f("weight_kg", N_("Berat Badan (kg)"), "bb|berat badan|berat|bb kg|berat badan kg|bb sekarang",
       "decimal", N_("kg dengan koma desimal, mis. 10,5"), example="10,5"),
    _f("lenhei_cm", N_("Panjang/Tinggi Badan (cm)"),
       "tb|pb|tinggi badan|panjang badan|pb tb|tb pb|tinggi|panjang|tb cm|pb cm|tinggi badan cm|"
       "panjang badan cm|panjang tinggi badan|panjang tinggi badan cm", "decimal",
       N_("cm dengan koma desimal, mis. 80,2"), example="80,2"),
    _f("measure", N_("Cara Ukur (Berbaring/Berdiri)"),
       "cara ukur|posisi ukur|posisi|cara pengukuran", "choice",
       N_("Berbaring atau Berdiri; kosong: berbaring di bawah 2 tahun, berdiri sesudahnya"),
       example="Berbaring"),
    _f("headc_cm", N_("Lingkar Kepala (cm)"), "lingkar kepala|lk|lingkar kepala cm", "decimal",
       N_("cm, boleh kosong")),
    _f("muac_cm", N_("LiLA (cm)"), "lila|lingkar lengan atas|lila cm", "decimal",
       N_("cm, boleh kosong")),
    _f("oedema", N_("Edema (Ya/Tidak)"), "edema|oedema|bengkak", "flag", N_("Ya atau Tidak"),
       example="Tidak"),
    _f("place", N_("Tempat (Rumah/Posyandu/Puskesmas)"), "tempat|tempat kunjungan|lokasi", "choice",
       N_("Rumah, Posyandu atau Puskesmas; kosong berarti Rumah"), example="Posyandu"),
    _f("guardian_nip", N_("NIP Orang Tua Asuh"),
       "nip|nip orang tua asuh|nip ota|nip asn|nip pendamping",
       "nip", N_("Boleh kosong: orang tua asuh aktif anak itu"), example=""),
    _f("notes", N_("Catatan"), "catatan|keterangan|ket", "text", N_("Catatan kunjungan")),
    _f("follow_up", N_("Tindak Lanjut"), "tindak lanjut|rencana tindak lanjut", "text",
       N_("Rencana tindak lanjut")),
)  # fmt: skip

KIND_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "children": CHILD_FIELDS,
    "guardians": GUARDIAN_FIELDS,
    "visits": VISIT_FIELDS,
}


def field_by_name(kind: str, name: str) -> FieldSpec:
    return next(spec for spec in KIND_FIELDS[kind] if spec.name == name)
