"""Possible duplicate children (same NIK registered on two laptops offline) and their merge.

NIK is deliberately not unique in the schema (see ``Child``), so sync can bring both rows in.
Merging is a user's decision: it moves the duplicates' visits, assignments and aid payments to
the kept record, then tombstones the duplicates (the tombstone travels to every laptop). It runs
through the ORM, so the audit trail records it as this user's edit and the change triggers
record it for the next sync.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.errors import ConflictError, NotFoundError
from desktop_app.core.i18n import N_, _
from desktop_app.db.base import utcnow
from desktop_app.db.models import AidPayment, Assignment, Child, Visit

#: Stored untranslated (the data stays Indonesian); shown through ``code_labels``.
MERGE_END_REASON = N_("Penggabungan data anak ganda")


@dataclass(frozen=True)
class DuplicateChild:
    id: uuid.UUID
    name: str
    birth_date: date
    mother_name: str | None
    device_id: str | None
    visits: int


@dataclass(frozen=True)
class DuplicateGroup:
    nik: str
    children: tuple[DuplicateChild, ...]


@dataclass(frozen=True)
class MergeResult:
    kept_id: uuid.UUID
    removed: int
    visits: int
    assignments: int
    payments: int


def find_duplicate_nik_groups(session: Session) -> list[DuplicateGroup]:
    """Active children sharing a NIK, oldest record first in each group (the default to keep)."""
    niks = select(Child.nik).where(Child.deleted_at.is_(None), Child.nik.is_not(None))
    niks = niks.group_by(Child.nik).having(func.count() > 1)
    visit_counts = (
        select(Visit.child_id, func.count().label("n"))
        .where(Visit.deleted_at.is_(None))
        .group_by(Visit.child_id)
        .subquery()
    )
    query = (
        select(Child, func.coalesce(visit_counts.c.n, 0))
        .outerjoin(visit_counts, visit_counts.c.child_id == Child.id)
        .where(Child.deleted_at.is_(None), Child.nik.in_(niks))
        .order_by(Child.nik, Child.created_at, Child.id)
    )
    groups: dict[str, list[DuplicateChild]] = {}
    for child, visits in session.execute(query):
        groups.setdefault(child.nik, []).append(
            DuplicateChild(
                child.id, child.name, child.birth_date, child.mother_name, child.device_id, visits
            )
        )
    return [DuplicateGroup(nik, tuple(children)) for nik, children in groups.items()]


def same_nik_as_others(session: Session, child_ids: list[uuid.UUID]) -> tuple[str, ...]:
    """Names of the live children among ``child_ids`` (just received) whose NIK another live
    child already holds: the second registrations a sync must name, not add silently."""
    names: list[str] = []
    for start in range(0, len(child_ids), 500):
        batch = child_ids[start : start + 500]
        other = aliased(Child)
        query = (
            select(Child.name)
            .where(Child.id.in_(batch), Child.deleted_at.is_(None), Child.nik.is_not(None))
            .where(
                select(other.id)
                .where(other.nik == Child.nik, other.id != Child.id, other.deleted_at.is_(None))
                .exists()
            )
            .order_by(Child.name)
        )
        names.extend(session.scalars(query))
    return tuple(names)


@writes(Changes.CHILDREN | Changes.VISITS | Changes.ASSIGNMENTS | Changes.AID)
def merge_children(
    session: Session, *, keep_id: uuid.UUID, duplicate_ids: list[uuid.UUID]
) -> MergeResult:
    """Move the duplicates' visits, assignments and payments to ``keep_id``; tombstone them.

    An aid payment for a programme month the kept child already has is cancelled rather than
    moved (one payment per child, programme and month); a second active assignment is ended,
    since a child has at most one active guardian. Caller commits.
    """
    keep = _active_child(session, keep_id)
    duplicates = [_active_child(session, child_id) for child_id in duplicate_ids]
    if any(child.id == keep.id for child in duplicates) or not duplicates:
        raise ConflictError(_("Pilih sedikitnya satu data anak lain untuk digabungkan."))
    if any(child.nik != keep.nik for child in duplicates):
        raise ConflictError(_("Anak yang digabungkan harus memiliki NIK yang sama."))
    ids = [child.id for child in duplicates]
    now = utcnow()

    visits = session.scalars(select(Visit).where(Visit.child_id.in_(ids))).all()
    for visit in visits:
        visit.child_id = keep.id

    has_active = session.scalar(
        select(func.count()).where(
            Assignment.child_id == keep.id,
            Assignment.status == AssignmentStatus.ACTIVE,
            Assignment.deleted_at.is_(None),
        )
    )
    assignments = session.scalars(select(Assignment).where(Assignment.child_id.in_(ids))).all()
    for assignment in assignments:
        assignment.child_id = keep.id
        if assignment.status == AssignmentStatus.ACTIVE and assignment.deleted_at is None:
            if has_active:
                assignment.status = AssignmentStatus.ENDED
                assignment.end_date = now.date()
                assignment.end_reason = MERGE_END_REASON
            has_active = True

    kept_months = select(AidPayment.programme_id, AidPayment.month).where(
        AidPayment.child_id == keep.id
    )
    taken = {(programme_id, month) for programme_id, month in session.execute(kept_months)}
    payments = session.scalars(select(AidPayment).where(AidPayment.child_id.in_(ids))).all()
    moved_payments = 0
    for payment in payments:
        if (payment.programme_id, payment.month) in taken:
            payment.deleted_at = payment.deleted_at or now
            payment.cancel_reason = MERGE_END_REASON
            continue
        taken.add((payment.programme_id, payment.month))
        payment.child_id = keep.id
        moved_payments += 1

    for child in duplicates:
        child.deleted_at = now
        note = _("Digabungkan ke data anak {id}").format(id=keep.id)
        child.notes = f"{child.notes}\n{note}" if child.notes else note
    session.flush()
    return MergeResult(keep.id, len(duplicates), len(visits), len(assignments), moved_payments)


def _active_child(session: Session, child_id: uuid.UUID) -> Child:
    child = session.get(Child, child_id)
    if child is None or child.deleted_at is not None:
        raise NotFoundError(_("Data anak tidak ditemukan atau sudah dihapus."))
    return child
