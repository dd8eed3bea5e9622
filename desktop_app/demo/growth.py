"""Plausible growth: measurements that follow each child's own z-score trajectory.

Every child has a starting length/height-for-age z-score (stunted children below -2, children
at risk between -2 and about 0), a weight-for-age z-score correlated with it, and a slow drift
per month; about one child in seven improves steadily (the programme working). Each visit adds
small measurement noise. The z-score at the visit's age is turned back into centimetres and
kilograms through WHO's own LMS tables (:mod:`desktop_app.growth.tables`), so a child's curve
runs parallel to the WHO lines the way real children's do. Measurements are rounded to 0.1;
children are measured lying under 24 months and standing from 24 months, about 2% of visits
in the wrong position (which WHO's 0.7 cm rule then corrects).

Everything is vectorised with NumPy: a million visits take about a second.
"""

# ruff: noqa: E741  (l, m, s are the LMS method's own names)
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_app.growth.bulk import MEASURE_HEIGHT, MEASURE_LENGTH
from desktop_app.growth.lms import by_age
from desktop_app.growth.rounding import round_half_away
from desktop_app.growth.tables import LmsTable, who_tables

__all__ = ["Measurements", "Trajectories", "draw_trajectories", "simulate_measurements"]

_HEIGHT_FROM_DAYS = 731  # WHO: height (standing) from 24 months
_POSITION_CM = 0.7
_WRONG_POSITION = 0.028  # of visits at 9-48 months: about 2% of all visits


@dataclass(frozen=True)
class Trajectories:
    """Per-child parameters (arrays indexed by child): z at the first visit and drift per month."""

    haz0: np.ndarray
    haz_slope: np.ndarray
    waz0: np.ndarray
    waz_slope: np.ndarray
    hcz: np.ndarray  # head circumference-for-age, constant plus noise
    acz: np.ndarray  # arm circumference-for-age


@dataclass(frozen=True)
class Measurements:
    """Per-visit values as measured: kg, cm (NaN = not measured) and position codes
    (:data:`desktop_app.growth.bulk.MEASURE_LENGTH` / ``MEASURE_HEIGHT``)."""

    weight_kg: np.ndarray
    lenhei_cm: np.ndarray
    measure: np.ndarray
    headc_cm: np.ndarray
    muac_cm: np.ndarray


def draw_trajectories(
    rng: np.random.Generator, stunting: np.ndarray, improving: np.ndarray
) -> Trajectories:
    """Trajectory parameters for children with the given status flags (boolean arrays)."""
    n = stunting.shape[0]
    haz0 = np.where(
        stunting,
        -2.05 - np.abs(rng.normal(0.0, 0.55, n)),
        np.clip(rng.normal(-1.35, 0.4, n), -1.95, 0.3),
    )
    haz_slope = np.where(improving, rng.uniform(0.05, 0.12, n), rng.normal(-0.01, 0.015, n))
    waz0 = 0.6 * haz0 - 0.3 + rng.normal(0.0, 0.5, n)
    waz_slope = 0.7 * haz_slope + rng.normal(0.0, 0.01, n)
    hcz = 0.4 * haz0 + rng.normal(0.0, 0.7, n)
    acz = 0.5 * waz0 + rng.normal(0.2, 0.6, n)
    return Trajectories(haz0, haz_slope, waz0, waz_slope, hcz, acz)


def simulate_measurements(
    rng: np.random.Generator,
    trajectories: Trajectories,
    *,
    child: np.ndarray,
    sex: np.ndarray,
    age_days: np.ndarray,
    months: np.ndarray,
) -> Measurements:
    """Measurements for visits of ``child`` (index into ``trajectories``), WHO ``sex`` codes
    (1/2), whole-day ``age_days`` and ``months`` since the child's first visit."""
    n = child.shape[0]
    t = trajectories
    tables = who_tables()
    haz = t.haz0[child] + t.haz_slope[child] * months + rng.normal(0.0, 0.10, n)
    waz = t.waz0[child] + t.waz_slope[child] * months + rng.normal(0.0, 0.12, n)
    expected = _value_at(tables.length, sex, age_days, np.clip(haz, -5.5, 4.0), restricted=False)
    weight = _value_at(tables.weight, sex, age_days, np.clip(waz, -5.0, 4.0), restricted=True)

    standing_age = age_days >= _HEIGHT_FROM_DAYS
    months_old = age_days / 30.4375
    wrong = (rng.random(n) < _WRONG_POSITION) & (months_old >= 9) & (months_old < 48)
    standing = standing_age ^ wrong
    # Standing reads about 0.7 cm less than lying (WHO), whichever the age calls for.
    lenhei = expected + np.where(standing_age & ~standing, _POSITION_CM, 0.0)
    lenhei -= np.where(~standing_age & standing, _POSITION_CM, 0.0)
    measure = np.where(standing, MEASURE_HEIGHT, MEASURE_LENGTH).astype(np.int8)

    head_measured = rng.random(n) < np.where(standing_age, 0.10, 0.60)
    hcz = t.hcz[child] + rng.normal(0.0, 0.15, n)
    headc = np.where(
        head_measured, _value_at(tables.head, sex, age_days, hcz, restricted=False), np.nan
    )
    arm_measured = (age_days >= 183) & (rng.random(n) < 0.35)
    acz = t.acz[child] + rng.normal(0.0, 0.2, n)
    muac = np.where(
        arm_measured,
        _value_at(tables.arm, sex, np.maximum(age_days, tables.arm.first), acz, restricted=True),
        np.nan,
    )
    return Measurements(
        weight_kg=round_half_away(weight, 1),
        lenhei_cm=round_half_away(lenhei, 1),
        measure=measure,
        headc_cm=round_half_away(headc, 1),
        muac_cm=round_half_away(muac, 1),
    )


def _value_at(
    table: LmsTable, sex: np.ndarray, age_days: np.ndarray, z: np.ndarray, *, restricted: bool
) -> np.ndarray:
    """The measurement that has z-score ``z`` at this age: the inverse of WHO's formulas."""
    l, m, s, _inside = by_age(table, sex.astype(np.float64), age_days.astype(np.float64))
    if not restricted:
        return _at_sd(l, m, s, z)
    inner = _at_sd(l, m, s, np.clip(z, -3.0, 3.0))
    high = _at_sd(l, m, s, 3.0) + (z - 3.0) * (_at_sd(l, m, s, 3.0) - _at_sd(l, m, s, 2.0))
    low = _at_sd(l, m, s, -3.0) + (z + 3.0) * (_at_sd(l, m, s, -2.0) - _at_sd(l, m, s, -3.0))
    return np.where(z > 3.0, high, np.where(z < -3.0, low, inner))


def _at_sd(l: np.ndarray, m: np.ndarray, s: np.ndarray, z: np.ndarray | float) -> np.ndarray:
    """``M * (1 + L*S*z)^(1/L)``: the measurement at ``z`` SD of an LMS distribution."""
    return m * np.power(1.0 + l * s * z, 1.0 / l)
