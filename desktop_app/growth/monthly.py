"""A child's monthly weighing status (posyandu/KMS practice): N, T, O, B, 2T and BGM.

Pure functions over plain data; the database layer passes a child's weighings in. Weights in kg,
gains and KBM in grams, ages in completed months (:func:`~desktop_app.growth.age.completed_months`).

Definitions (DESIGN.md, "Posyandu monthly indicators"), made precise here:

* A month's weighing is the child's **last** weighing in that calendar month.
* **B** (baru): the child's first weighing ever, i.e. no weighing in any earlier month. The
  caller passes the whole history, including posyandu weighings from before enrolment; the birth
  weight is not a weighing.
* **O**: weighed this month, not last month, and not B.
* **N** (naik): weighed this and last month and the gain, rounded to whole grams, is at least the
  KBM for the child's age in completed months on this month's weighing date.
* **T** (tidak naik): weighed this and last month, gain below KBM (a loss included).
* **2T**: T this month and T last month (refer to the puskesmas). ``code`` reads "2T"; the status
  stays T, so T counts include 2T children.
* **BGM** (bawah garis merah): weight-for-age z < -3 SD, classified like the category (rounded to
  2 decimals), at this month's weighing; a warning to confirm, not a diagnosis. Without a stored
  z-score (e.g. oedema) there is no BGM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.core.month import Month
from desktop_app.growth.age import completed_months
from desktop_app.growth.categories import Indicator, Severity, classify
from desktop_app.growth.kbm import KbmTable

__all__ = ["MonthStatus", "WeighStatus", "Weighing", "month_status", "weighing_history"]


@dataclass(frozen=True)
class Weighing:
    """One weighing: date, weight (kg) and the stored weight-for-age z-score, if any."""

    on: date
    weight_kg: float
    zwei: float | None = None


class WeighStatus(StrEnum):
    NAIK = "N"
    TIDAK_NAIK = "T"
    TIDAK_DITIMBANG_BULAN_LALU = "O"
    BARU = "B"


@dataclass(frozen=True)
class MonthStatus:
    """A child's status in a month in which the child was weighed."""

    month: Month
    status: WeighStatus
    two_t: bool
    bgm: bool
    weighing: Weighing
    age_months: int
    gain_g: int | None  # None for B and O (no weighing last month)
    kbm_g: int | None

    @property
    def code(self) -> str:
        """The register code: "N", "T", "2T", "O" or "B"."""
        return "2T" if self.two_t else self.status.value


def weighing_history(
    birth: date, weighings: Iterable[Weighing], kbm: KbmTable
) -> dict[Month, MonthStatus]:
    """Status of every month in which the child was weighed, oldest first.

    Raises ``ValueError`` for a weighing before ``birth``.
    """
    # Months are counted as year * 12 + month - 1 inside (the previous month is one less):
    # hashing a Month per lookup cost the monthly report a second at 50,000 children.
    last_of_month: dict[int, Weighing] = {}
    for w in sorted(weighings, key=_day):
        if w.on < birth:
            raise ValueError(f"weighing on {w.on.isoformat()} is before birth {birth.isoformat()}")
        last_of_month[w.on.year * 12 + w.on.month - 1] = w

    history: dict[Month, MonthStatus] = {}
    statuses: dict[int, WeighStatus] = {}
    for index, w in last_of_month.items():
        age = completed_months(birth, w.on)
        before = last_of_month.get(index - 1)
        gain = kbm_g = None
        if not history:
            status = WeighStatus.BARU
        elif before is None:
            status = WeighStatus.TIDAK_DITIMBANG_BULAN_LALU
        else:
            # Whole grams, so 8.3 - 7.5 kg is 800 g and not 799.9999 g.
            gain = round((w.weight_kg - before.weight_kg) * 1000)
            kbm_g = kbm.grams_for(age)
            status = WeighStatus.NAIK if gain >= kbm_g else WeighStatus.TIDAK_NAIK
        two_t = (
            status is WeighStatus.TIDAK_NAIK and statuses.get(index - 1) is WeighStatus.TIDAK_NAIK
        )
        category = classify(Indicator.BB_U, w.zwei)
        bgm = category is not None and category.severity is Severity.SEVERE
        month = Month(index // 12, index % 12 + 1)
        history[month] = MonthStatus(month, status, two_t, bgm, w, age, gain, kbm_g)
        statuses[index] = status
    return history


def _day(w: Weighing) -> date:
    return w.on


def month_status(
    birth: date, weighings: Iterable[Weighing], month: Month, kbm: KbmTable
) -> MonthStatus | None:
    """The child's status in ``month``; ``None`` if not weighed that month (not in D)."""
    return weighing_history(birth, weighings, kbm).get(month)
