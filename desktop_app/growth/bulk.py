"""The one implementation of WHO's z-score rules, vectorised over NumPy arrays.

``assess_many`` computes the six WHO 2006 indicators for 0-60 months for any number of
measurements at once (1,000,000 rows in well under a second); the scalar
:func:`desktop_app.growth.zscores.assess` is a thin wrapper over it, so every rule lives here once.

Units: age in days, weight in kg, length/height, head and arm circumference in cm, BMI in kg/m2.

Rules and where they come from ("README" = ``resources/who/README.md``, WHO's method; "anthro" =
WHO's ``anthro`` R package, ``R/z-score*.R``, which produced ``reference_sample.csv``):

* Age in whole days, a fractional day rounding half up (README; anthro ``round_up``). No z-score
  from 60.0 months on, months = days / 30.4375 of the unrounded age (README; anthro
  ``valid_age <- age_in_months < 60``), so 1826.3 days is already out although it reads day 1826.
  Asuh always knows the birth date, so WHO Anthro's fallback for an unknown age (choosing the
  weight-for-length or -height table by measure or by 87 cm) is deliberately not implemented:
  an unknown age gives no z-score at all.
* A standing measure under 9 months is implausible: the position is dropped, i.e. treated as
  unknown, so no 0.7 cm is added, and flagged in ``f9mo`` (README; anthro ``c9mo_flag``).
* Under 731 days a standing height gets +0.7 cm, from 731 days a lying length -0.7 cm; an unknown
  position gets no adjustment, i.e. is taken as the position the age calls for (README; anthro
  ``adjust_lenhei``). All length-based indicators use this adjusted ``clenhei``.
* Weight-for-length (45-110 cm) below 731 days, weight-for-height (65-120 cm) from 731 days, chosen
  by age and interpolated between 0.1 cm rows (README; DESIGN.md; anthro). Length/height-for-age
  and BMI-for-age need no choice: their tables switch from the L to the H rows at 731 days
  (``loh`` column), exactly where ``clenhei`` switches from length to height.
* BMI = weight / (clenhei in m)^2 (README).
* Restricted formula beyond +/-3 SD for weight-for-age, weight-for-length/height, BMI-for-age and
  arm circumference-for-age; plain formula for length/height and head circumference (README).
* Oedema: no weight-for-age, weight-for-length/height or BMI-for-age (README; anthro).
* A measurement <= 0 gives no z-score (README; anthro ``measure[measure <= 0] <- NA``); for BMI
  that applies to both weight and length.
* Arm circumference-for-age from 91 days (table range; anthro ``allowed_age_range = c(91, 1856)``).
* Flags (1 = implausible) on the z rounded to 2 decimals, the value reported (anthro rounds
  before ``flag_zscore``): zlen |z| > 6; zwei z < -6 or z > 5; the others |z| > 5 (README).
"""

# ruff: noqa: E741  (l, m, s are the LMS method's own names)
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from desktop_app.growth import lms
from desktop_app.growth.age import DAYS_PER_MONTH
from desktop_app.growth.rounding import round_half_away
from desktop_app.growth.tables import LmsTable, who_tables

__all__ = [
    "FLAG_COLUMNS",
    "HEIGHT_FROM_DAYS",
    "MEASURE_HEIGHT",
    "MEASURE_LENGTH",
    "MEASURE_UNKNOWN",
    "Z_COLUMNS",
    "assess_many",
    "measure_codes",
]

MEASURE_UNKNOWN, MEASURE_LENGTH, MEASURE_HEIGHT = 0, 1, 2
Z_COLUMNS = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")
FLAG_COLUMNS = ("flen", "fwei", "fwfl", "fbmi", "fhc", "fac")

HEIGHT_FROM_DAYS = 731  # 24 months: height (and the H tables) from this age in days
_HEIGHT_FROM_DAYS = HEIGHT_FROM_DAYS
_STANDING_PLAUSIBLE_MONTHS = 9.0
_POSITION_CM = 0.7


def measure_codes(measure: Any, n: int | None = None) -> np.ndarray:
    """Measuring positions as ``int8`` codes: 0 unknown, 1 lying length, 2 standing height.

    Accepts integer codes, or strings ``"l"``/``"h"`` (any case), with ``None``, ``""`` and NaN
    for unknown. ``None`` as the whole argument means all unknown (then ``n`` is required).
    Anything else raises ``ValueError``.
    """
    if measure is None:
        if n is None:
            raise ValueError("measure=None needs the row count")
        return np.zeros(n, dtype=np.int8)
    arr = np.asarray(measure)
    if arr.dtype.kind in "iub":
        if arr.size and (arr.min() < 0 or arr.max() > 2):
            raise ValueError("measure codes must be 0 (unknown), 1 (length) or 2 (height)")
        return arr.astype(np.int8)
    obj = np.asarray(measure, dtype=object)
    codes = np.zeros(obj.shape, dtype=np.int8)
    codes[(obj == "l") | (obj == "L")] = MEASURE_LENGTH
    codes[(obj == "h") | (obj == "H")] = MEASURE_HEIGHT
    unknown = np.array([v is None or v == "" or v != v for v in obj[codes == 0]], dtype=bool)
    if not unknown.all():
        bad = obj[codes == 0][~unknown][0]
        raise ValueError(f"measure must be 'l', 'h' or empty, not {bad!r}")
    return codes


def assess_many(
    sex: Sequence[int] | np.ndarray,
    age_days: Sequence[float] | np.ndarray,
    weight: Sequence[float | None] | np.ndarray | None = None,
    lenhei: Sequence[float | None] | np.ndarray | None = None,
    measure: Any = None,
    oedema: Sequence[bool] | np.ndarray | None = None,
    headc: Sequence[float | None] | np.ndarray | None = None,
    muac: Sequence[float | None] | np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Z-scores and flags for many measurements at once.

    Arguments are equal-length array-likes: ``sex`` WHO codes (1 male, 2 female; anything else
    gives no z-score), ``age_days`` age in days (NaN unknown), ``weight`` kg, ``lenhei`` cm as
    measured, ``measure`` see :func:`measure_codes`, ``oedema`` bool, ``headc`` and ``muac`` cm.
    ``None`` or NaN marks a missing value; a whole argument left ``None`` is all missing.

    Returns full-precision ``float64`` arrays ``zlen zwei zwfl zbmi zhc zac`` (NaN = not
    computable; round for display with :func:`desktop_app.growth.rounding.round_half_away`),
    ``bool`` arrays ``flen fwei fwfl fbmi fhc fac`` (False where the z-score is NaN),
    ``clenhei`` (adjusted length/height, cm), ``cbmi`` (kg/m2) and ``f9mo`` (True where a
    standing measure under 9 months was dropped).
    """
    sex_a = np.asarray(sex, dtype=np.float64)
    n = sex_a.shape[0]
    age_a = _floats(age_days, n)
    weight_a, lenhei_a = _floats(weight, n), _floats(lenhei, n)
    headc_a, muac_a = _floats(headc, n), _floats(muac, n)
    measure_a = _sized(measure_codes(measure, n), n)
    oedema_a = np.zeros(n, dtype=bool) if oedema is None else np.asarray(oedema, dtype=bool)
    _sized(oedema_a, n)
    # NaN is the "missing" marker, so NumPy's warnings about NaN or absurd values carry no news;
    # anything non-finite that comes out is turned into "not computable" below.
    with np.errstate(all="ignore"):
        return _compute(sex_a, age_a, weight_a, lenhei_a, measure_a, oedema_a, headc_a, muac_a)


def _floats(values: Any, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    return _sized(np.asarray(values, dtype=np.float64), n)


def _sized(arr: np.ndarray, n: int) -> np.ndarray:
    if arr.shape != (n,):
        raise ValueError(f"every argument needs {n} values, one got shape {arr.shape}")
    return arr


def _compute(
    sex: np.ndarray,
    age_in: np.ndarray,
    weight: np.ndarray,
    lenhei: np.ndarray,
    measure: np.ndarray,
    oedema: np.ndarray,
    headc: np.ndarray,
    muac: np.ndarray,
) -> dict[str, np.ndarray]:
    tables = who_tables()
    # Tables are read at whole days, half up; the 60- and 9-month limits apply to the exact age,
    # as in anthro (age_in_months is computed from the unrounded age). Negative: no age at all.
    months = np.where(age_in >= 0, age_in / DAYS_PER_MONTH, np.nan)
    age = np.where(months < 60.0, np.floor(age_in + 0.5), np.nan)
    young = age < _HEIGHT_FROM_DAYS
    old = age >= _HEIGHT_FROM_DAYS

    f9mo = (measure == MEASURE_HEIGHT) & (months < _STANDING_PLAUSIBLE_MONTHS)
    position = np.where(f9mo, MEASURE_UNKNOWN, measure)
    clenhei = lenhei.copy()
    clenhei[young & (position == MEASURE_HEIGHT)] += _POSITION_CM
    clenhei[old & (position == MEASURE_LENGTH)] -= _POSITION_CM

    weight = _positive(weight)
    clenhei_pos = _positive(clenhei)
    heavy = np.where(oedema, np.nan, weight)  # weight-based indicators skip oedema
    cbmi = _finite(weight / (clenhei_pos / 100.0) ** 2)

    z: dict[str, np.ndarray] = {
        "zlen": _by_age(tables.length, sex, age, clenhei_pos, restricted=False),
        "zwei": _by_age(tables.weight, sex, age, heavy, restricted=True),
        "zwfl": _weight_for_lenhei(sex, young, old, heavy, clenhei),
        "zbmi": _by_age(tables.bmi, sex, age, np.where(oedema, np.nan, cbmi), restricted=True),
        "zhc": _by_age(tables.head, sex, age, _positive(headc), restricted=False),
        "zac": _by_age(tables.arm, sex, age, _positive(muac), restricted=True),
    }
    out = {key: _finite(value) for key, value in z.items()}
    shown = {key: round_half_away(value) for key, value in out.items()}
    out["flen"] = np.abs(shown["zlen"]) > 6
    out["fwei"] = (shown["zwei"] < -6) | (shown["zwei"] > 5)
    for zkey, fkey in zip(Z_COLUMNS[2:], FLAG_COLUMNS[2:], strict=True):
        out[fkey] = np.abs(shown[zkey]) > 5
    out["clenhei"] = clenhei
    out["cbmi"] = cbmi
    out["f9mo"] = f9mo
    return out


def _positive(values: np.ndarray) -> np.ndarray:
    return np.where(values > 0, values, np.nan)


def _finite(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def _by_age(
    table: LmsTable, sex: np.ndarray, age: np.ndarray, y: np.ndarray, *, restricted: bool
) -> np.ndarray:
    """Z-scores of ``y`` against an age table; only rows with a value are computed."""
    z = np.full(y.shape, np.nan)
    rows = np.flatnonzero(~np.isnan(y) & ~np.isnan(age))
    if rows.size:
        l, m, s, inside = lms.by_age(table, sex[rows], age[rows])
        formula = lms.z_restricted if restricted else lms.z_plain
        z[rows] = np.where(inside, formula(y[rows], l, m, s), np.nan)
    return z


def _weight_for_lenhei(
    sex: np.ndarray, young: np.ndarray, old: np.ndarray, weight: np.ndarray, clenhei: np.ndarray
) -> np.ndarray:
    """Weight-for-length below 731 days, weight-for-height from 731 days, on ``clenhei``."""
    tables = who_tables()
    z = np.full(weight.shape, np.nan)
    has = ~np.isnan(weight) & ~np.isnan(clenhei)
    for table, by_age in ((tables.wfl, young), (tables.wfh, old)):
        rows = np.flatnonzero(has & by_age)
        if rows.size:
            l, m, s, inside = lms.by_length(table, sex[rows], clenhei[rows])
            z[rows] = np.where(inside, lms.z_restricted(weight[rows], l, m, s), np.nan)
    return z
