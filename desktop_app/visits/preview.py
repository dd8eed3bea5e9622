"""What a visit's measurements say, while they are typed: z-scores, categories, plausibility.

The visit form calls :func:`preview_assessment` on every edit (pure Python, no database, well
under a millisecond), and :func:`desktop_app.visits.service.record_visit` calls it again before
saving, so the screen and the stored row agree. Z-scores are the stored values (rounded to 2
decimals,
:func:`desktop_app.visits.assessment.assessment_values`), categories are Permenkes 2/2020's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.i18n import N_, _
from desktop_app.growth import (
    Category,
    Indicator,
    classify,
    completed_months,
    format_z,
    indicator_short_name,
)
from desktop_app.visits.assessment import assessment_values

__all__ = ["AssessmentPreview", "IndicatorResult", "preview_assessment"]

#: Indicators shown by the form, in order: (z column, flag column, Permenkes indicator or None).
_SHOWN: tuple[tuple[str, str, Indicator | None], ...] = (
    ("zwei", "fwei", Indicator.BB_U),
    ("zlen", "flen", Indicator.TB_U),
    ("zwfl", "fwfl", Indicator.BB_TB),
    ("zbmi", "fbmi", Indicator.IMT_U),
    ("zhc", "fhc", None),
    ("zac", "fac", None),
)
_OTHER_NAMES = {"zhc": N_("LK/U"), "zac": N_("LiLA/U")}
_CHECK_WHAT = {
    "zwei": N_("berat badan"),
    "zlen": N_("panjang/tinggi badan dan cara ukur"),
    "zwfl": N_("berat badan dan panjang/tinggi badan"),
    "zbmi": N_("berat badan dan panjang/tinggi badan"),
    "zhc": N_("lingkar kepala"),
    "zac": N_("LiLA"),
}


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator: ``z`` rounded to 2 decimals (None: not computable) and its category
    (None for LK/U and LiLA/U, which the regulation does not categorise)."""

    z_column: str
    short_name: str  # BB/U, PB/U or TB/U, BB/PB or BB/TB, IMT/U, LK/U, LiLA/U
    z: float | None
    category: Category | None
    implausible: bool

    @property
    def z_text(self) -> str:
        """``-2,01`` (decimal comma), ``""`` when not computable."""
        return format_z(self.z)

    @property
    def implausible_message(self) -> str:
        return _("{name}: z = {z} di luar batas wajar WHO; periksa {what}").format(
            name=self.short_name, z=self.z_text, what=_(_CHECK_WHAT[self.z_column])
        )


@dataclass(frozen=True)
class AssessmentPreview:
    """All indicators of one visit plus the values to store (``stored``: z and flag columns)."""

    age_days: int
    age_months: int  # completed months ("bulan penuh"), as ages are shown
    results: tuple[IndicatorResult, ...]
    stored: dict[str, float | bool | None]

    @property
    def implausible(self) -> tuple[IndicatorResult, ...]:
        return tuple(r for r in self.results if r.implausible)

    def result(self, z_column: str) -> IndicatorResult:
        return next(r for r in self.results if r.z_column == z_column)


def preview_assessment(
    *,
    sex: str,
    birth_date: date,
    visit_date: date,
    weight_kg: float | None,
    lenhei_cm: float | None,
    measure: str | None,
    oedema: bool = False,
    headc_cm: float | None = None,
    muac_cm: float | None = None,
) -> AssessmentPreview:
    """Z-scores and categories for one visit (``sex`` "L"/"P", kg and cm). A visit date before
    birth gives no z-score (the form refuses that date separately)."""
    age_days = (visit_date - birth_date).days
    if age_days < 0:
        stored: dict[str, float | bool | None] = {}
    else:
        stored = assessment_values(
            sex=sex,
            birth_date=birth_date,
            visit_date=visit_date,
            weight_kg=weight_kg,
            lenhei_cm=lenhei_cm,
            measure=measure,
            oedema=oedema,
            headc_cm=headc_cm,
            muac_cm=muac_cm,
        )
    results = []
    for z_column, flag_column, indicator in _SHOWN:
        z = stored.get(z_column)
        z = z if isinstance(z, float) else None
        name = (
            indicator_short_name(indicator, max(age_days, 0))
            if indicator is not None
            else _(_OTHER_NAMES[z_column])
        )
        category = classify(indicator, z) if indicator is not None else None
        results.append(IndicatorResult(z_column, name, z, category, bool(stored.get(flag_column))))
    months = completed_months(birth_date, visit_date) if age_days >= 0 else 0
    return AssessmentPreview(age_days, months, tuple(results), stored)
