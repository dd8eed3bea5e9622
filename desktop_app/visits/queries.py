"""Read queries behind the visit screens: the child picker of the form and the recent-visits list.

Each returns a bounded list of small frozen records (no ORM objects). Runs on the DB worker
thread inside the caller's read transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import COUNTED_FIRST, active_assignments_of_child
from desktop_app.assignments.pickers import PICKER_LIMIT, _like
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.core.records import get_live
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Visit
from desktop_app.visits.checks import PastMeasurement

__all__ = [
    "HISTORY_LIMIT",
    "RECENT_LIMIT",
    "VisitChild",
    "VisitListRow",
    "recent_visits",
    "visit_child",
    "visit_children",
    "visit_history",
]

RECENT_LIMIT = 2000
#: A child under five has at most a few visits a month; the checks need only the latest few.
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class VisitChild:
    """A child a visit can be recorded for, with the active guardian the visit defaults to."""

    id: uuid.UUID
    name: str
    nik: str | None
    sex: str  # L | P
    birth_date: date
    desa_name: str | None
    guardian_id: uuid.UUID | None
    guardian_name: str | None


def _child_query():
    # The assignment that counts (one row per child even when two laptops assigned it offline).
    counted = (
        active_assignments_of_child()
        .order_by(*COUNTED_FIRST)
        .limit(1)
        .correlate(Child)
        .scalar_subquery()
    )
    active = Assignment.id == counted
    return (
        select(
            Child.id,
            Child.name,
            Child.nik,
            Child.sex,
            Child.birth_date,
            Desa.name,
            Guardian.id,
            Guardian.name,
        )
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Assignment, active)
        .outerjoin(Guardian, Guardian.id == Assignment.guardian_id)
        .where(Child.deleted_at.is_(None))
    )


def visit_children(
    session: Session, *, text: str = "", limit: int = PICKER_LIMIT
) -> list[VisitChild]:
    """Children still in the programme whose name/NIK/KK/mother matches ``text``, by name."""
    query = _child_query().where(Child.exit_date.is_(None)).order_by(Child.name).limit(limit)
    if text.strip():
        query = query.where(Child.search_text.like(_like(text), escape="\\"))
    return [VisitChild(*row) for row in session.execute(query)]


def visit_child(session: Session, *, child_id: uuid.UUID) -> VisitChild:
    """One child for a form opened on that child (``NotFoundError`` if deleted)."""
    get_live(session, Child, child_id, _("Data anak"))
    row = session.execute(_child_query().where(Child.id == child_id)).first()
    assert row is not None  # get_live just found the child
    return VisitChild(*row)


@dataclass(frozen=True)
class VisitListRow:
    id: uuid.UUID
    child_id: uuid.UUID
    child_name: str
    desa_name: str | None
    guardian_name: str | None
    visit_date: date
    place: str
    weight_kg: float | None
    lenhei_cm: float | None
    zlen: float | None
    zwei: float | None
    zwfl: float | None


def recent_visits(
    session: Session,
    *,
    month: date | None = None,
    desa_id: uuid.UUID | None = None,
    limit: int = RECENT_LIMIT,
) -> list[VisitListRow]:
    """Live visits, newest first, optionally of one month and one desa (at most ``limit``)."""
    query = (
        select(
            Visit.id,
            Visit.child_id,
            Child.name,
            Desa.name,
            Guardian.name,
            Visit.visit_date,
            Visit.place,
            Visit.weight_kg,
            Visit.lenhei_cm,
            Visit.zlen,
            Visit.zwei,
            Visit.zwfl,
        )
        .join(Child, Child.id == Visit.child_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Guardian, Guardian.id == Visit.guardian_id)
        .where(Visit.deleted_at.is_(None), Child.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc())
        .limit(limit)
    )
    if month is not None:
        m = Month.of(month)
        query = query.where(Visit.visit_date.between(m.first_day, m.last_day))
    if desa_id is not None:
        query = query.where(Child.desa_id == desa_id)
    # tuple(row): mypy cannot star-unpack a Row typed "ten columns, then any" (>10 selected).
    return [VisitListRow(*tuple(row)) for row in session.execute(query)]


def visit_history(
    session: Session, *, child_id: uuid.UUID, exclude_visit_id: uuid.UUID | None = None
) -> list[PastMeasurement]:
    """The child's live visits newest first (date, then time of entry), as the history checks
    and the form's "Pengukuran terakhir" read them; without ``exclude_visit_id`` (the visit
    being corrected). Served by the ``ix_visits_child_facts`` index's leading columns."""
    query = (
        select(Visit.id, Visit.visit_date, Visit.weight_kg, Visit.lenhei_cm, Visit.measure)
        .where(Visit.child_id == child_id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc())
        .limit(HISTORY_LIMIT)
    )
    if exclude_visit_id is not None:
        query = query.where(Visit.id != exclude_visit_id)
    return [PastMeasurement(*row) for row in session.execute(query)]
