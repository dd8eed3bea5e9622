"""This month's figures for Beranda: enrolment, visits done vs due, stunting, aid.

Each figure is one aggregate query with the definitions of :mod:`desktop_app.reports.figures`;
the stunting series over the last months is that module's stunting figure, one query per month
(the same count as the monthly report's). The visit
queries read only the ``ix_visits_month_facts`` index. Read-only; runs on the DB worker thread
in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import format_count
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Programme, Visit
from desktop_app.reports.common import reference_day
from desktop_app.reports.figures import (
    Stunting,
    aid_of_month,
    assignment_in_month,
    registered_child,
    stunting_of_month,
)
from desktop_app.settings.store import get_settings

__all__ = [
    "SERIES_MONTHS",
    "MonthPoint",
    "MonthlyFigures",
    "format_count",
    "monthly_figures",
]

SERIES_MONTHS = 6


@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day
    stunted: int  # reports.figures: latest measurement of the month with a HAZ below -2 SD
    measured: int  # reports.figures: latest measurement of the month with a plausible HAZ
    visits: int  # visits made by a guardian (orang tua asuh) that month


@dataclass(frozen=True)
class MonthlyFigures:
    month: date  # first day
    children_enrolled: int  # registered in the month (reports.figures)
    children_with_guardian: int  # with an assignment during the month (reports.figures)
    visits_done: int  # visits made by guardians in the month
    visits_due: int  # per child with a guardian, its highest visit target (reports.figures)
    stunted: int
    stunted_previous: int
    aid_planned: int  # rupiah, not cancelled
    aid_paid: int  # rupiah
    series: tuple[MonthPoint, ...]  # oldest first, ending with ``month``

    @property
    def stunted_change(self) -> int:
        return self.stunted - self.stunted_previous


def _month_key(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)  # dates are stored as ISO text: cheaper than strftime
    return func.to_char(column, "YYYY-MM")


def _series(session: Session, months: list[Month]) -> tuple[MonthPoint, ...]:
    key = _month_key(session, Visit.visit_date)
    live = (
        Visit.deleted_at.is_(None),
        Visit.visit_date.between(months[0].first_day, months[-1].last_day),
    )
    stunting = _stunting_counts(session, months)
    visits: dict[str, int] = dict(
        session.execute(
            select(key, func.count()).where(*live, Visit.guardian_id.is_not(None)).group_by(key)
        ).all()
    )
    return tuple(MonthPoint(m.first_day, *stunting[str(m)], visits.get(str(m), 0)) for m in months)


def _stunting_counts(session: Session, months: list[Month]) -> dict[str, Stunting]:
    """``{month: (stunted, measured)}``: the monthly report's figure
    (:func:`desktop_app.reports.figures.stunting_of_month`), one query per month."""
    today = clock.today()
    return {str(m): stunting_of_month(session, m, reference_day(m, today)) for m in months}


def monthly_figures(
    session: Session, *, month: date | None = None, months: int = SERIES_MONTHS
) -> MonthlyFigures:
    """Figures of ``month`` (any day of it; default this month) and the ``months``-long series."""
    current = Month.of(month or clock.today())
    span = [current]
    while len(span) < months:
        span.insert(0, span[0].previous())
    if len(span) < 2:
        span.insert(0, current.previous())
    # The figures of reports.figures, as the monthly report counts them.
    reference = reference_day(current, clock.today())
    enrolled = session.scalar(
        select(func.count(Child.id)).where(registered_child(current, reference))
    )
    assigned = assignment_in_month(current, reference)
    default_target = get_settings(session).visit_target_per_month
    per_child = (
        select(func.max(func.coalesce(Programme.visit_target_per_month, default_target))
               .label("target"))
        .select_from(Assignment)
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
        .where(assigned)
        .group_by(Assignment.child_id)
        .subquery()
    )  # fmt: skip
    # One pass over the month's assignments: children with a guardian and their visit target.
    with_guardian, due = session.execute(
        select(func.count(), func.coalesce(func.sum(per_child.c.target), 0))
    ).one()
    visits_done = session.scalar(
        select(func.count()).where(
            Visit.deleted_at.is_(None),
            Visit.visit_date.between(current.first_day, reference),
            Visit.guardian_id.is_not(None),
            Visit.child_id.in_(select(Assignment.child_id).where(assigned)),
        )
    )
    series = _series(session, span)
    # Planned (not cancelled) and paid in one pass over the aid month's payments.
    planned, paid = session.execute(
        select(
            func.coalesce(func.sum(AidPayment.amount), 0),
            func.coalesce(func.sum(case((AidPayment.status == PaymentStatus.PAID,
                                         AidPayment.amount), else_=0)), 0),
        ).where(aid_of_month(current))
    ).one()  # fmt: skip
    return MonthlyFigures(
        month=current.first_day,
        children_enrolled=enrolled or 0,
        children_with_guardian=with_guardian or 0,
        visits_done=visits_done or 0,
        visits_due=int(due or 0),
        stunted=series[-1].stunted,
        stunted_previous=series[-2].stunted,
        aid_planned=int(planned),
        aid_paid=int(paid),
        series=series[-months:] if months else series,
    )
