"""One pass over the visit history for the monthly report's look back (trend and outcomes) and
for each child's first weighing.

The 12-month trend, the HAZ outcomes (first and latest plausible HAZ) and the SKDN's "B" (first
weighing ever) each read most of the ``visits`` table. Read separately they cost four passes
(the trend's table scan, two index walks that look every HAZ row up for its WHO flag, and a
walk for the first weighings: 5.5 s at 50,000 children); this module reads every live visit up
to the reference day once, in table order, and keeps only what those three need.

Ties (two visits of one child on one day): the later in table order is the month's latest
measurement and the latest HAZ; the earlier is the first HAZ. Dates are read as ISO text and
compared as text, so no date object is built per row.

Runs on the DB worker thread inside the caller's transaction (read only).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Date, String, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from desktop_app.core.month import Month
from desktop_app.db.models import Visit
from desktop_app.reports.month_scope import IdKey, driver_rows, id_key

__all__ = ["HazEnds", "VisitHistory", "read_visit_history"]

#: ``(day, zlen, flen)`` of a child's latest measurement (weight or length) in a trend month.
LatestMeasurement = tuple[str, float | None, bool | None]


@dataclass(frozen=True, slots=True)
class HazEnds:
    """A child's first and latest plausible HAZ (ISO day, z)."""

    first_day: str
    first: float
    latest_day: str
    latest: float


@dataclass
class VisitHistory:
    """What the look back needs of every live visit up to the reference day.

    ``latest`` and ``guardian_visits`` are indexed like ``months`` (the trend's past months)."""

    months: list[Month]
    latest: list[dict[IdKey, LatestMeasurement]]
    guardian_visits: list[Counter[IdKey]]
    haz: dict[IdKey, HazEnds] = field(default_factory=dict)
    first_weighing: dict[IdKey, date] = field(default_factory=dict)


def read_visit_history(session: Session, months: list[Month], reference: date) -> VisitHistory:
    """Every live visit dated up to ``reference``, once; ``months``: the trend's past months
    (oldest first, all before ``reference``'s month)."""
    keys = {str(m): i for i, m in enumerate(months)}
    latest: list[dict[IdKey, LatestMeasurement]] = [{} for _ in months]
    visits: list[Counter[IdKey]] = [Counter() for _ in months]
    haz: dict[IdKey, list[Any]] = {}  # child -> [first day, first z, latest day, latest z]
    first_weighing: dict[IdKey, str] = {}

    def text(column: Any) -> Any:
        return type_coerce(column, String)

    # The unary "+" keeps SQLite off the date index, whose walk fetches every row at random.
    day_column = literal_column("+visits.visit_date", Date)
    rows = driver_rows(
        session,
        select(id_key(Visit.child_id), text(Visit.visit_date), Visit.guardian_id.is_not(None),
               Visit.weight_kg.is_not(None), Visit.lenhei_cm.is_not(None), Visit.zlen, Visit.flen)
        .where(Visit.deleted_at.is_(None), day_column <= reference),
    )  # fmt: skip
    for child, day, by_guardian, weighed, lengthed, zlen, flen in rows:
        i = keys.get(day[:7])
        if i is not None:
            if weighed or lengthed:
                month_latest = latest[i]
                before = month_latest.get(child)
                if before is None or day >= before[0]:
                    month_latest[child] = (day, zlen, flen)
            if by_guardian:
                visits[i][child] += 1
        if zlen is not None and not flen:
            ends = haz.get(child)
            if ends is None:
                haz[child] = [day, zlen, day, zlen]
            else:
                if day < ends[0]:
                    ends[0], ends[1] = day, zlen
                if day >= ends[2]:
                    ends[2], ends[3] = day, zlen
        if weighed:
            first = first_weighing.get(child)
            if first is None or day < first:
                first_weighing[child] = day
    return VisitHistory(
        months,
        latest,
        visits,
        {child: HazEnds(*ends) for child, ends in haz.items()},
        {child: date.fromisoformat(day) for child, day in first_weighing.items()},
    )
