"""The official Kemendagri area list shipped in ``resources/areas/`` (idn-area-data 3.1.2, ODbL).

Provinces, kabupaten/kota, kecamatan and desa/kelurahan with their codes in Kemendagri's dotted
form (``19``, ``19.02``, ``19.02.01``, ``19.02.01.2003``). It lives in the core because both the
district setup (``desktop_app.settings.area_setup``) and the NIK hint (the NIK's first six digits
are a kecamatan code) read it. Pure Python, any thread; nothing is downloaded.

The small lists (provinces, kabupaten/kota, kecamatan) are parsed once and kept; the 84,000
villages are streamed from the compressed file on each call (about 0.1 s) and only those of one
kabupaten are kept.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.core.i18n import _
from desktop_app.core.paths import resource_path

__all__ = [
    "Area",
    "NikRegion",
    "Village",
    "area_name",
    "district",
    "districts_of",
    "nik_region_note",
    "province",
    "provinces",
    "regencies",
    "regency",
    "region_of_nik",
    "village_kind",
    "villages_of",
]

#: Words kept as written when a name in capitals is put in Title Case.
_ACRONYMS = {"DKI", "DI", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}
_LOWER_WORDS = {"dan"}
_ROMAN = re.compile(r"^[ivx]+$")


@dataclass(frozen=True)
class Area:
    """A province, kabupaten/kota or kecamatan: ``parent_code`` "" for a province."""

    code: str
    name: str
    parent_code: str = ""


@dataclass(frozen=True)
class Village:
    """A desa or kelurahan (``kind``) of kecamatan ``district_code``."""

    code: str
    name: str
    district_code: str
    kind: str  # desa | kelurahan


@dataclass(frozen=True)
class NikRegion:
    """What a NIK's first six digits name: a kecamatan and its kabupaten/kota."""

    district_code: str  # 19.02.01
    district: str  # Tanjung Pandan
    regency_code: str  # 19.02
    regency: str  # Kabupaten Belitung

    @property
    def label(self) -> str:
        """``Kec. Tanjung Pandan, Kab. Belitung`` (``Kota Pangkal Pinang`` stays whole)."""
        regency = self.regency.replace("Kabupaten ", "Kab. ", 1)
        return f"Kec. {self.district}, {regency}"


def _title_word(word: str) -> str:
    if word in _ACRONYMS:
        return word
    if word.lower() in _LOWER_WORDS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def area_name(raw: str) -> str:
    """A name as Indonesians write it.

    Names in capitals (provinces, kabupaten/kota) become Title Case: ``KABUPATEN BELITUNG`` ->
    ``Kabupaten Belitung``, ``DKI JAKARTA`` stays ``DKI Jakarta``, ``KOTA BAU-BAU`` ->
    ``Kota Bau-Bau``. Mixed-case names (kecamatan, desa) keep their capitals (``UPT``, ``III``);
    a word left in lower case gets its capital (``Timang gajah`` -> ``Timang Gajah``, a lone
    ``ii`` -> ``II``). The source writes an apostrophe as ``"`` (``Soka"an``).
    """
    text = " ".join(raw.replace('"', "'").split())
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(_title_word(word) for word in text.split(" "))
    words = []
    for index, word in enumerate(text.split(" ")):
        if _ROMAN.match(word) and index:
            words.append(word.upper())
        elif word[:1].islower() and not (index and word in _LOWER_WORDS):
            words.append(word[:1].upper() + word[1:])
        else:
            words.append(word)
    return " ".join(words)


def village_kind(code: str) -> str:
    """``kelurahan`` for a village code whose last part starts with 1, else ``desa``.

    Kemendagri numbers kelurahan 1001-1999 and desa 2001-2999 (desa adat 3xxx) within a
    kecamatan, so the code alone tells them apart.
    """
    return "kelurahan" if code.rsplit(".", 1)[-1].startswith("1") else "desa"


def _rows(name: str) -> Iterator[list[str]]:
    with gzip.open(resource_path("areas", f"{name}.csv.gz"), "rt", encoding="utf-8") as file:
        reader = csv.reader(file)
        next(reader, None)  # the header
        yield from reader


@lru_cache(maxsize=1)
def _provinces() -> dict[str, Area]:
    return {code: Area(code, area_name(name)) for code, name in _rows("provinces")}


@lru_cache(maxsize=1)
def _regencies() -> dict[str, Area]:
    return {code: Area(code, area_name(name), parent) for code, parent, name in _rows("regencies")}


@lru_cache(maxsize=1)
def _districts() -> dict[str, Area]:
    return {code: Area(code, area_name(name), parent) for code, parent, name in _rows("districts")}


def provinces() -> list[Area]:
    """The 38 provinces, by name."""
    return sorted(_provinces().values(), key=lambda a: a.name)


def province(code: str) -> Area | None:
    return _provinces().get(code)


def regencies(province_code: str) -> list[Area]:
    """Kabupaten then kota of a province, each by name (the order of Kemendagri's lists)."""
    found = [a for a in _regencies().values() if a.parent_code == province_code]
    return sorted(found, key=lambda a: (a.name.startswith("Kota "), a.name))


def regency(code: str) -> Area | None:
    return _regencies().get(code)


def district(code: str) -> Area | None:
    return _districts().get(code)


def districts_of(regency_code: str) -> list[Area]:
    """The kecamatan of a kabupaten/kota, by name."""
    found = [a for a in _districts().values() if a.parent_code == regency_code]
    return sorted(found, key=lambda a: a.name)


def villages_of(regency_code: str) -> list[Village]:
    """The desa and kelurahan of a kabupaten/kota, by kecamatan code then name."""
    prefix = regency_code + "."
    found = [
        Village(code, area_name(name), parent, village_kind(code))
        for code, parent, name in _rows("villages")
        if code.startswith(prefix)
    ]
    return sorted(found, key=lambda v: (v.district_code, v.name))


def region_of_nik(digits: str) -> NikRegion | None:
    """The kecamatan named by a NIK's (or No. KK's) first six digits, or None if unknown."""
    if len(digits) < 6 or not digits[:6].isdigit():
        return None
    code = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"
    found = _districts().get(code)
    parent = _regencies().get(code[:5])
    if found is None or parent is None:
        return None
    return NikRegion(code, found.name, parent.code, parent.name)


def nik_region_note(digits: str, *, regency_code: str = "") -> tuple[str, bool]:
    """What a NIK's first six digits say about where it was issued, and whether that fits.

    ``("Kec. Tanjung Pandan, Kab. Belitung", True)``; with the district's ``regency_code``
    (``19.02``) a kecamatan elsewhere is pointed out (``(..., False)``), as is a code the list
    does not hold. ``("", True)`` when there are not six digits to read.
    """
    if len(digits) < 6 or not digits[:6].isdigit():
        return "", True
    region = region_of_nik(digits)
    if region is None:
        code = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"
        return _("kode kecamatan {code} tidak ada di daftar Kemendagri").format(code=code), False
    home = regency(regency_code) if regency_code else None
    if home is not None and region.regency_code != home.code:
        return _("{place}, di luar {district}").format(
            place=region.label, district=home.name
        ), False
    return region.label, True
