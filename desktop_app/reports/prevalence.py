"""Prevalence of stunting, wasting, underweight and overweight, as the e-PPGBM routine report
shows them: a percentage of the children measured, with the count and the denominator, for the
district, by sex, by age band and per kecamatan and desa.

Pure functions over one small record per measured child (built in ``monthly_data`` from the
month's facts), so the arithmetic is tested without a database. Classes are the Permenkes
2/2020 bands of :func:`desktop_app.growth.categories.band_many` (0: z < -3, 1: -3 <= z < -2,
..., 5: z > +3; -1 without a plausible z):

* stunting: PB/U-TB/U band 0-1 (pendek + sangat pendek);
* wasting: BB/PB-BB/TB band 0-1 (gizi kurang + gizi buruk);
* underweight: BB/U band 0-1 (berat badan kurang + sangat kurang);
* overweight: BB/PB-BB/TB band 4-5 (gizi lebih + obesitas, z > +2).

Each indicator's denominator is the children with a plausible z of *that* indicator at their
latest measurement of the month (a child weighed but not measured for length counts for
underweight only), as e-PPGBM divides by the children measured for each indicator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.reports.monthly_model import AgeBand, Prevalence, PrevalenceRow, Rate

__all__ = ["AGE_BANDS", "MeasuredChild", "age_band_of", "prevalence"]

#: e-PPGBM's age bands in completed months; older children (60+) have no band of their own.
AGE_BANDS = (AgeBand(0, 5), AgeBand(6, 11), AgeBand(12, 23), AgeBand(24, 59))
_NO_AREA = "-"


@dataclass(frozen=True, slots=True)
class MeasuredChild:
    """One child measured in the month: sex "L"/"P", age in completed months at the latest
    measurement, area, and the bands of that measurement (-1: no plausible z)."""

    sex: str
    age_months: int
    kecamatan: str
    desa: str
    tbu_band: int
    bbu_band: int
    bbtb_band: int


def age_band_of(age_months: int) -> AgeBand | None:
    for band in AGE_BANDS:
        if band.low <= age_months <= band.high:
            return band
    return None


class _Tally:
    """Counts and denominators of the four indicators over a group of children."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        # stunted, wasted, underweight, overweight; then their denominators
        self.counts = [0] * 8

    def add(self, child: MeasuredChild) -> None:
        c = self.counts
        if child.tbu_band >= 0:
            c[4] += 1
            c[0] += child.tbu_band <= 1
        if child.bbtb_band >= 0:
            c[5] += 1
            c[7] += 1
            c[1] += child.bbtb_band <= 1
            c[3] += child.bbtb_band >= 4
        if child.bbu_band >= 0:
            c[6] += 1
            c[2] += child.bbu_band <= 1

    def row(self, group: str, key: str, **extra: object) -> PrevalenceRow:
        c = self.counts
        return PrevalenceRow(
            group, key, Rate(c[0], c[4]), Rate(c[1], c[5]), Rate(c[2], c[6]), Rate(c[3], c[7]),
            **extra,  # type: ignore[arg-type]
        )  # fmt: skip


def prevalence(children: Iterable[MeasuredChild]) -> Prevalence:
    """The four prevalences for all ``children`` and by sex, age band, kecamatan and desa.

    Sex rows: "L" then "P" (always both); age rows: the four bands (always), plus nothing for
    older children (they count in the total only); areas sorted by name, children without a
    desa ("-") last."""
    total = _Tally()
    by_sex = {"L": _Tally(), "P": _Tally()}
    by_age = {band: _Tally() for band in AGE_BANDS}
    by_kecamatan: dict[str, _Tally] = defaultdict(_Tally)
    by_desa: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for child in children:
        total.add(child)
        if child.sex in by_sex:
            by_sex[child.sex].add(child)
        band = age_band_of(child.age_months)
        if band is not None:
            by_age[band].add(child)
        by_kecamatan[child.kecamatan].add(child)
        by_desa[(child.kecamatan, child.desa)].add(child)
    areas: list[PrevalenceRow] = []
    for kecamatan in sorted(by_kecamatan, key=lambda k: (k == _NO_AREA, k)):
        areas.append(by_kecamatan[kecamatan].row("kecamatan", kecamatan, kecamatan=kecamatan))
        desas = sorted(d for k, d in by_desa if k == kecamatan)
        for desa in sorted(desas, key=lambda d: (d == _NO_AREA, d)):
            areas.append(by_desa[(kecamatan, desa)].row("desa", desa, kecamatan=kecamatan))
    return Prevalence(
        total=total.row("total", ""),
        by_sex=tuple(tally.row("sex", sex) for sex, tally in by_sex.items()),
        by_age=tuple(tally.row("age", f"{b.low}-{b.high}", age=b) for b, tally in by_age.items()),
        by_area=tuple(areas),
    )
