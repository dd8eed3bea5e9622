"""What several registries share: the assignment record, loading live rows, small field checks.

Children, guardians and assignments all show assignments, so their record and loader live here
once. Every helper hides soft-deleted rows (``deleted_at`` set): to the services such a row does
not exist. Runs on the DB worker thread inside the caller's transaction; nothing here commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.errors import FieldError, NotFoundError, ValidationError
from desktop_app.core.i18n import N_, NC_, _
from desktop_app.db.base import SyncedMixin
from desktop_app.db.models import Assignment, Guardian
from desktop_app.validation import comparison_key, text_problem

__all__ = [
    "ASSIGNMENT_STATUSES",
    "AssignmentRecord",
    "FieldErrors",
    "assignment_record",
    "get_live",
    "name_taken",
    "load_assignments",
]

#: Status codes of a penugasan and their labels.
ASSIGNMENT_STATUSES: dict[str, str] = {
    AssignmentStatus.ACTIVE: N_("Aktif"),
    AssignmentStatus.ENDED: NC_("status", "Selesai"),
    AssignmentStatus.TRANSFERRED: N_("Dialihkan"),
}

RowT = TypeVar("RowT", bound=SyncedMixin)


@dataclass(frozen=True)
class AssignmentRecord:
    """One penugasan as screens show it (names resolved, no ORM object)."""

    id: uuid.UUID
    child_id: uuid.UUID
    child_name: str
    guardian_id: uuid.UUID
    guardian_name: str
    guardian_kind: str
    opd_name: str | None
    programme_name: str | None
    start_date: date
    end_date: date | None
    status: str  # aktif | selesai | dialihkan
    end_reason: str | None

    @property
    def is_active(self) -> bool:
        return self.status == AssignmentStatus.ACTIVE


def assignment_record(row: Assignment) -> AssignmentRecord:
    """Record of a loaded assignment (its child, guardian, OPD and programme are read)."""
    guardian = row.guardian
    return AssignmentRecord(
        id=row.id,
        child_id=row.child_id,
        child_name=row.child.name,
        guardian_id=row.guardian_id,
        guardian_name=guardian.name,
        guardian_kind=guardian.kind,
        opd_name=guardian.opd.name if guardian.opd is not None else None,
        programme_name=row.programme.name if row.programme is not None else None,
        start_date=row.start_date,
        end_date=row.end_date,
        status=row.status,
        end_reason=row.end_reason,
    )


def load_assignments(
    session: Session,
    *,
    child_id: uuid.UUID | None = None,
    guardian_id: uuid.UUID | None = None,
    active_only: bool = False,
) -> list[AssignmentRecord]:
    """Live assignments of a child and/or guardian, newest first (start date, then creation)."""
    query = (
        select(Assignment)
        .where(Assignment.deleted_at.is_(None))
        .options(
            joinedload(Assignment.child),
            joinedload(Assignment.guardian).joinedload(Guardian.opd),
            joinedload(Assignment.programme),
        )
        .order_by(Assignment.start_date.desc(), Assignment.created_at.desc())
    )
    if child_id is not None:
        query = query.where(Assignment.child_id == child_id)
    if guardian_id is not None:
        query = query.where(Assignment.guardian_id == guardian_id)
    if active_only:
        query = query.where(Assignment.status == AssignmentStatus.ACTIVE)
    return [assignment_record(row) for row in session.scalars(query).unique()]


def get_live(session: Session, model: type[RowT], row_id: uuid.UUID | None, what: str) -> RowT:
    """The live row of ``model`` with ``row_id``; ``NotFoundError`` naming ``what`` otherwise."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("{what} tidak ditemukan (mungkin sudah dihapus)").format(what=what))
    return row


def name_taken(
    session: Session,
    column: Any,
    value: str,
    *,
    where: tuple[Any, ...] = (),
    exclude_id: uuid.UUID | None = None,
) -> bool:
    """Whether a live row (of ``column``'s table, matching ``where``) already has ``value`` in
    ``column``, compared without case and extra spaces. Meant for short lists (OPDs, the desa
    of one kecamatan), so the comparison is done in Python, where Unicode folding is right."""
    model = column.class_
    query = select(model.id, column).where(model.deleted_at.is_(None), *where)
    key = comparison_key(value)
    return any(
        comparison_key(existing) == key and row_id != exclude_id
        for row_id, existing in session.execute(query)
    )


class FieldErrors:
    """Collects a form's field problems so the user sees all of them at once, not one by one."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str | None) -> None:
        """Record ``message`` for ``field``; None (no problem) is ignored, so checks chain."""
        if message and not self.has(field):
            self.errors.append(FieldError(field, message))

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    def check_text(
        self, field: str, value: str, limit: int, label: str, *, multiline: bool = False
    ) -> None:
        """The one rule for a free-text field (``validation.text``): no control or invisible
        format characters (tab and line breaks only when ``multiline``), at most ``limit``
        characters (the column's length)."""
        self.add(field, text_problem(value, label, limit=limit, multiline=multiline))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(list(self.errors))
