"""One child's measurement in, WHO z-scores out: a typed wrapper over the vectorised core.

``assess`` and ``assess_all`` call :func:`desktop_app.growth.bulk.assess_many`, so the scalar
and bulk paths share every rule (see that module for the rules and their sources).
Units: age in days, weight in kg, length/height, head and arm circumference (MUAC, LiLA) in cm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

import numpy as np

from desktop_app.growth.age import age_days_between, completed_months
from desktop_app.growth.bulk import (
    FLAG_COLUMNS,
    MEASURE_HEIGHT,
    MEASURE_LENGTH,
    Z_COLUMNS,
    assess_many,
)
from desktop_app.growth.rounding import round_z
from desktop_app.growth.tables import Sex

__all__ = [
    "Assessment",
    "Measure",
    "Measurement",
    "Sex",
    "age_days_between",
    "assess",
    "assess_all",
    "completed_months",
]

Measure = Literal["l", "h"]
"""How length/height was measured: ``"l"`` lying (recumbent length), ``"h"`` standing height."""


def as_measure(text: str | None) -> Measure | None:
    """A stored ``measure`` column as a :data:`Measure`; anything else (or None) is None."""
    if text == "l":
        return "l"
    if text == "h":
        return "h"
    return None


@dataclass(frozen=True)
class Measurement:
    """One visit's measurements. ``None`` means not measured.

    ``age_days`` whole days (see :func:`age_days_between`); ``weight_kg`` kg; ``lenhei_cm`` cm as
    measured, ``measure`` its position (``None`` unknown: taken as the one the age calls for);
    ``headc_cm`` head circumference and ``muac_cm`` mid-upper arm circumference (LiLA), cm.
    """

    sex: Sex
    age_days: int
    weight_kg: float | None = None
    lenhei_cm: float | None = None
    measure: Measure | None = None
    oedema: bool = False
    headc_cm: float | None = None
    muac_cm: float | None = None

    def __post_init__(self) -> None:
        if self.measure not in ("l", "h", None):
            raise ValueError(f"measure must be 'l', 'h' or None, not {self.measure!r}")
        if self.age_days < 0:
            raise ValueError(f"age_days must not be negative, got {self.age_days}")
        object.__setattr__(self, "sex", Sex(self.sex))


@dataclass(frozen=True)
class Assessment:
    """WHO z-scores (full precision) and flags; ``None`` = not computable.

    A flag is ``True`` when the z-score is implausible (WHO: zlen |z| > 6; zwei z < -6 or > 5;
    others |z| > 5), ``False`` when plausible and ``None`` when there is no z-score.
    ``lenhei_adjusted_cm`` is the length/height after the 0.7 cm position adjustment and
    ``position_dropped`` says a standing measure under 9 months was ignored (WHO's c9mo flag).
    Call :meth:`rounded` for the 2-decimal values WHO reports and users see.
    """

    zlen: float | None
    flen: bool | None
    zwei: float | None
    fwei: bool | None
    zwfl: float | None
    fwfl: bool | None
    zbmi: float | None
    fbmi: bool | None
    zhc: float | None
    fhc: bool | None
    zac: float | None
    fac: bool | None
    lenhei_adjusted_cm: float | None = None
    bmi: float | None = None
    position_dropped: bool = False

    def rounded(self, decimals: int = 2) -> Assessment:
        """A copy with every z-score rounded half away from zero (see ``rounding``)."""
        rounded: dict[str, Any] = {
            f.name: round_z(getattr(self, f.name), decimals)
            for f in fields(self)
            if f.name.startswith("z")
        }
        return replace(self, **rounded)


def assess(m: Measurement) -> Assessment:
    """WHO z-scores for one measurement."""
    return assess_all([m])[0]


def assess_all(measurements: Sequence[Measurement]) -> list[Assessment]:
    """WHO z-scores for many measurements in one vectorised pass (e.g. a child's history)."""
    codes = {None: 0, "l": MEASURE_LENGTH, "h": MEASURE_HEIGHT}
    out = assess_many(
        sex=[int(m.sex) for m in measurements],
        age_days=[m.age_days for m in measurements],
        weight=[m.weight_kg for m in measurements],
        lenhei=[m.lenhei_cm for m in measurements],
        measure=np.array([codes[m.measure] for m in measurements], dtype=np.int8),
        oedema=[m.oedema for m in measurements],
        headc=[m.headc_cm for m in measurements],
        muac=[m.muac_cm for m in measurements],
    )
    rows = []
    for i in range(len(measurements)):
        values: dict[str, Any] = {}  # z-scores (float | None) and flags (bool | None)
        for zkey, fkey in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
            z = _opt(out[zkey][i])
            values[zkey] = z
            values[fkey] = None if z is None else bool(out[fkey][i])
        rows.append(
            Assessment(
                **values,
                lenhei_adjusted_cm=_opt(out["clenhei"][i]),
                bmi=_opt(out["cbmi"][i]),
                position_dropped=bool(out["f9mo"][i]),
            )
        )
    return rows


def _opt(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value
