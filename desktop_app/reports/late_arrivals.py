"""Closed months' records that reached this laptop by sync after the month was closed here.

A change's ``updated_at`` is stamped where it was made (or, through the district server, when
the server received it). A visit edited offline on a field laptop before the office closed the
month, and brought in by a sync file afterwards, keeps its older stamp: by the stamp alone it
was "in" the closed month, yet the snapshot was built without it. Applying received rows
therefore notes, for each record whose own date falls in a month already closed on this laptop,
when it arrived (table ``late_arrivals``); :mod:`desktop_app.reports.corrections` takes the later
of the stamp and the arrival.

Only months closed here at arrival count: a record received before the closure arrived from
another laptop may well be in that laptop's snapshot, and listing it would be a false
correction.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from desktop_app.core.month import Month
from desktop_app.db.base import utcnow
from desktop_app.db.models import LateArrival, MonthClosure

__all__ = ["RECORD_DATES", "note_late_arrivals"]

#: The columns holding a record's own dates, by table: a record "belongs" to the month of any of
#: them (the same dates the corrections list reads).
RECORD_DATES: dict[str, tuple[str, ...]] = {
    "visits": ("visit_date",),
    "aid_payments": ("month",),
    "children": ("enrolled_on", "exit_date"),
    "assignments": ("start_date", "end_date"),
}

_arrivals = LateArrival.__table__


def note_late_arrivals(
    conn: Connection,
    table_name: str,
    rows: Iterable[Mapping[str, Any]],
    new_ids: Collection[uuid.UUID] = (),
) -> int:
    """Record the arrival now of those ``rows`` (just written from a pull or a sync file) whose
    dates fall in a month closed on this laptop; ``new_ids`` are the rows that did not exist here
    before. Runs inside the caller's transaction; returns how many were noted."""
    columns = RECORD_DATES.get(table_name)
    if columns is None:
        return 0
    closed = _closed_months(conn)
    if not closed:
        return 0
    ids: list[uuid.UUID] = [
        row["id"] for row in rows if any(_month(row.get(name)) in closed for name in columns)
    ]
    if not ids:
        return 0
    now = utcnow()
    conn.execute(
        delete(_arrivals).where(_arrivals.c.table_name == table_name, _arrivals.c.row_id.in_(ids))
    )
    conn.execute(
        insert(_arrivals),
        [
            {"table_name": table_name, "row_id": i, "arrived_at": now, "was_new": i in new_ids}
            for i in ids
        ],
    )
    return len(ids)


def _closed_months(conn: Connection) -> set[Month]:
    closures = MonthClosure.__table__
    return {
        Month.of(on)
        for (on,) in conn.execute(select(closures.c.month).where(closures.c.deleted_at.is_(None)))
    }


def _month(value: object) -> Month | None:
    if isinstance(value, datetime):
        return Month.of(value.date())
    if isinstance(value, date):
        return Month.of(value)
    if isinstance(value, str) and len(value) >= 7:  # ISO text, as some paths keep it
        try:
            return Month.of(date.fromisoformat(value[:10]))
        except ValueError:
            return None
    return None
