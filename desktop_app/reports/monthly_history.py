"""The monthly report's look back: the 12-month trend and the programme outcomes.

The visits come from one pass over the history (:mod:`desktop_app.reports.visit_history`);
children, assignments, exits and aid are aggregated in SQL; pure functions turn these into
figures. The definitions are those of the month's
headline (``month_scope``, ``monthly_data``), applied to each month with that month's own
registered children and assignments:

* **trend, stunting**: among the children registered in the month, the latest measurement (a
  weight or a length) of the month; its HAZ counts when WHO does not flag it; stunted is the
  stored 2-decimal HAZ below -2. **visits**: guardian visits to children with an assignment in
  the month / the assignments' visit targets.
* **exits**: children with an exit date in the month / up to the reference day, by reason.
* **category transitions and HAZ change**: for each registered child, the first and the latest
  plausible HAZ up to the reference day (children measured once have no transition); the HAZ
  change is averaged over children with at least 3 completed months since enrolment.
* **aid to date**: payments of every aid month up to the report's month, per programme;
  planned = not cancelled, paid = ``dibayar``.

Runs on the DB worker thread inside the caller's transaction (read only).
"""

from __future__ import annotations

import uuid
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    distinct,
    exists,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from desktop_app.core.codes import PaymentStatus
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Programme, Visit
from desktop_app.growth import Indicator, completed_months
from desktop_app.growth.categories import band_many, bands_of
from desktop_app.reports.figures import stunting_of_month
from desktop_app.reports.month_scope import IdKey, driver_rows, id_key
from desktop_app.reports.monthly_model import AidToDate, Outcomes, TrendPoint
from desktop_app.reports.visit_history import VisitHistory

__all__ = [
    "HazPair",
    "haz_outcomes",
    "load_outcomes",
    "load_trend",
    "past_months",
    "trend_months",
    "trend_point",
]

TREND_MONTHS = 12
#: Completed months since enrolment before a child's HAZ change is counted.
MIN_MONTHS_FOR_CHANGE = 3
_OTHER_REASON = "lainnya"


def trend_months(month: Month, count: int = TREND_MONTHS) -> list[Month]:
    """The ``count`` months ending with ``month``, oldest first."""
    months = [month]
    while len(months) < count:
        months.append(months[-1].previous())
    return months[::-1]


def _registered(first: date, reference: date) -> ColumnElement[bool]:
    return and_(
        Child.deleted_at.is_(None),
        Child.enrolled_on <= reference,
        or_(Child.exit_date.is_(None), Child.exit_date >= first),
    )


def _plausible_haz(zlen: Any, flen: Any) -> ColumnElement[bool]:
    return and_(zlen.is_not(None), or_(flen.is_(None), flen.is_(False)))


def trend_point(
    session: Session,
    month: Month,
    reference: date,
    *,
    programme_id: uuid.UUID | None,
    default_visit_target: int,
) -> TrendPoint:
    """One month's stunting (:func:`desktop_app.reports.figures.stunting_of_month`, which
    Beranda counts) and visits from the database (definitions in the module doc)."""
    first = month.first_day
    stunted, measured = stunting_of_month(session, month, reference)
    in_month = and_(
        Assignment.deleted_at.is_(None),
        Assignment.start_date <= reference,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= first),
    )
    if programme_id is not None:
        in_month = and_(in_month, Assignment.programme_id == programme_id)
    done = session.execute(
        select(func.count())
        .select_from(Visit)
        .join(Child, Child.id == Visit.child_id)
        .where(
            Visit.deleted_at.is_(None),
            Visit.guardian_id.is_not(None),
            Visit.visit_date.between(first, reference),
            _registered(first, reference),
            exists().where(Assignment.child_id == Visit.child_id, in_month),
        )
    ).scalar_one()
    target = func.coalesce(func.nullif(Programme.visit_target_per_month, 0), default_visit_target)
    due = session.execute(
        select(func.coalesce(func.sum(target), 0))
        .select_from(Assignment)
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
        .join(Child, Child.id == Assignment.child_id)
        .where(in_month, _registered(first, reference))
    ).scalar_one()
    return TrendPoint(month, int(measured), int(stunted), int(done), int(due))


def load_trend(
    session: Session,
    month: Month,
    *,
    current: TrendPoint,
    history: VisitHistory,
    programme_id: uuid.UUID | None,
    default_visit_target: int,
) -> tuple[TrendPoint, ...]:
    """The 12 months ending with ``month``; the report's own month is ``current`` (computed
    from the month's facts, so the chart's last point is the headline by construction).

    The eleven earlier months come from ``history`` (:func:`past_months`; one pass over the
    visits with the definitions of :func:`trend_point`, which states them in SQL for one month;
    a test holds the two equal): one query per month took 1.2 s at 50,000 children. Dates are
    read as ISO text and compared as text, so no date object is built per row."""
    months = history.months
    n = len(months)
    firsts = [m.first_day.isoformat() for m in months]
    lasts = [m.last_day.isoformat() for m in months]

    def text(column: Any) -> Any:
        return type_coerce(column, String)

    # The months (indexes lo..hi) in which each live child is registered.
    span: dict[IdKey, tuple[int, int]] = {}
    for child, enrolled, left in driver_rows(
        session,
        select(id_key(Child.id), text(Child.enrolled_on), text(Child.exit_date)).where(
            Child.deleted_at.is_(None)
        ),
    ):
        hi = n - 1 if left is None else bisect_right(firsts, str(left)) - 1
        span[child] = (bisect_left(lasts, str(enrolled)), hi)

    assigned: list[set[IdKey]] = [set() for _ in months]
    due = [0] * n
    query = select(
        id_key(Assignment.child_id), text(Assignment.start_date), text(Assignment.end_date),
        Programme.visit_target_per_month,
    ).outerjoin(Programme, Programme.id == Assignment.programme_id).where(
        Assignment.deleted_at.is_(None), Assignment.start_date <= months[-1].last_day,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= months[0].first_day),
    )  # fmt: skip
    if programme_id is not None:
        query = query.where(Assignment.programme_id == programme_id)
    for child, start, end, target in driver_rows(session, query):
        lo, hi = span.get(child, (n, -1))
        lo = max(lo, bisect_left(lasts, str(start)))
        if end is not None:
            hi = min(hi, bisect_right(firsts, str(end)) - 1)
        for i in range(lo, hi + 1):
            assigned[i].add(child)
            due[i] += target or default_visit_target

    points = []
    for i, m in enumerate(months):
        haz = []
        for child, (_day, zlen, flen) in history.latest[i].items():
            if zlen is not None and not flen:
                lo, hi = span.get(child, (n, -1))
                if lo <= i <= hi:
                    haz.append(zlen)
        bands = band_many(np.array(haz, dtype=np.float64))
        stunted = int(np.count_nonzero((bands >= 0) & (bands <= 1)))
        visits = history.guardian_visits[i]
        done = sum(count for child, count in visits.items() if child in assigned[i])
        points.append(TrendPoint(m, len(haz), stunted, done, due[i]))
    return (*points, current)


def past_months(month: Month) -> list[Month]:
    """The trend's months before ``month`` (oldest first)."""
    return trend_months(month)[:-1]


@dataclass(frozen=True, slots=True)
class HazPair:
    """A child's first and latest plausible HAZ up to the reference day, and its enrolment."""

    enrolled_on: date
    first: float
    latest: float


def haz_outcomes(
    pairs: Iterable[HazPair], reference: date
) -> tuple[tuple[tuple[str, str, int], ...], int, float | None]:
    """(transitions, children counted for the change, their mean HAZ change).

    Transitions are ``(from, to, children)`` between the TB/U categories (untranslated labels)
    of the first and the latest HAZ, in the categories' order, only pairs that occur."""
    pairs = list(pairs)
    if not pairs:
        return (), 0, None
    scale = bands_of(Indicator.TB_U)
    firsts = band_many(np.array([p.first for p in pairs], dtype=np.float64)).tolist()
    latests = band_many(np.array([p.latest for p in pairs], dtype=np.float64)).tolist()
    counts: Counter[tuple[str, str]] = Counter(
        (scale[a].label, scale[b].label) for a, b in zip(firsts, latests, strict=True)
    )
    order = {label: i for i, label in enumerate(dict.fromkeys(c.label for c in scale))}
    transitions = tuple(
        (a, b, n) for (a, b), n in sorted(counts.items(), key=lambda i: (order[i[0][0]],
                                                                          order[i[0][1]]))
    )  # fmt: skip
    changes = [
        p.latest - p.first
        for p in pairs
        if p.enrolled_on <= reference
        and completed_months(p.enrolled_on, reference) >= MIN_MONTHS_FOR_CHANGE
    ]
    mean = round(sum(changes) / len(changes), 4) if changes else None
    return transitions, len(changes), mean


def _haz_pairs(history: VisitHistory, registered: dict[IdKey, date]) -> list[HazPair]:
    """First and latest plausible HAZ of each registered child measured on two days or more."""
    return [
        HazPair(registered[child], ends.first, ends.latest)
        for child, ends in history.haz.items()
        if child in registered and ends.latest_day != ends.first_day
    ]


def _exits(session: Session, reference: date, since: date | None) -> tuple[tuple[str, int], ...]:
    query = select(Child.exit_reason, func.count()).where(
        Child.deleted_at.is_(None), Child.exit_date.is_not(None), Child.exit_date <= reference
    )
    if since is not None:
        query = query.where(Child.exit_date >= since)
    counts: Counter[str] = Counter()
    for reason, n in session.execute(query.group_by(Child.exit_reason)):
        counts[reason or _OTHER_REASON] += n
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _aid_to_date(
    session: Session, month: Month, programme_id: uuid.UUID | None
) -> tuple[AidToDate, ...]:
    paid = case((AidPayment.status == PaymentStatus.PAID, AidPayment.amount), else_=0)
    query = (
        select(
            Programme.name,
            func.coalesce(func.sum(AidPayment.amount), 0),
            func.coalesce(func.sum(paid), 0),
            func.count(distinct(AidPayment.child_id)),
        )
        .outerjoin(Programme, Programme.id == AidPayment.programme_id)
        .where(
            AidPayment.deleted_at.is_(None),
            AidPayment.month <= month.first_day,
            AidPayment.status != PaymentStatus.CANCELLED,
        )
        .group_by(AidPayment.programme_id, Programme.name)
        .order_by(Programme.name)
    )
    if programme_id is not None:
        query = query.where(AidPayment.programme_id == programme_id)
    return tuple(
        AidToDate(name, int(planned), int(paid_), children)
        for name, planned, paid_, children in session.execute(query)
    )


def load_outcomes(
    session: Session,
    month: Month,
    reference: date,
    *,
    enrolled: dict[IdKey, date],
    history: VisitHistory,
    programme_id: uuid.UUID | None,
) -> Outcomes:
    """Exits, TB/U transitions, HAZ change and aid to date (definitions in the module doc);
    ``enrolled``: the month's registered children and their enrolment dates."""
    transitions, n, mean = haz_outcomes(_haz_pairs(history, enrolled), reference)
    return Outcomes(
        exits_month=_exits(session, reference, month.first_day),
        exits_to_date=_exits(session, reference, None),
        transitions=transitions,
        haz_change_children=n,
        haz_change_mean=mean,
        aid_to_date=_aid_to_date(session, month, programme_id),
    )
