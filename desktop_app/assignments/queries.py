"""The assignment list (Penugasan): who fosters whom, in which programme, since when."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.identifier_search import search_key, searchable
from desktop_app.core.search import id_text, in_order, search_terms, to_uuids
from desktop_app.db.models import Assignment, Child, Guardian, Opd, Programme


@dataclass(frozen=True)
class AssignmentFilter:
    """``status``: "aktif" / "selesai" / "dialihkan", or None for all; ``search`` looks at the
    child's search text and the guardian's name."""

    status: str | None = AssignmentStatus.ACTIVE
    search: str = ""


@dataclass(frozen=True)
class AssignmentRow:
    id: str
    child_id: str
    child_name: str
    guardian_id: str
    guardian_name: str
    opd_name: str | None
    programme_name: str | None
    start_date: date
    end_date: date | None
    status: str

    @property
    def uuid(self) -> UUID:
        return uuid.UUID(self.id)

    @property
    def child_uuid(self) -> UUID:  # not uuid.UUID: the property above hides the module here
        return uuid.UUID(self.child_id)


ASSIGNMENT_SORT_KEYS = ("child", "guardian", "opd", "programme", "start", "end", "status")

_SORT_COLUMNS = {
    "child": Child.name,
    "guardian": Guardian.name,
    "opd": Opd.name,
    "programme": Programme.name,
    "start": Assignment.start_date,
    "end": Assignment.end_date,
    "status": Assignment.status,
}


def _joined(stmt: Select) -> Select:
    return (
        stmt.join(Child, Child.id == Assignment.child_id)
        .join(Guardian, Guardian.id == Assignment.guardian_id)
        .outerjoin(Opd, Opd.id == Guardian.opd_id)
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
    )


def _where(
    assignment_filter: AssignmentFilter, key: bytes | None = None
) -> list[ColumnElement[bool]]:
    f = assignment_filter
    clauses: list[ColumnElement[bool]] = [
        Assignment.deleted_at.is_(None),
        Child.deleted_at.is_(None),
    ]
    if f.status:
        clauses.append(Assignment.status == f.status)
    for word in search_terms(searchable(f.search, key)):
        pattern = f"%{word}%"
        clauses.append(or_(Child.search_text.like(pattern), Guardian.name.ilike(pattern)))
    return clauses


def query_assignment_ids(
    session: Session,
    *,
    assignment_filter: AssignmentFilter = AssignmentFilter(),
    sort: str = "child",
    descending: bool = False,
) -> list[str]:
    """Ids (as strings) of the matching assignments in display order (ties: child name)."""
    if sort not in ASSIGNMENT_SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    key = _SORT_COLUMNS[sort]
    stmt = _joined(select(id_text(Assignment.id))).where(
        *_where(assignment_filter, search_key(session))
    )
    stmt = stmt.order_by(key.desc() if descending else key.asc(), Child.name, Assignment.id)
    return list(session.execute(stmt).scalars())


def load_assignment_rows(session: Session, *, ids: Sequence[str]) -> list[AssignmentRow]:
    """Rows for one batch of ids, in the order given."""
    if not ids:
        return []
    stmt = _joined(
        select(
            id_text(Assignment.id).label("assignment_id"),
            id_text(Child.id).label("child_id"),
            Child.name,
            id_text(Guardian.id).label("guardian_id"),
            Guardian.name,
            Opd.name,
            Programme.name,
            Assignment.start_date,
            Assignment.end_date,
            Assignment.status,
        )
    ).where(Assignment.id.in_(to_uuids(ids)))
    rows = {r[0]: AssignmentRow(*r) for r in session.execute(stmt)}
    return in_order(rows, ids)
