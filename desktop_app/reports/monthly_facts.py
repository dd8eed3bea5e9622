"""What the monthly summary needs to know about each registered child, computed in bulk.

Per child: assigned this month, visits due and done, the latest measurement of the month and of
the previous month, the HAZ before the month (for "memburuk"), and the child's SKDN of the month
(:func:`desktop_app.growth.skdn_for_month` on its weighings of the window, see ``month_scope``).

Speed (50,000 children): category bands come from one vectorised
:func:`desktop_app.growth.categories.band_many` call per indicator instead of a scalar
``classify`` per child. For the same reason the weighings are handed to ``skdn_for_month``
without their z-scores and BGM is set afterwards from the bands of the month's weighing: the
rule of :mod:`desktop_app.growth.monthly` (the month's last weighing, BB/U below -3 SD after
2-decimal rounding, i.e. band 0), evaluated for all children at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import numpy as np

from desktop_app.growth import KbmTable, Skdn, SkdnChild, Weighing, skdn_for_month
from desktop_app.growth.categories import band_many
from desktop_app.reports.figures import visit_target
from desktop_app.reports.month_scope import ChildRow, IdKey, MonthScope, VisitRow

__all__ = ["ChildFacts", "child_facts"]

SEVERE_BAND, MODERATE_BAND = 0, 1  # band_many: 0 is z < -3, 1 is -3 <= z < -2


class ChildFacts:
    """One child's month (filled by :func:`child_facts`); ``*_band`` are band_many bands,
    -1 without a plausible z-score."""

    __slots__ = (
        "child", "assigned", "visits_due", "guardian_visits", "guardian_id", "latest",
        "latest_last_month", "before_zlen", "skdn", "month_weighing_zwei", "tbu_band",
        "tbu_band_last_month", "bbu_band", "bbtb_band",
    )  # fmt: skip

    def __init__(self, child: ChildRow) -> None:
        self.child = child
        self.assigned = False
        self.visits_due = 0
        self.guardian_visits = 0
        self.guardian_id: IdKey | None = None
        self.latest: VisitRow | None = None
        self.latest_last_month: VisitRow | None = None
        self.before_zlen: float | None = None
        self.skdn: Skdn
        self.month_weighing_zwei: float | None = None
        self.tbu_band = self.tbu_band_last_month = self.bbu_band = self.bbtb_band = -1

    @property
    def measured(self) -> bool:
        return self.latest is not None

    @property
    def two_t(self) -> bool:
        return self.skdn.two_t > 0

    @property
    def bgm(self) -> bool:
        return self.skdn.bgm > 0

    @property
    def latest_zlen(self) -> float | None:
        return plausible(self.latest, "zlen", "flen")

    def stunted(self, *, severe: bool = False, last_month: bool = False) -> bool:
        """PB/U-TB/U below -2 SD (``severe``: below -3 SD), 2-decimal HAZ, as Permenkes."""
        band = self.tbu_band_last_month if last_month else self.tbu_band
        return band == SEVERE_BAND or (not severe and band == MODERATE_BAND)


def plausible(visit: VisitRow | None, z_name: str, flag_name: str) -> float | None:
    """The stored z-score unless WHO's flag calls it implausible."""
    if visit is None or getattr(visit, flag_name):
        return None
    return getattr(visit, z_name)


def child_facts(scope: MonthScope, kbm: KbmTable) -> dict[IdKey, ChildFacts]:
    facts = {c.id: ChildFacts(c) for c in scope.children}
    for a in scope.assignments:
        f = facts[a.child_id]
        f.assigned = True
        f.visits_due = visit_target([f.visits_due, a.visit_target])  # per child (figures)
        f.guardian_id = a.guardian_id
    first_day, last_month_first = scope.month.first_day, scope.month.previous().first_day
    for child_id, f in facts.items():
        visits = scope.visits_by_child.get(child_id, ())
        weighings = _scan_visits(f, visits, first_day, last_month_first)
        first = scope.first_weighing.get(child_id)
        if weighings and first is not None and first < weighings[0].on:
            # Only "was there a weighing before?" matters for B; this marker's weight cannot
            # reach the month's status (it lies before the window's first month).
            weighings.insert(0, Weighing(first, weighings[0].weight_kg))
        skdn_child = SkdnChild(f.child.birth_date, f.child.has_kia_book, weighings)
        f.skdn = skdn_for_month([skdn_child], scope.month, kbm)
    _classify(list(facts.values()))
    return facts


def _scan_visits(
    f: ChildFacts, visits: Iterable[VisitRow], first_day: date, last_month_first: date
) -> list[Weighing]:
    weighings: list[Weighing] = []
    for v in visits:
        measured = v.weight_kg is not None or v.lenhei_cm is not None
        if v.on >= first_day:
            if v.guardian_id is not None and f.assigned:
                f.guardian_visits += 1
            if measured:
                f.latest = v
            if v.weight_kg is not None:
                f.month_weighing_zwei = None if v.fwei else v.zwei
        elif measured:
            if v.on >= last_month_first:
                f.latest_last_month = v
            if v.zlen is not None and not v.flen:
                f.before_zlen = v.zlen
        if v.weight_kg is not None and v.on >= f.child.birth_date:
            weighings.append(Weighing(v.on, v.weight_kg))
    return weighings


def _bands(values: list[float | None]) -> list[int]:
    array = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    return band_many(array).tolist() if len(array) else []


def _classify(facts: list[ChildFacts]) -> None:
    tbu = _bands([f.latest_zlen for f in facts])
    tbu_last = _bands([plausible(f.latest_last_month, "zlen", "flen") for f in facts])
    bbu = _bands([plausible(f.latest, "zwei", "fwei") for f in facts])
    bbtb = _bands([plausible(f.latest, "zwfl", "fwfl") for f in facts])
    bgm = _bands([f.month_weighing_zwei for f in facts])
    for i, f in enumerate(facts):
        f.tbu_band, f.tbu_band_last_month, f.bbu_band, f.bbtb_band = (
            tbu[i],
            tbu_last[i],
            bbu[i],
            bbtb[i],
        )
        if f.skdn.d and bgm[i] == SEVERE_BAND:
            f.skdn = replace(f.skdn, bgm=1)
