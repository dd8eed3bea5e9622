"""SKDN: the posyandu's monthly counts and ratios, for any set of children.

DESIGN.md, "Posyandu monthly indicators". Counts for one month over the children the caller
passes (a posyandu's, a desa's ...); results of several areas add up with ``+`` for roll-ups.

* S: children aged 0-59 completed months, taken at the first day of the month; children born
  during the month count too. K: those of S with a KMS / Buku KIA. D: those of S weighed in the
  month. N, T, O, B, 2T, BGM: statuses of the D children (see :mod:`desktop_app.growth.monthly`;
  2T children are also counted in T). ``dk``: those of D with a KMS / Buku KIA, the numerator of
  D/K, so D/K (weighed among card holders) never exceeds 100 % when children without a card are
  weighed too.
* Ratios are fractions (0.388, not 38.8 %), ``None`` when the denominator is 0. N/D uses all
  weighed children; N/D' uses D' = D - O - B, the children who *could* have gained (weighed last
  month too), the fairer measure when many are new.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date

from desktop_app.core.month import Month
from desktop_app.growth.age import completed_months
from desktop_app.growth.kbm import KbmTable
from desktop_app.growth.monthly import Weighing, WeighStatus, month_status

__all__ = ["Skdn", "SkdnChild", "skdn_for_month"]

_UNDER_FIVE_MONTHS = 60


@dataclass(frozen=True)
class SkdnChild:
    """What SKDN needs of a child: birth date, KMS/Buku KIA ownership and all weighings."""

    birth_date: date
    has_kms: bool
    weighings: Sequence[Weighing]


@dataclass(frozen=True)
class Skdn:
    """SKDN counts of one month; ratio properties are fractions or ``None``."""

    month: Month
    s: int = 0
    k: int = 0
    d: int = 0
    n: int = 0
    t: int = 0
    o: int = 0
    b: int = 0
    two_t: int = 0
    bgm: int = 0
    dk: int = 0

    def __add__(self, other: Skdn) -> Skdn:
        if other.month != self.month:
            raise ValueError(f"cannot add SKDN of {other.month} to {self.month}")
        counts = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in fields(self)
            if f.name != "month"
        }
        return Skdn(self.month, **counts)

    @property
    def d_prime(self) -> int:
        """D' = D - O - B: weighed this month and last month."""
        return self.d - self.o - self.b

    @property
    def k_s(self) -> float | None:
        return _ratio(self.k, self.s)

    @property
    def d_s(self) -> float | None:
        """Participation, the headline indicator."""
        return _ratio(self.d, self.s)

    @property
    def d_k(self) -> float | None:
        """Weighed among the children with a KMS / Buku KIA (``dk / k``, at most 1)."""
        return _ratio(self.dk, self.k)

    @property
    def n_d(self) -> float | None:
        return _ratio(self.n, self.d)

    @property
    def n_d_prime(self) -> float | None:
        return _ratio(self.n, self.d_prime)

    @property
    def n_s(self) -> float | None:
        return _ratio(self.n, self.s)

    @property
    def bgm_d(self) -> float | None:
        return _ratio(self.bgm, self.d)

    @property
    def two_t_d(self) -> float | None:
        return _ratio(self.two_t, self.d)

    @property
    def t_d(self) -> float | None:
        return _ratio(self.t, self.d)


def skdn_for_month(children: Iterable[SkdnChild], month: Month, kbm: KbmTable) -> Skdn:
    """SKDN of ``month`` over ``children`` (children outside 0-59 months are ignored)."""
    counts = dict.fromkeys(("s", "k", "d", "n", "t", "o", "b", "two_t", "bgm", "dk"), 0)
    for child in children:
        if not _in_s(child.birth_date, month):
            continue
        counts["s"] += 1
        counts["k"] += child.has_kms
        status = month_status(child.birth_date, child.weighings, month, kbm)
        if status is None:
            continue
        counts["d"] += 1
        counts["dk"] += child.has_kms
        key = {
            WeighStatus.NAIK: "n",
            WeighStatus.TIDAK_NAIK: "t",
            WeighStatus.TIDAK_DITIMBANG_BULAN_LALU: "o",
            WeighStatus.BARU: "b",
        }[status.status]
        counts[key] += 1
        counts["two_t"] += status.two_t
        counts["bgm"] += status.bgm
    return Skdn(month, **counts)


def _in_s(birth: date, month: Month) -> bool:
    if birth > month.last_day:
        return False
    if birth >= month.first_day:
        return True
    return completed_months(birth, month.first_day) < _UNDER_FIVE_MONTHS


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator
