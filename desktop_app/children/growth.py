"""Everything the child page's growth panel shows, read in one call.

:func:`load_child_growth` reads the child, its live visits (one indexed query) and the KBM table,
then computes in memory: the monthly N/T/O/B/2T/BGM register, the stunting trend (latest versus
previous visit, and since enrolment = the first visit), the z-score changes since enrolment, the
latest categories and the chart series. Runs on the DB worker thread in a read transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.children.growth_curves import GrowthChart, growth_charts
from desktop_app.core.changes import Changes, writes
from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.core.records import get_live
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Child
from desktop_app.growth import (
    Assessment,
    Category,
    Indicator,
    KbmTable,
    MonthStatus,
    Trend,
    Weighing,
    ZChanges,
    stunting_trend,
    weighing_history,
    z_changes,
)
from desktop_app.settings.kbm import load_kbm_table
from desktop_app.visits.records import VisitRecord
from desktop_app.visits.service import child_visits

__all__ = [
    "TREND_LABELS",
    "ChildGrowth",
    "GrowthSummary",
    "growth_summary",
    "load_child_growth",
    "record_chart_export",
]

TREND_LABELS = {
    Trend.MEMBAIK: N_("Membaik"),
    Trend.TETAP: N_("Tetap"),
    Trend.MEMBURUK: N_("Memburuk"),
}


@dataclass(frozen=True)
class GrowthSummary:
    """``months``: the register, oldest first; ``by_visit``: each visit's month code (N, T, 2T,
    O, B) when it is its month's last weighing; trends and changes None without two HAZ."""

    months: tuple[MonthStatus, ...]
    by_visit: dict[uuid.UUID, str]
    trend: Trend | None  # latest vs previous visit with a HAZ
    trend_since_enrolment: Trend | None
    changes_since_enrolment: ZChanges | None
    latest: dict[Indicator, Category | None]
    latest_visit_date: date | None

    @property
    def trend_label(self) -> str:
        return _(TREND_LABELS[self.trend]) if self.trend is not None else ""


@dataclass(frozen=True)
class ChildGrowth:
    child_id: uuid.UUID
    name: str
    sex: str
    birth_date: date
    visits: tuple[VisitRecord, ...]  # newest first
    summary: GrowthSummary
    charts: tuple[GrowthChart, GrowthChart, GrowthChart]


def _assessment(v: VisitRecord) -> Assessment:
    return Assessment(
        v.zlen, None, v.zwei, None, v.zwfl, None, v.zbmi, None, v.zhc, None, v.zac, None
    )


def growth_summary(
    *, birth_date: date, visits: list[VisitRecord] | tuple[VisitRecord, ...], kbm: KbmTable
) -> GrowthSummary:
    """The summary of a child's ``visits`` (any order); pure, no database."""
    ordered = sorted(visits, key=lambda v: v.visit_date)
    weighed = [v for v in ordered if v.weight_kg is not None and v.visit_date >= birth_date]
    history = weighing_history(
        birth_date,
        # (weight_kg is never None in ``weighed``; the repeated test tells the type checker)
        [Weighing(v.visit_date, v.weight_kg, v.zwei) for v in weighed if v.weight_kg is not None],
        kbm,
    )
    last_of_month = {Month.of(v.visit_date): v.id for v in weighed}
    by_visit = {last_of_month[m]: status.code for m, status in history.items()}
    with_haz = [v for v in ordered if v.zlen is not None]
    trend = since = changes = None
    if len(with_haz) >= 2:
        trend = stunting_trend(with_haz[-2].zlen, with_haz[-1].zlen)
        since = stunting_trend(with_haz[0].zlen, with_haz[-1].zlen)
    if len(ordered) >= 2:
        changes = z_changes(_assessment(ordered[0]), _assessment(ordered[-1]))
    latest = ordered[-1] if ordered else None
    return GrowthSummary(
        months=tuple(history.values()),
        by_visit=by_visit,
        trend=trend,
        trend_since_enrolment=since,
        changes_since_enrolment=changes,
        latest={i: latest.category(i) if latest else None for i in Indicator},
        latest_visit_date=latest.visit_date if latest else None,
    )


def load_child_growth(session: Session, *, child_id: uuid.UUID) -> ChildGrowth:
    """Child, visits, summary and charts for the growth panel (``NotFoundError`` if deleted)."""
    child = get_live(session, Child, child_id, _("Data anak"))
    visits = tuple(child_visits(session, child_id=child_id))
    summary = growth_summary(
        birth_date=child.birth_date, visits=visits, kbm=load_kbm_table(session)
    )
    charts = growth_charts(sex=child.sex, visits=visits)
    return ChildGrowth(child.id, child.name, child.sex, child.birth_date, visits, summary, charts)


@writes(Changes.NONE)
def record_chart_export(session: Session, *, child_id: uuid.UUID, chart_title: str) -> None:
    """Audit that a child's growth chart (health data) left the application as a file
    (UU 27/2022: the audit log must say who exported what). The caller commits."""
    child = get_live(session, Child, child_id, _("Data anak"))
    record_event(
        session,
        action="export",
        entity="children",
        entity_id=str(child.id),
        summary=_("Grafik pertumbuhan diekspor ke PNG: {title}").format(title=chart_title),
    )
    session.flush()
