"""Nutritional status categories of Permenkes No. 2 Tahun 2020 (Standar Antropometri Anak).

Labels are written exactly as the regulation writes them (DESIGN.md, "Growth assessment").
Boundaries as pinned for Asuh (DESIGN.md, "Rules pinned for Asuh"):

* classify the z-score rounded to 2 decimals half away from zero, the value the user sees
  (:mod:`desktop_app.growth.rounding`), so "-2,00" is never *Pendek* and -2.005 is;
* "sd" in the regulation means "up to and including"; only the lower edge of a deficit class is
  strict. Every indicator therefore cuts the z axis into the same six bands
  ``z < -3 | -3 <= z < -2 | -2 <= z <= 1 | 1 < z <= 2 | 2 < z <= 3 | z > 3``
  and only names them differently (PB/U merges the middle four into *Normal*).

The severity key ("severe", "moderate", "normal", "above") is what the UI maps to colours
(red, orange, green, blue).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from desktop_app.core.i18n import N_, _
from desktop_app.growth.rounding import round_half_away, round_z

__all__ = [
    "Category",
    "Indicator",
    "Severity",
    "band_many",
    "bands_of",
    "categories_of",
    "classify",
    "classify_many",
    "indicator_short_name",
    "is_stunted",
]

_LENGTH_UNTIL_DAYS = 731  # PB (panjang badan, lying) under 24 months, TB (tinggi badan) from then


class Indicator(StrEnum):
    """The four indicators Permenkes 2/2020 categorises; the value names the batch column."""

    BB_U = "bbu"  # weight-for-age, zwei
    TB_U = "tbu"  # length/height-for-age, zlen
    BB_TB = "bbtb"  # weight-for-length/height, zwfl
    IMT_U = "imtu"  # BMI-for-age, zbmi

    @property
    def z_field(self) -> str:
        """The :class:`~desktop_app.growth.zscores.Assessment` field this indicator classifies."""
        return {"bbu": "zwei", "tbu": "zlen", "bbtb": "zwfl", "imtu": "zbmi"}[self.value]


class Severity(StrEnum):
    """Colour key: severe (red, < -3 SD), moderate (orange, < -2 SD), normal (green), above
    (blue: above the normal band)."""

    SEVERE = "severe"
    MODERATE = "moderate"
    NORMAL = "normal"
    ABOVE = "above"


@dataclass(frozen=True)
class Category:
    """One category: Indonesian label as in the regulation, colour key and footnote hint.

    ``label`` and ``hint`` are untranslated source strings (stable keys for counting and
    comparing); show them through ``_()``.
    """

    indicator: Indicator
    label: str
    severity: Severity
    hint: str | None = None


# Footnotes to the regulation's category table (Permenkes 2/2020, Lampiran, Tabel Kategori dan
# Ambang Batas Status Gizi Anak), shown as hints.
_HINT_CONFIRM_WEIGHT = N_(
    "Anak pada kategori ini mungkin memiliki masalah pertumbuhan; perlu dikonfirmasi dengan "
    "BB/PB atau BB/TB atau IMT/U."
)
_HINT_TALL = N_(
    "Anak pada kategori ini termasuk sangat tinggi dan biasanya tidak menjadi masalah, kecuali "
    "kemungkinan gangguan endokrin. Rujuk ke dokter spesialis anak bila diduga ada gangguan "
    "endokrin (misalnya anak sangat tinggi menurut umurnya sedangkan tinggi orang tua normal)."
)
_HINT_BMI_DEFICIT = N_(
    "Walaupun IMT/U mencantumkan gizi buruk dan gizi kurang, diagnosis gizi buruk dan gizi "
    "kurang untuk tatalaksana memakai BB/PB atau BB/TB, bukan IMT/U."
)

_S, _M, _N, _A = Severity.SEVERE, Severity.MODERATE, Severity.NORMAL, Severity.ABOVE


def _scale(indicator: Indicator, *bands: tuple[str, Severity, str | None]) -> tuple[Category, ...]:
    return tuple(Category(indicator, label, severity, hint) for label, severity, hint in bands)


_BB_U_RISK = (N_("Risiko berat badan lebih"), _A, _HINT_CONFIRM_WEIGHT)
_TB_NORMAL = (N_("Normal"), _N, None)
_WEIGHT_FOR = (
    (N_("Gizi baik"), _N, None),
    (N_("Berisiko gizi lebih"), _A, None),
    (N_("Gizi lebih"), _A, None),
    (N_("Obesitas"), _A, None),
)

# Six bands per indicator, from z < -3 up to z > 3 (see the module docstring).
_SCALES: dict[Indicator, tuple[Category, ...]] = {
    Indicator.BB_U: _scale(
        Indicator.BB_U,
        (N_("Berat badan sangat kurang"), _S, None),
        (N_("Berat badan kurang"), _M, None),
        (N_("Berat badan normal"), _N, None),
        _BB_U_RISK,
        _BB_U_RISK,
        _BB_U_RISK,
    ),
    Indicator.TB_U: _scale(
        Indicator.TB_U,
        (N_("Sangat pendek"), _S, None),
        (N_("Pendek"), _M, None),
        _TB_NORMAL,
        _TB_NORMAL,
        _TB_NORMAL,
        (N_("Tinggi"), _A, _HINT_TALL),
    ),
    Indicator.BB_TB: _scale(
        Indicator.BB_TB, (N_("Gizi buruk"), _S, None), (N_("Gizi kurang"), _M, None), *_WEIGHT_FOR
    ),
    Indicator.IMT_U: _scale(
        Indicator.IMT_U,
        (N_("Gizi buruk"), _S, _HINT_BMI_DEFICIT),
        (N_("Gizi kurang"), _M, _HINT_BMI_DEFICIT),
        *_WEIGHT_FOR,
    ),
}

_STRICT_LOWER_CUTS = np.array([-3.0, -2.0])  # z below the cut is in the lower class
_INCLUSIVE_UPPER_CUTS = np.array([1.0, 2.0, 3.0])  # z equal to the cut stays in the lower class


def band_many(z: np.ndarray) -> np.ndarray:
    """Band 0-5 of each z-score after rounding to 2 decimals; -1 where z is NaN."""
    shown = round_half_away(np.asarray(z, dtype=np.float64))
    band = np.searchsorted(_STRICT_LOWER_CUTS, shown, side="right") + np.searchsorted(
        _INCLUSIVE_UPPER_CUTS, shown, side="left"
    )
    return np.where(np.isnan(shown), -1, band)


def classify(indicator: Indicator, z: float | None) -> Category | None:
    """The category of a z-score (classified on its 2-decimal rounding); ``None`` if no z."""
    if round_z(z) is None:
        return None
    return _SCALES[indicator][int(band_many(np.array([z]))[0])]


def classify_many(indicator: Indicator, z: np.ndarray) -> list[Category | None]:
    """:func:`classify` for an array of z-scores (NaN gives ``None``)."""
    scale = _SCALES[indicator]
    return [None if b < 0 else scale[b] for b in band_many(z).tolist()]


def bands_of(indicator: Indicator) -> tuple[Category, ...]:
    """The category of each of the six bands ``band_many`` returns (0: z < -3 ... 5: z > 3)."""
    return _SCALES[indicator]


def categories_of(indicator: Indicator) -> tuple[Category, ...]:
    """The distinct categories of an indicator, from lowest to highest (for legends)."""
    return tuple(dict.fromkeys(_SCALES[indicator]))


def indicator_short_name(indicator: Indicator, age_days: int) -> str:
    """Short name as printed: ``BB/U``, ``PB/U`` or ``TB/U``, ``BB/PB`` or ``BB/TB``, ``IMT/U``
    (translated now, in the current language).

    PB (lying length) under 24 months = under 731 days, the age WHO switches tables at.
    """
    lying = age_days < _LENGTH_UNTIL_DAYS
    return {
        Indicator.BB_U: _("BB/U"),
        Indicator.TB_U: _("PB/U") if lying else _("TB/U"),
        Indicator.BB_TB: _("BB/PB") if lying else _("BB/TB"),
        Indicator.IMT_U: _("IMT/U"),
    }[indicator]


def is_stunted(zlen: float | None) -> bool | None:
    """Stunted (pendek or sangat pendek): PB/U or TB/U below -2 SD after rounding."""
    shown = round_z(zlen)
    return None if shown is None else shown < -2.0
