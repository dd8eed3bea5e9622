"""Vectorised LMS arithmetic: table lookups and the WHO z-score formulas.

Everything here works on NumPy arrays of equal length; a missing value is ``NaN`` and simply
propagates to a ``NaN`` z-score. Units are those of the table: days for age keys, cm for length
keys, and the measurement in the table's unit (kg, cm or kg/m2).

Formulas (WHO Child Growth Standards, Methods and development 2006, chapter 7; WHO README in
``resources/who``; ``compute_zscore`` / ``compute_zscore_adjusted`` in the ``anthro`` R package):

* plain: ``z = ((y/M)^L - 1) / (S*L)``
* restricted, for weight-based indicators and arm circumference: where ``|z| > 3`` the z-score is
  re-expressed on the distance between the 3 SD and 2 SD curves, ``SDk = M*(1 + L*S*k)^(1/L)``.
"""

# ruff: noqa: E741  (l, m, s are the LMS method's own names)
from __future__ import annotations

import numpy as np

from desktop_app.growth.tables import LmsTable

__all__ = ["by_age", "by_length", "z_plain", "z_restricted"]

# Length keys are multiples of 0.1 cm; an adjusted length such as 64.6 + 0.7 is 65.29999999999998
# in binary, so a grid position this close below a whole row counts as that row.
_GRID_SNAP = 1e-7


def by_age(
    table: LmsTable, sex: np.ndarray, age_days: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """L, M, S for whole-day ages and a mask of rows the table covers.

    ``sex`` holds WHO codes (anything but 1/2 gives NaN through the unused row 0); ``age_days``
    holds whole days as floats (NaN = unknown).
    """
    row = age_days - table.first
    inside = (row >= 0) & (row <= table.rows - 1)
    idx = np.where(inside, row, 0).astype(np.intp)
    sx = _sex_index(sex)
    return table.l[sx, idx], table.m[sx, idx], table.s[sx, idx], inside


def by_length(
    table: LmsTable, sex: np.ndarray, length_cm: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """L, M, S linearly interpolated between the two 0.1 cm rows around ``length_cm``.

    WHO Anthro and the ``anthro`` R package interpolate (``low = trunc(10*x)/10``); they never
    round to the nearest 0.5 cm. The mask says where ``length_cm`` lies inside the table
    (both ends inclusive).
    """
    pos = (length_cm - table.first) / table.step
    inside = (pos >= -_GRID_SNAP) & (pos <= table.rows - 1 + _GRID_SNAP)
    pos = np.where(inside, pos, 0.0)
    lo = np.floor(pos + _GRID_SNAP)
    frac = np.clip(pos - lo, 0.0, 1.0)
    lo_i = np.minimum(lo.astype(np.intp), table.rows - 1)
    hi_i = np.minimum(lo_i + 1, table.rows - 1)
    sx = _sex_index(sex)

    def interp(col: np.ndarray) -> np.ndarray:
        low = col[sx, lo_i]
        return low + frac * (col[sx, hi_i] - low)

    return interp(table.l), interp(table.m), interp(table.s), inside


def z_plain(y: np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The LMS z-score at every value (used for length/height and head circumference)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.power(y / m, l) - 1.0) / (s * l)


def z_restricted(
    y: np.ndarray,
    l: np.ndarray,
    m: np.ndarray,
    s: np.ndarray,
) -> np.ndarray:
    """The LMS z-score with WHO's restricted form beyond +/-3 SD.

    Used for weight-for-age, weight-for-length/height, BMI-for-age and arm circumference, whose
    distributions are skewed: above +3 SD ``z = 3 + (y - SD3)/(SD3 - SD2)``, below -3 SD
    ``z = -3 + (y - SD-3)/(SD-2 - SD-3)``.
    """
    z = z_plain(y, l, m, s)
    with np.errstate(invalid="ignore"):
        high = np.flatnonzero(z > 3.0)
        low = np.flatnonzero(z < -3.0)
    if high.size:
        yh, lh, mh, sh = y[high], l[high], m[high], s[high]
        sd3, sd2 = _sd(lh, mh, sh, 3.0), _sd(lh, mh, sh, 2.0)
        z[high] = 3.0 + (yh - sd3) / (sd3 - sd2)
    if low.size:
        yl, ll, ml, sl = y[low], l[low], m[low], s[low]
        sd3, sd2 = _sd(ll, ml, sl, -3.0), _sd(ll, ml, sl, -2.0)
        z[low] = -3.0 + (yl - sd3) / (sd2 - sd3)
    return z


def _sd(l: np.ndarray, m: np.ndarray, s: np.ndarray, k: float) -> np.ndarray:
    """The measurement at ``k`` SD: ``M * (1 + L*S*k)^(1/L)``."""
    return m * np.power(1.0 + l * s * k, 1.0 / l)


def _sex_index(sex: np.ndarray) -> np.ndarray:
    """Row of the sex axis: 1 or 2, else 0 (the all-NaN row, so invalid sex yields NaN)."""
    return np.where((sex == 1) | (sex == 2), sex, 0).astype(np.intp)
