"""Is a child getting better? Month-on-month and since-enrolment change of the z-scores.

The programme's question is stunting, so the verdict ("membaik" / "tetap" / "memburuk") is read
off length/height-for-age (HAZ, ``zlen``), comparing the current visit with a reference visit the
caller chooses: the previous one (monthly register) or the enrolment one (programme report).

Rule, on the z-scores rounded to 2 decimals as users see them:

1. Stunting class first: *Sangat pendek* < *Pendek* < not stunted (*Normal* or *Tinggi*, which
   are the same for this purpose). A class up is membaik, a class down memburuk.
2. Same class: the change in HAZ decides, with a dead band of ``min_z_change`` (default 0.2 SD)
   so that measurement noise is not reported as change. 0.2 SD of length is about 0.5 cm at
   12 months, roughly the precision of a posyandu length board; so +0.2 or more is membaik,
   -0.2 or less memburuk, anything between tetap.
3. Without both z-scores there is no verdict (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop_app.growth.categories import Category, Indicator, classify
from desktop_app.growth.rounding import round_z
from desktop_app.growth.zscores import Assessment

__all__ = ["Trend", "ZChanges", "category_change", "stunting_trend", "z_changes"]

DEFAULT_MIN_Z_CHANGE = 0.2


class Trend(StrEnum):
    MEMBAIK = "membaik"
    TETAP = "tetap"
    MEMBURUK = "memburuk"


def _stunting_rank(zlen: float) -> int:
    """0 sangat pendek, 1 pendek, 2 not stunted."""
    if zlen < -3.0:
        return 0
    return 1 if zlen < -2.0 else 2


def stunting_trend(
    reference_zlen: float | None,
    current_zlen: float | None,
    *,
    min_z_change: float = DEFAULT_MIN_Z_CHANGE,
) -> Trend | None:
    """Membaik / tetap / memburuk from a reference HAZ to the current HAZ (module docstring)."""
    before, after = round_z(reference_zlen), round_z(current_zlen)
    if before is None or after is None:
        return None
    rank_before, rank_after = _stunting_rank(before), _stunting_rank(after)
    if rank_after != rank_before:
        return Trend.MEMBAIK if rank_after > rank_before else Trend.MEMBURUK
    # Rounded, so a change shown as "0,20" is exactly the float 0.2.
    change = round_z(after - before) or 0.0
    if change >= min_z_change:
        return Trend.MEMBAIK
    if change <= -min_z_change:
        return Trend.MEMBURUK
    return Trend.TETAP


@dataclass(frozen=True)
class ZChanges:
    """Change of each z-score (current minus reference, of the rounded values); ``None`` when
    either side has no z-score."""

    zlen: float | None
    zwei: float | None
    zwfl: float | None
    zbmi: float | None
    zhc: float | None
    zac: float | None


def z_changes(reference: Assessment, current: Assessment) -> ZChanges:
    """Change of every z-score since ``reference`` (e.g. the enrolment visit)."""

    def delta(name: str) -> float | None:
        before, after = round_z(getattr(reference, name)), round_z(getattr(current, name))
        return None if before is None or after is None else round_z(after - before)

    return ZChanges(*(delta(name) for name in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")))


def category_change(
    indicator: Indicator, reference_z: float | None, current_z: float | None
) -> tuple[Category | None, Category | None]:
    """Categories before and after, for transition tables such as *Pendek* -> *Normal*."""
    return classify(indicator, reference_z), classify(indicator, current_z)
