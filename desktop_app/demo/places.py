"""A fictional but realistic district: kecamatan, desa/kelurahan and their posyandu.

"Kabupaten Tanjung Harapan" lies in Kepulauan Bangka Belitung (province code 19); its regency
code 09 is not used by any real regency, so demo NIKs can never be a real person's. It has 8-12
kecamatan with 6-12 desa each (the kecamatan town is a kelurahan) and 2-4 posyandu per desa,
named as posyandu are named: after flowers, sometimes numbered ("Posyandu Melati 1").
Each posyandu meets on a fixed day of the month, which the visit generator uses.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.demo.rows import new_id, synced_columns

__all__ = [
    "DISTRICT_NAME",
    "PROVINCE_CODE",
    "REGENCY_CODE",
    "DemoDistrict",
    "DemoPosyandu",
    "build_district",
]

DISTRICT_NAME = "Kabupaten Tanjung Harapan"
PROVINCE_CODE = "19"  # Kepulauan Bangka Belitung
REGENCY_CODE = "09"  # unused by real regencies: demo numbers are never real people's

_KECAMATAN = (
    "Tanjung Kelapa", "Air Seruk", "Bukit Damar", "Sungai Samak", "Membalong Laut",
    "Pangkal Lada", "Teluk Gembira", "Simpang Rimba", "Batu Itam", "Selat Nasik Baru",
    "Kelapa Kampit Hilir", "Dendang Raya",
)  # fmt: skip
_DESA_FIRST = (
    "Air", "Batu", "Bukit", "Sungai", "Tanjung", "Padang", "Kampung", "Teluk", "Lubuk",
    "Pulau", "Simpang", "Suka", "Mekar", "Sido", "Pangkal", "Lintang", "Aik", "Kurnia",
)  # fmt: skip
_DESA_SECOND = (
    "Jaya", "Makmur", "Baru", "Indah", "Raya", "Lama", "Hilir", "Hulu", "Selatan", "Utara",
    "Sari", "Mulya", "Merah", "Putih", "Harapan", "Damai", "Permai", "Lestari", "Kembang",
    "Pandan", "Nyiur", "Pinang", "Rusa", "Limau",
)  # fmt: skip
_POSYANDU = (
    "Melati", "Mawar", "Anggrek", "Kenanga", "Dahlia", "Flamboyan", "Cempaka", "Teratai",
    "Kamboja", "Seroja", "Bougenville", "Nusa Indah", "Asoka", "Matahari", "Kasih Ibu",
    "Tunas Harapan", "Permata Hati", "Bina Sehat", "Pelangi", "Delima",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoPosyandu:
    """A posyandu with what children and visits need to know about it."""

    id: uuid.UUID
    desa_id: uuid.UUID
    kecamatan_name: str
    region: str  # six digits: province, regency, kecamatan (the start of NIK and No. KK)
    meeting_day: int  # day of the month on which it weighs children (5-25)


@dataclass(frozen=True)
class DemoDistrict:
    """The district's rows, ready to insert, and the posyandu list children are spread over."""

    kecamatan_rows: list[dict[str, Any]]
    desa_rows: list[dict[str, Any]]
    posyandu_rows: list[dict[str, Any]]
    posyandu: list[DemoPosyandu]

    @property
    def kecamatan_names(self) -> list[str]:
        return [row["name"] for row in self.kecamatan_rows]


def build_district(rng: random.Random, *, created: date) -> DemoDistrict:
    """The whole area hierarchy; every row is stamped as entered on ``created``."""
    kecamatan_rows: list[dict[str, Any]] = []
    desa_rows: list[dict[str, Any]] = []
    posyandu_rows: list[dict[str, Any]] = []
    posyandu: list[DemoPosyandu] = []
    used_desa: set[str] = set()
    names = rng.sample(_KECAMATAN, rng.randint(8, 12))
    for index, kecamatan_name in enumerate(sorted(names), start=1):
        code = f"{index:02d}"
        kecamatan_id = new_id(rng)
        kecamatan_rows.append(
            synced_columns(kecamatan_id, created)
            | {"code": f"{PROVINCE_CODE}.{REGENCY_CODE}.{code}", "name": kecamatan_name}
        )
        for number in range(1, rng.randint(6, 12) + 1):
            desa_id = new_id(rng)
            is_town = number <= 2 and index <= 3  # the district's towns have kelurahan
            desa_code = (1000 if is_town else 2000) + number  # Kemendagri: 1xxx kelurahan
            desa_name = kecamatan_name if number == 1 and is_town else _desa_name(rng, used_desa)
            used_desa.add(desa_name)
            desa_rows.append(
                synced_columns(desa_id, created)
                | {
                    "kecamatan_id": kecamatan_id,
                    "code": f"{PROVINCE_CODE}.{REGENCY_CODE}.{code}.{desa_code}",
                    "name": desa_name,
                    "kind": "kelurahan" if is_town else "desa",
                }
            )
            for posyandu_name in _posyandu_names(rng, rng.randint(2, 4)):
                row_id = new_id(rng)
                posyandu_rows.append(
                    synced_columns(row_id, created) | {"desa_id": desa_id, "name": posyandu_name}
                )
                posyandu.append(
                    DemoPosyandu(
                        id=row_id,
                        desa_id=desa_id,
                        kecamatan_name=kecamatan_name,
                        region=f"{PROVINCE_CODE}{REGENCY_CODE}{code}",
                        meeting_day=rng.randint(5, 25),
                    )
                )
    return DemoDistrict(kecamatan_rows, desa_rows, posyandu_rows, posyandu)


def _desa_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(_DESA_FIRST)} {rng.choice(_DESA_SECOND)}"
        if name not in used:
            return name


def _posyandu_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct names; a flower used twice in one desa is numbered (Melati 1, 2)."""
    flowers = rng.sample(_POSYANDU, count)
    if count >= 3 and rng.random() < 0.5:
        flowers[1] = flowers[0]  # a large desa splits its busiest posyandu in two
    names: list[str] = []
    for flower in flowers:
        if flowers.count(flower) > 1:
            number = sum(name.startswith(f"Posyandu {flower} ") for name in names) + 1
            names.append(f"Posyandu {flower} {number}")
        else:
            names.append(f"Posyandu {flower}")
    return names
