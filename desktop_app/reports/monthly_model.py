"""The monthly summary's data: every figure the printed Laporan bulanan shows, computed once.

Frozen plain dataclasses (no ORM), built by :mod:`desktop_app.reports.monthly_data` and drawn by
:mod:`desktop_app.reports.monthly` and :mod:`desktop_app.reports.xlsx`, so the numbers printed are
the numbers tested. Money in integer rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.month import Month
from desktop_app.growth import Skdn
from desktop_app.reports.header_data import ReportHeader

__all__ = [
    "AreaRow",
    "AttentionRow",
    "CorrectionRow",
    "KeyFigures",
    "MonthlySummaryData",
    "OpdRow",
    "PosyanduRow",
    "StatusDistribution",
]


@dataclass(frozen=True)
class KeyFigures:
    """Headline numbers of the month (definitions in ``monthly_data``'s docstring)."""

    registered: int
    with_guardian: int
    new_assignments: int
    ended_assignments: int
    visits_done: int
    visits_due: int
    measured: int
    stunted: int
    severely_stunted: int
    stunted_last_month: int
    severely_stunted_last_month: int
    aid_planned: int
    aid_paid: int
    aid_children_planned: int
    aid_children_paid: int

    @property
    def aid_outstanding(self) -> int:
        return self.aid_planned - self.aid_paid

    @property
    def stunted_change(self) -> int:
        return self.stunted - self.stunted_last_month

    @property
    def severely_stunted_change(self) -> int:
        return self.severely_stunted - self.severely_stunted_last_month


@dataclass(frozen=True)
class AreaRow:
    """One desa (with its kecamatan): children registered, fostered, measured, stunted."""

    kecamatan: str
    desa: str
    registered: int
    with_guardian: int
    measured: int
    stunted: int
    visits_done: int
    visits_due: int


@dataclass(frozen=True)
class PosyanduRow:
    """One posyandu's SKDN of the month."""

    posyandu: str
    desa: str
    skdn: Skdn


@dataclass(frozen=True)
class OpdRow:
    """One OPD: its ASN on record, those fostering this month, their children and visits."""

    code: str
    name: str
    asn_registered: int
    asn_fostering: int
    children: int
    visits_done: int


@dataclass(frozen=True)
class AttentionRow:
    """A child to follow up, with the reasons ("Memburuk", "BGM", "2T", "Belum dikunjungi")."""

    name: str
    age_months: int
    desa: str
    guardian: str
    zlen: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class StatusDistribution:
    """Children per category of one indicator (latest measurement of the month)."""

    indicator: str  # "TB/U", "BB/U", "BB/TB"
    counts: tuple[tuple[str, int], ...]  # (category label, children), lowest band first

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


@dataclass(frozen=True)
class CorrectionRow:
    """A record of a closed month changed after the month was closed ("koreksi setelah tutup
    bulan"): which month, what record, whose, its date, when and how it changed."""

    month: Month
    record: str  # "Kunjungan", "Bantuan", "Anak", "Penugasan"
    subject: str  # the child's name
    on: date | None  # the record's own date (visit date, aid month ...)
    changed_on: date
    change: str  # "diubah", "dihapus", "ditambahkan"


@dataclass(frozen=True)
class MonthlySummaryData:
    header: ReportHeader
    month: Month
    programme_name: str | None
    figures: KeyFigures
    skdn: Skdn
    areas: tuple[AreaRow, ...]
    posyandu: tuple[PosyanduRow, ...]
    opds: tuple[OpdRow, ...]
    attention: tuple[AttentionRow, ...]
    distributions: tuple[StatusDistribution, ...]
    #: Edits to closed months listed in this report (at most ``CORRECTIONS_SHOWN`` rows) and
    #: how many there were in all (``reports.corrections``).
    corrections: tuple[CorrectionRow, ...] = ()
    corrections_total: int = 0
    #: True when "bulan lalu" comes from the previous month's closed figures.
    last_month_closed: bool = False

    @property
    def is_empty(self) -> bool:
        """Nothing registered and nothing happened: the report says so instead of zeros."""
        f = self.figures
        return f.registered == 0 and f.visits_done == 0 and f.aid_planned == 0
