"""One pass over the visit history for the monthly report's look back (trend and outcomes) and
for each child's first weighing.

The 12-month trend, the HAZ outcomes (first and latest plausible HAZ), the SKDN's "B" (first
weighing ever) and the month's own facts (the visits of its three-month window, ``month_scope``)
each read much of the ``visits`` table. Read separately they cost four passes
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

from sqlalchemy import Date, String, case, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from desktop_app.core.month import Month
from desktop_app.db.models import Visit
from desktop_app.reports.month_scope import IdKey, VisitRow, driver_rows, id_key

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
    window: dict[IdKey, list[VisitRow]] = field(default_factory=dict)  # see read_visit_history


def read_visit_history(
    session: Session, months: list[Month], reference: date, window_from: date
) -> VisitHistory:
    """Every live visit dated up to ``reference``, once; ``months``: the trend's past months
    (oldest first, all before ``reference``'s month); the visits from ``window_from`` on are
    also kept whole (``window``, see :func:`_window_rows`)."""
    keys = {str(m): i for i, m in enumerate(months)}
    latest: list[dict[IdKey, LatestMeasurement]] = [{} for _ in months]
    visits: list[Counter[IdKey]] = [Counter() for _ in months]
    haz: dict[IdKey, list[Any]] = {}  # child -> [first day, first z, latest day, latest z]
    first_weighing: dict[IdKey, str] = {}
    window: dict[IdKey, list[tuple[Any, ...]]] = {}
    window_text = window_from.isoformat()

    def text(column: Any) -> Any:
        return type_coerce(column, String)

    # The unary "+" keeps SQLite off the date index, whose walk fetches every row at random.
    day_column = literal_column("+visits.visit_date", Date)
    in_window = day_column >= window_from

    def windowed(column: Any) -> Any:  # NULL outside the window: nothing to fetch
        return case((in_window, column))

    rows = driver_rows(
        session,
        select(id_key(Visit.child_id), text(Visit.visit_date), Visit.guardian_id.is_not(None),
               Visit.weight_kg.is_not(None), Visit.lenhei_cm.is_not(None), Visit.zlen, Visit.flen,
               windowed(id_key(Visit.guardian_id)), windowed(Visit.weight_kg),
               windowed(Visit.lenhei_cm), windowed(Visit.zwei), windowed(Visit.zwfl),
               windowed(Visit.fwei), windowed(Visit.fwfl), windowed(text(Visit.created_at)))
        .where(Visit.deleted_at.is_(None), day_column <= reference),
    )  # fmt: skip
    for row in rows:
        child, day, by_guardian, weighed, lengthed, zlen, flen = row[:7]
        if day >= window_text:
            own = window.get(child)
            if own is None:
                window[child] = [row]
            else:
                own.append(row)
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
        _window_rows(window),
    )


def _window_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """The order of ``ix_visits_month_facts`` within one child (date, guardian, HAZ, entry
    time; NULLs first, as SQLite sorts), so "the latest visit of a day" is the visit the index
    walk gave before; equal keys keep table (rowid) order, the index's last key."""
    guardian, zlen, created = row[7], row[5], row[14]
    return (row[1], guardian is not None, guardian or "", zlen is not None,
            0.0 if zlen is None else zlen, created is not None, created or "")  # fmt: skip


def _window_rows(window: dict[IdKey, list[tuple[Any, ...]]]) -> dict[IdKey, list[VisitRow]]:
    """Each child's visits of the window as :class:`VisitRow`, oldest first."""
    days: dict[str, date] = {}
    result: dict[IdKey, list[VisitRow]] = {}
    for child, rows in window.items():
        if len(rows) > 1:
            rows.sort(key=_window_order)
        own = result[child] = []
        for row in rows:
            day = row[1]
            on = days.get(day)
            if on is None:
                on = days[day] = date.fromisoformat(day)
            # child, on, guardian, weight, length, zlen, zwei, zwfl, flen, fwei, fwfl
            own.append(VisitRow(child, on, row[7], row[8], row[9], row[5], row[10], row[11],
                                row[6], row[12], row[13]))  # fmt: skip
    return result
