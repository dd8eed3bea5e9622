"""District offices (OPD) as a regency has them, their staff positions, ranks and CSR sponsors.

Codes follow the regional nomenclature (Permendagri 90/2019 style ``urusan.bidang.unit``).
``weight`` is a rough relative head-count: schools and health make up most of a regency's ASN,
which is why guardian counts per OPD come out uneven, as they do in real programmes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["CSR_COMPANIES", "DemoOffice", "choose_offices", "position_for", "rank_for"]


@dataclass(frozen=True, slots=True)
class DemoOffice:
    code: str
    name: str
    weight: float  # relative number of ASN
    sector: str  # "kesehatan" | "pendidikan" | "umum": decides typical positions
    may_be_silent: bool = True  # may be one of the offices that sent no ASN yet


_CORE_OFFICES = (
    DemoOffice("4.01.01", "Sekretariat Daerah", 6, "umum", False),
    DemoOffice("4.02.01", "Sekretariat DPRD", 2, "umum"),
    DemoOffice("6.01.01", "Inspektorat Daerah", 2, "umum"),
    DemoOffice("5.01.01", "Badan Perencanaan Pembangunan Daerah (Bappeda)", 2, "umum", False),
    DemoOffice("5.02.01", "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)", 3, "umum"),
    DemoOffice("5.02.02", "Badan Pendapatan Daerah", 2, "umum"),
    DemoOffice("5.03.01", "Badan Kepegawaian dan Pengembangan SDM (BKPSDM)", 2, "umum"),
    DemoOffice("1.01.01", "Dinas Pendidikan", 16, "pendidikan", False),
    DemoOffice("1.02.01", "Dinas Kesehatan", 14, "kesehatan", False),
    DemoOffice("1.02.02", "RSUD Tanjung Harapan", 10, "kesehatan", False),
    DemoOffice("1.03.01", "Dinas Pekerjaan Umum dan Penataan Ruang", 3, "umum"),
    DemoOffice("1.04.01", "Dinas Perumahan dan Kawasan Permukiman", 1.5, "umum"),
    DemoOffice("1.05.01", "Satuan Polisi Pamong Praja", 2.5, "umum"),
    DemoOffice("1.05.02", "Badan Penanggulangan Bencana Daerah", 1, "umum"),
    DemoOffice("1.06.01", "Dinas Sosial", 2, "umum", False),
    DemoOffice(
        "2.08.01", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A)", 1.5, "umum", False
    ),
    DemoOffice(
        "2.14.01",
        "Dinas Pengendalian Penduduk, KB, Pemberdayaan Masyarakat dan Desa (DPPKBPMD)",
        3,
        "umum",
        False,
    ),
    DemoOffice("2.09.01", "Dinas Ketahanan Pangan", 1.5, "umum"),
    DemoOffice("2.11.01", "Dinas Lingkungan Hidup", 1.5, "umum"),
    DemoOffice("2.12.01", "Dinas Kependudukan dan Pencatatan Sipil", 1.5, "umum"),
    DemoOffice("2.15.01", "Dinas Perhubungan", 1.5, "umum"),
    DemoOffice("2.16.01", "Dinas Komunikasi dan Informatika", 1.2, "umum"),
    DemoOffice("2.17.01", "Dinas Koperasi, Usaha Kecil dan Menengah", 1, "umum"),
    DemoOffice("2.18.01", "Dinas Penanaman Modal dan PTSP", 1, "umum"),
    DemoOffice("2.19.01", "Dinas Pemuda dan Olahraga", 1, "umum"),
    DemoOffice("2.23.01", "Dinas Perpustakaan dan Kearsipan", 1, "umum"),
    DemoOffice("3.25.01", "Dinas Perikanan", 1.5, "umum"),
    DemoOffice("3.27.01", "Dinas Pertanian", 2, "umum"),
    DemoOffice("3.26.01", "Dinas Pariwisata dan Kebudayaan", 1, "umum"),
    DemoOffice("3.31.01", "Dinas Perindustrian dan Perdagangan", 1, "umum"),
    DemoOffice("8.01.01", "Badan Kesatuan Bangsa dan Politik", 0.8, "umum"),
)

_POSITIONS = {
    "umum": (
        "Kepala Bidang", "Kepala Sub Bagian Umum dan Kepegawaian", "Analis Kebijakan",
        "Pengelola Keuangan", "Analis Data dan Informasi", "Pranata Komputer",
        "Perencana Ahli Muda", "Penata Laporan Keuangan", "Pengadministrasi Umum",
        "Arsiparis", "Analis Sumber Daya Manusia Aparatur", "Penyuluh",
    ),
    "kesehatan": (
        "Bidan Ahli Pertama", "Bidan Terampil", "Perawat Ahli Pertama", "Perawat Terampil",
        "Nutrisionis", "Sanitarian", "Dokter Ahli Pertama", "Apoteker", "Penyuluh Kesehatan",
        "Epidemiolog Kesehatan", "Administrator Kesehatan", "Perekam Medis",
    ),
    "pendidikan": (
        "Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Kepala Sekolah",
        "Pengawas Sekolah", "Penilik", "Pamong Belajar", "Tenaga Administrasi Sekolah",
    ),
}  # fmt: skip
_HEAD_POSITIONS = ("Kepala Dinas", "Sekretaris", "Kepala Badan", "Camat", "Sekretaris Camat")

#: Company sponsors (CSR) typical of the islands: tin, banks, power, fuel, plantations.
CSR_COMPANIES = (
    ("PT Timah Tbk", "Bagian CSR"),
    ("Bank Sumsel Babel", "Divisi Corporate Secretary"),
    ("PT Bank Rakyat Indonesia (Persero) Tbk Cabang Tanjung Harapan", "Pemimpin Cabang"),
    ("PT PLN (Persero) UP3 Bangka Belitung", "Bidang TJSL"),
    ("PT Pertamina Patra Niaga Fuel Terminal", "Officer CSR"),
    ("PT Sawit Harapan Lestari", "Manajer Umum"),
    ("CV Karya Bahari Mandiri", "Pemilik"),
)

# Golongan by years of service: III/a on entry with a degree, one step about every four years.
_RANKS = ("II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")


def choose_offices(rng: random.Random, kecamatan_names: list[str]) -> list[DemoOffice]:
    """25-35 offices: most core OPD plus a few kecamatan offices (a Camat's staff are ASN too)."""
    core = [office for office in _CORE_OFFICES if not office.may_be_silent]
    optional = [office for office in _CORE_OFFICES if office.may_be_silent]
    core += rng.sample(optional, min(len(optional), rng.randint(16, 22)))
    kecamatan = [
        DemoOffice(f"7.01.{index:02d}", f"Kecamatan {name}", 0.8, "umum")
        for index, name in enumerate(kecamatan_names, start=1)
    ]
    wanted = rng.randint(max(25, len(core)), 35)
    core += rng.sample(kecamatan, min(len(kecamatan), max(3, wanted - len(core))))
    return sorted(core, key=lambda office: office.code)


def position_for(rng: random.Random, office: DemoOffice, years_of_service: int) -> str:
    """A jabatan fitting the office; senior staff occasionally head it."""
    if years_of_service >= 22 and rng.random() < 0.06:
        return "Camat" if office.name.startswith("Kecamatan") else rng.choice(_HEAD_POSITIONS[:3])
    return rng.choice(_POSITIONS[office.sector])


def rank_for(rng: random.Random, years_of_service: int) -> str:
    """Golongan after ``years_of_service`` years, with some spread."""
    step = years_of_service // 4 + rng.choice((-1, 0, 0, 1))
    return _RANKS[max(0, min(len(_RANKS) - 1, 2 + step))]
