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
    "AgeBand",
    "AidToDate",
    "AreaRow",
    "AttentionReason",
    "AttentionRow",
    "CorrectionRow",
    "KeyFigures",
    "MonthlySummaryData",
    "OpdRow",
    "Outcomes",
    "PosyanduRow",
    "Prevalence",
    "PrevalenceRow",
    "Rate",
    "SkdnSubtotal",
    "StatusDistribution",
    "TrendPoint",
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
    """One posyandu's SKDN of the month (children without a posyandu: one row per desa)."""

    posyandu: str
    desa: str
    skdn: Skdn
    kecamatan: str = "-"


@dataclass(frozen=True)
class SkdnSubtotal:
    """SKDN of one desa (``desa`` set) or one kecamatan (``desa`` is ``None``)."""

    kecamatan: str
    desa: str | None
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


#: Attention reasons, most severe first (the list is sorted by the first reason of each row).
ATTENTION_ORDER = ("gizi_buruk", "bgm", "2t", "memburuk", "belum_dikunjungi")


@dataclass(frozen=True)
class AttentionReason:
    """Why a child is listed: ``code`` (one of :data:`ATTENTION_ORDER`) and the z-score that
    caused it: ``indicator`` ``"BB/TB"`` (gizi buruk), ``"BB/U"`` (BGM) or ``"TB/U"``
    (memburuk, with ``z_before``); no z for 2T and not visited."""

    code: str
    indicator: str | None = None
    z: float | None = None
    z_before: float | None = None

    @property
    def rank(self) -> int:
        return ATTENTION_ORDER.index(self.code)


@dataclass(frozen=True)
class AttentionRow:
    """A child to follow up, once, with every reason that applies, most severe first."""

    name: str
    age_months: int
    kecamatan: str
    desa: str
    guardian: str
    reasons: tuple[AttentionReason, ...]

    @property
    def severity(self) -> int:
        """Rank of the most severe reason (0: gizi buruk ... 4: not visited)."""
        return self.reasons[0].rank

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


@dataclass(frozen=True)
class StatusDistribution:
    """Children per category of one indicator (latest measurement of the month)."""

    indicator: str  # "TB/U", "BB/U", "BB/TB"
    counts: tuple[tuple[str, int], ...]  # (category label, children), lowest band first

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


@dataclass(frozen=True)
class Rate:
    """``count`` of ``denominator`` children (a prevalence); ``fraction`` is ``None`` for 0/0."""

    count: int
    denominator: int

    @property
    def fraction(self) -> float | None:
        return self.count / self.denominator if self.denominator else None


@dataclass(frozen=True)
class AgeBand:
    """Completed months ``low`` to ``high`` inclusive (e-PPGBM bands 0-5, 6-11, 12-23, 24-59)."""

    low: int
    high: int


@dataclass(frozen=True)
class PrevalenceRow:
    """Stunting (TB/U < -2), wasting (BB/TB < -2), underweight (BB/U < -2) and overweight
    (BB/TB > +2) among the children with a plausible z of that indicator at their latest
    measurement of the month. ``group`` is ``"total"``, ``"sex"`` (``key`` "L"/"P"), ``"age"``
    (``age``), ``"kecamatan"`` or ``"desa"`` (``key`` the name, ``kecamatan`` its kecamatan)."""

    group: str
    key: str
    stunted: Rate
    wasted: Rate
    underweight: Rate
    overweight: Rate
    kecamatan: str = ""
    age: AgeBand | None = None


@dataclass(frozen=True)
class Prevalence:
    total: PrevalenceRow
    by_sex: tuple[PrevalenceRow, ...]
    by_age: tuple[PrevalenceRow, ...]
    by_area: tuple[PrevalenceRow, ...]  # each kecamatan row, then its desa rows


@dataclass(frozen=True)
class TrendPoint:
    """One month of the 12-month trend: stunting among the children with a plausible HAZ at
    their latest measurement, and visits done / due (the same definitions as the headline)."""

    month: Month
    haz_measured: int
    stunted: int
    visits_done: int
    visits_due: int

    @property
    def stunted_rate(self) -> Rate:
        return Rate(self.stunted, self.haz_measured)


@dataclass(frozen=True)
class AidToDate:
    """Aid of the aid months up to the report's month, for one programme (or ``None``)."""

    programme: str | None
    planned: int
    paid: int
    children: int

    @property
    def outstanding(self) -> int:
        return self.planned - self.paid


@dataclass(frozen=True)
class Outcomes:
    """Programme outcomes up to the reference day.

    ``exits_*``: (exit reason code, children) of the month and since the start; ``transitions``:
    (TB/U category at the first plausible HAZ, category at the latest, children) for children
    measured twice or more, untranslated category labels; ``haz_change_*``: children with
    at least 3 completed months since enrolment and two plausible HAZ, and their mean change."""

    exits_month: tuple[tuple[str, int], ...]
    exits_to_date: tuple[tuple[str, int], ...]
    transitions: tuple[tuple[str, str, int], ...]
    haz_change_children: int
    haz_change_mean: float | None
    aid_to_date: tuple[AidToDate, ...]


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
    skdn_subtotals: tuple[SkdnSubtotal, ...] = ()
    prevalence: Prevalence | None = None
    trend: tuple[TrendPoint, ...] = ()
    outcomes: Outcomes | None = None
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
