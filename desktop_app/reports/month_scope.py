"""Load the rows a month's report needs in a few column queries (no ORM objects: 50,000
children and 600,000 visits must load in seconds).

Definitions used by every monthly figure (the conditions are :mod:`desktop_app.reports.figures`,
which every report and Beranda share):

* **registered**: live child (no tombstone) enrolled on or before the reference day and not
  exited before the month began.
* **assignment in the month**: live assignment (of the programme, when one is chosen) that
  started on or before the reference day and did not end before the month began; its child is
  "with a guardian". The reference day is the month's last day, or today while it runs.
* **visit**: live visit dated in the month up to the reference day; a guardian visit has a
  guardian; a measurement has a weight or a length.

Visits are loaded for a window of three months (the month and the two before: all that the
month's N/T/O/B/2T status and the comparison with the previous measurements need), plus each
child's first weighing date (which decides "B", first weighing ever). A year of visits of
50,000 children is therefore never read whole.

Runs on the DB worker thread inside the caller's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    String,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import Executable

from desktop_app.core.month import Month
from desktop_app.db.models import (
    Assignment,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Posyandu,
    Programme,
)
from desktop_app.reports.figures import assignment_in_month, registered_child

__all__ = ["ChildRow", "IdKey", "MonthScope", "VisitRow", "driver_rows", "id_key",
           "load_month_scope", "window_start"]  # fmt: skip

#: A row id as the database returns it (hex text on SQLite). The report only compares ids with
#: each other, and building half a million ``uuid.UUID`` objects cost seconds at 50,000 children.
IdKey = str


def id_key(column: ColumnElement[Any] | QueryableAttribute[Any]) -> ColumnElement[str]:
    """Select an id column without converting it to ``uuid.UUID`` (see :data:`IdKey`)."""
    return type_coerce(column, String)


# The report reads most of ``children``: a scan of the table and one sort is faster than
# walking the name index and looking every row up at random (0.2 s against 0.6 s at 50,000
# children). The unary "+" keeps SQLite off the index; the rowid then breaks ties as the index
# did, so children of one name keep their order.
_NO_INDEX_NAME = literal_column("+children.name", String)
_ROWID_CHILDREN: ColumnElement[int] = literal_column("children.rowid")


def driver_rows(session: Session, statement: Executable) -> list[tuple[Any, ...]]:
    """Every row of ``statement`` as the database driver returns it: plain tuples, without a
    SQLAlchemy ``Row`` and its type processing per row (1-2 us a row: seconds for the
    half-million visits the monthly report reads at 50,000 children). For columns whose stored
    form is what the caller wants: ids and dates as text (:func:`id_key`, ``type_coerce``),
    numbers, and flags as 0/1 (read as truth values only)."""
    result = session.connection().execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def window_start(month: Month) -> date:
    """First day of the month two months before ``month``."""
    return month.previous().previous().first_day


@dataclass(frozen=True, slots=True)
class ChildRow:
    id: IdKey
    name: str
    birth_date: date
    has_kia_book: bool
    desa_id: IdKey | None
    posyandu_id: IdKey | None
    sex: str
    enrolled_on: date


@dataclass(frozen=True, slots=True)
class VisitRow:
    child_id: IdKey
    on: date
    guardian_id: IdKey | None
    weight_kg: float | None
    lenhei_cm: float | None
    zlen: float | None
    zwei: float | None
    zwfl: float | None
    flen: bool | None
    fwei: bool | None
    fwfl: bool | None


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    child_id: IdKey
    guardian_id: IdKey
    start_date: date
    end_date: date | None
    visit_target: int


@dataclass
class MonthScope:
    """Everything loaded for one month; ``visits_by_child`` holds the visits of the window (see
    the module docstring) up to the reference day, oldest first."""

    @property
    def window_start(self) -> date:
        return window_start(self.month)

    month: Month
    reference_day: date
    children: list[ChildRow]
    assignments: list[AssignmentRow]
    visits_by_child: dict[IdKey, list[VisitRow]]
    first_weighing: dict[IdKey, date]  # child -> date of the first weighing ever
    desa_names: dict[IdKey, tuple[str, str]]  # desa id -> (kecamatan, desa)
    posyandu_names: dict[IdKey, tuple[str, IdKey]]  # posyandu id -> (name, desa id)
    guardian_names: dict[IdKey, tuple[str, IdKey | None]] = field(default_factory=dict)


def load_month_scope(
    session: Session,
    *,
    month: Month,
    reference: date,
    programme_id: uuid.UUID | None,
    default_visit_target: int,
    first_weighings: dict[IdKey, date],
    window_visits: dict[IdKey, list[VisitRow]],
) -> MonthScope:
    """Children registered in ``month``, its assignments and the visits of the window.

    Read with the trend's pass over the visits (:mod:`desktop_app.reports.visit_history`):
    ``first_weighings``, each child's first weighing ever, up to ``reference`` at least;
    ``window_visits``, each child's live visits from :func:`window_start` to ``reference``,
    oldest first (of one day, in the order of ``ix_visits_month_facts``)."""
    children = [
        ChildRow(*row)
        for row in session.connection().execute(
            select(
                id_key(Child.id), Child.name, Child.birth_date, Child.has_kia_book,
                id_key(Child.desa_id), id_key(Child.posyandu_id), Child.sex, Child.enrolled_on,
            )
            .where(registered_child(month, reference))
            .order_by(_NO_INDEX_NAME, _ROWID_CHILDREN)
        )
    ]  # fmt: skip
    registered = {c.id for c in children}
    assignments = [
        AssignmentRow(a.child_id, a.guardian_id, a.start_date, a.end_date,
                      a.visit_target or default_visit_target)
        for a in _assignments(session, month, reference, programme_id)
        if a.child_id in registered
    ]  # fmt: skip
    visits = {child: rows for child, rows in window_visits.items() if child in registered}
    first_weighing = {
        child_id: first for child_id, first in first_weighings.items() if child_id in registered
    }
    desa_names = {
        desa_id: (kecamatan, desa)
        for desa_id, desa, kecamatan in session.execute(
            select(id_key(Desa.id), Desa.name, Kecamatan.name).join(Kecamatan)
        )
    }
    posyandu_names = {
        pid: (name, desa_id)
        for pid, name, desa_id in session.execute(
            select(id_key(Posyandu.id), Posyandu.name, id_key(Posyandu.desa_id)).where(
                Posyandu.deleted_at.is_(None)
            )
        )
    }
    guardian_names: dict[IdKey, tuple[str, IdKey | None]] = {
        gid: (name, opd_id)
        for gid, name, opd_id in driver_rows(
            session, select(id_key(Guardian.id), Guardian.name, id_key(Guardian.opd_id))
        )
    }
    return MonthScope(
        month, reference, children, assignments, visits, first_weighing, desa_names,
        posyandu_names, guardian_names,
    )  # fmt: skip


def _assignments(
    session: Session, month: Month, reference: date, programme_id: uuid.UUID | None
) -> Sequence[Row]:
    query = (
        select(
            id_key(Assignment.child_id),
            id_key(Assignment.guardian_id),
            Assignment.start_date,
            Assignment.end_date,
            Programme.visit_target_per_month.label("visit_target"),
        )
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
        .where(assignment_in_month(month, reference))
    )
    if programme_id is not None:
        query = query.where(Assignment.programme_id == programme_id)
    return session.connection().execute(query).all()
