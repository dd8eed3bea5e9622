"""Koreksi setelah tutup bulan: records of closed months changed after they were closed.

**How a correction is found: change timestamps, not a recount.** A row (visit, aid payment,
child, assignment) whose own date falls in a closed month K and whose ``updated_at`` is later
than K's ``closed_at`` was created, changed or deleted (tombstoned) after the closure. Recounting
K and comparing it with the snapshot would say which *figures* moved, but costs a whole second
report build (6 s at 50,000 children) on every print; the timestamps are one indexed range scan
on ``updated_at`` and also name the record, which is what the reader must check.

Which report lists it: the report of month M lists corrections to every closed month K < M made
after K's closure and, for K older than M's previous month, after that previous month's
closure (earlier ones were listed in the previous month's report). A closed M's list is frozen in
its snapshot; later corrections go to M+1's report.

Stamps are set where a change was made: an edit made offline before the closure and synced
afterwards keeps its older stamp. Such a record is found by when it reached this laptop instead
(:mod:`desktop_app.reports.late_arrivals`): the later of the stamp and the arrival counts.

Dates in the closed month: visit date; aid month; a child's enrolment or exit date; an
assignment's start or end date. Runs on the DB worker (read only).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, LateArrival, MonthClosure, Visit
from desktop_app.reports.late_arrivals import RECORD_DATES
from desktop_app.reports.monthly_model import CorrectionRow

__all__ = ["CORRECTIONS_SHOWN", "corrections_for"]

#: Rows printed; the total is always given (a recomputation of every z-score touches them all).
CORRECTIONS_SHOWN = 200

_VISIT, _AID, _CHILD, _ASSIGNMENT = N_("Kunjungan"), N_("Bantuan"), N_("Anak"), N_("Penugasan")


def corrections_for(session: Session, month: Month) -> tuple[tuple[CorrectionRow, ...], int]:
    """The corrections the report of ``month`` lists (first ``CORRECTIONS_SHOWN``, oldest
    closed month first) and how many there are."""
    closures = {
        Month.of(m): closed_at
        for m, closed_at in session.execute(
            select(MonthClosure.month, MonthClosure.closed_at).where(
                MonthClosure.deleted_at.is_(None), MonthClosure.month < month.first_day
            )
        )
    }
    if not closures:
        return (), 0
    previous = month.previous()
    floor = closures.get(previous)

    def since(k: Month) -> datetime:
        closed_at = closures[k]
        return max(closed_at, floor) if floor is not None and k < previous else closed_at

    earliest = min(since(k) for k in closures)
    first_day = min(closures).first_day
    rows: list[CorrectionRow] = []
    for record, model in _RECORDS:
        for name, dates, created_at, changed_at, deleted_at, new_here in _found(
            session, model, earliest, first_day, month
        ):
            for on in dates:
                if on is None or Month.of(on) not in closures:
                    continue
                k = Month.of(on)
                if changed_at <= since(k):
                    continue
                added = created_at > closures[k] or new_here
                change = _("dihapus") if deleted_at else _("ditambahkan") if added else _("diubah")
                rows.append(CorrectionRow(k, _(record), name, on, changed_at.date(), change))
                break
    rows.sort(key=lambda r: (r.month, r.record, r.on or date.min, r.subject))
    return tuple(rows[:CORRECTIONS_SHOWN]), len(rows)


#: What a correction can be found in: each record's own dates are ``RECORD_DATES``.
_RECORDS: tuple[tuple[str, Any], ...] = (
    (_VISIT, Visit),
    (_AID, AidPayment),
    (_CHILD, Child),
    (_ASSIGNMENT, Assignment),
)

#: name, own dates, created, changed (stamp or arrival, the later), deleted, new here on arrival
_Item = tuple[str, tuple[date | None, ...], datetime, datetime, datetime | None, bool]


def _found(
    session: Session, model: Any, since: datetime, first: date, month: Month
) -> Iterable[_Item]:
    """Rows of ``model`` changed (by stamp) or received (``late_arrivals``) after ``since``,
    whose child's name, dates, creation, latest change or arrival, deletion and whether it was
    new here on arrival. One indexed range scan on ``updated_at`` plus the (small) arrivals."""
    dates = [model.__table__.c[name] for name in RECORD_DATES[model.__tablename__]]
    base = select(model.id, Child.name, *dates, model.created_at, model.updated_at,
                  model.deleted_at)  # fmt: skip
    if model is not Child:
        base = base.join(Child, Child.id == model.child_id)
    stamped = base.where(model.updated_at > since)
    if len(dates) == 1:  # a single own date: only records of the closed months' range
        stamped = stamped.where(dates[0] >= first, dates[0] < month.first_day)
    arrived = (
        base.add_columns(LateArrival.arrived_at, LateArrival.was_new)
        .join(
            LateArrival,
            and_(LateArrival.table_name == model.__tablename__, LateArrival.row_id == model.id),
        )
        .where(LateArrival.arrived_at > since)
    )
    found: dict[Any, _Item] = {}
    n = len(dates)  # columns: id, name, *dates, created_at, updated_at, deleted_at[, arrival]
    for row in session.execute(stamped):
        found[row[0]] = (row[1], tuple(row[2 : 2 + n]), row[2 + n], row[3 + n], row[4 + n], False)
    for row in session.execute(arrived):
        arrived_at, was_new = row[5 + n], bool(row[6 + n])
        known = found.get(row[0])
        changed = max(arrived_at, known[3]) if known else arrived_at
        found[row[0]] = (row[1], tuple(row[2 : 2 + n]), row[2 + n], changed, row[4 + n], was_new)
    return found.values()
