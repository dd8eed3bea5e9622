"""Chart data for a child's growth charts: WHO SD curves and the child's own points.

Curves are computed from WHO's LMS tables (:mod:`desktop_app.growth.tables`) as
``M * (1 + L*S*k) ** (1/L)`` for k = -3, -2, 0, +2, +3 and cached per sex and chart, so a child
page costs only the child's points. Pure Python + NumPy; no Qt, no database.

Charts: length/height-for-age (cm, 0-60 months; the 0.7 cm step at 24 months is WHO's switch
from lying length to standing height, as on the KMS), weight-for-age (kg), and
weight-for-length (45-110 cm, under 24 months) or weight-for-height (65-120 cm), chosen by the
child's age at the latest visit as WHO chooses it. The child's points use the length adjusted
for the measuring position, the value the z-score was computed from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import numpy as np

from desktop_app.core.i18n import _
from desktop_app.growth import Measurement, Sex, assess_all
from desktop_app.growth.age import DAYS_PER_MONTH
from desktop_app.growth.tables import LmsTable, who_tables
from desktop_app.growth.zscores import as_measure
from desktop_app.visits.records import VisitRecord

__all__ = ["SD_LEVELS", "ChartKind", "ChartPoint", "GrowthChart", "growth_charts"]

SD_LEVELS = (-3, -2, 0, 2, 3)
_LENGTH_UNTIL_DAYS = 731
_AGE_STEP_DAYS = 7  # weekly points: smooth at any chart size, 261 points per curve


class ChartKind(StrEnum):
    LENGTH_FOR_AGE = "tbu"
    WEIGHT_FOR_AGE = "bbu"
    WEIGHT_FOR_LENGTH = "bbpb"
    WEIGHT_FOR_HEIGHT = "bbtb"


@dataclass(frozen=True)
class ChartPoint:
    x: float  # age in months, or length/height in cm
    y: float  # cm or kg
    z: float | None  # the stored z-score of this point's indicator


@dataclass(frozen=True)
class GrowthChart:
    """One chart: ``curves`` maps an SD level to its (x, y) points, ascending in x."""

    kind: ChartKind
    title: str
    x_label: str
    y_label: str
    curves: dict[int, tuple[tuple[float, float], ...]]
    points: tuple[ChartPoint, ...]


def _sd(table: LmsTable, sex: int, k: float) -> np.ndarray:
    l_, m, s = table.l[sex], table.m[sex], table.s[sex]
    return m * np.power(1.0 + l_ * s * k, 1.0 / l_)


@cache
def _age_curves(kind: ChartKind, sex: int) -> dict[int, tuple[tuple[float, float], ...]]:
    table = who_tables().length if kind is ChartKind.LENGTH_FOR_AGE else who_tables().weight
    days = np.arange(0, table.rows, _AGE_STEP_DAYS)
    if kind is ChartKind.LENGTH_FOR_AGE:  # draw both sides of WHO's 24-month switch
        days = np.unique(np.concatenate([days, [_LENGTH_UNTIL_DAYS - 1, _LENGTH_UNTIL_DAYS]]))
    rows = (days - table.first).astype(np.intp)
    months = days / DAYS_PER_MONTH
    return {
        k: tuple(zip(months.tolist(), _sd(table, sex, k)[rows].tolist(), strict=True))
        for k in SD_LEVELS
    }


@cache
def _length_curves(kind: ChartKind, sex: int) -> dict[int, tuple[tuple[float, float], ...]]:
    table = who_tables().wfl if kind is ChartKind.WEIGHT_FOR_LENGTH else who_tables().wfh
    rows = np.arange(0, table.rows, 5)  # every 0.5 cm
    cm = table.first + rows * table.step
    return {
        k: tuple(zip(cm.round(1).tolist(), _sd(table, sex, k)[rows].tolist(), strict=True))
        for k in SD_LEVELS
    }


def growth_charts(
    *, sex: str, visits: Sequence[VisitRecord], latest_age_days: int | None = None
) -> tuple[GrowthChart, GrowthChart, GrowthChart]:
    """The three charts (PB/U-TB/U, BB/U, BB/PB or BB/TB) for a child of ``sex`` "L"/"P" with
    ``visits`` (any order). ``latest_age_days`` chooses BB/PB vs BB/TB (default: last visit)."""
    code = int(Sex.MALE if sex == "L" else Sex.FEMALE)
    ordered = sorted(visits, key=lambda v: v.visit_date)
    adjusted = [
        a.lenhei_adjusted_cm
        for a in assess_all(
            [
                Measurement(
                    sex=Sex(code),
                    age_days=max(v.age_days, 0),
                    lenhei_cm=v.lenhei_cm,
                    measure=as_measure(v.measure),
                )
                for v in ordered
            ]
        )
    ]
    ages = [v.age_days / DAYS_PER_MONTH for v in ordered]
    if latest_age_days is None:
        latest_age_days = ordered[-1].age_days if ordered else 0
    lying = latest_age_days < _LENGTH_UNTIL_DAYS
    length_points = tuple(
        ChartPoint(age, cm, v.zlen)
        for age, cm, v in zip(ages, adjusted, ordered, strict=True)
        if cm is not None
    )
    weight_points = tuple(
        ChartPoint(age, v.weight_kg, v.zwei)
        for age, v in zip(ages, ordered, strict=True)
        if v.weight_kg is not None
    )
    wfl_kind = ChartKind.WEIGHT_FOR_LENGTH if lying else ChartKind.WEIGHT_FOR_HEIGHT
    wfl_points = tuple(
        ChartPoint(cm, v.weight_kg, v.zwfl)
        for cm, v in zip(adjusted, ordered, strict=True)
        if cm is not None and v.weight_kg is not None
    )
    months = _("Umur (bulan)")
    return (
        GrowthChart(
            ChartKind.LENGTH_FOR_AGE,
            _("Panjang/Tinggi badan menurut umur (PB/U, TB/U)"),
            months,
            _("Panjang/Tinggi badan (cm)"),
            _age_curves(ChartKind.LENGTH_FOR_AGE, code),
            length_points,
        ),
        GrowthChart(
            ChartKind.WEIGHT_FOR_AGE,
            _("Berat badan menurut umur (BB/U)"),
            months,
            _("Berat badan (kg)"),
            _age_curves(ChartKind.WEIGHT_FOR_AGE, code),
            weight_points,
        ),
        GrowthChart(
            wfl_kind,
            _("Berat badan menurut panjang badan (BB/PB)")
            if lying
            else _("Berat badan menurut tinggi badan (BB/TB)"),
            _("Panjang badan (cm)") if lying else _("Tinggi badan (cm)"),
            _("Berat badan (kg)"),
            _length_curves(wfl_kind, code),
            wfl_points,
        ),
    )
