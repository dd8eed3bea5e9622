"""Children with more than one active guardian: the one assignment rule that sync cannot keep.

:func:`desktop_app.assignments.service.assign_guardian` refuses a second active assignment, but two
laptops that assign the same child while offline each pass that check on their own data, and
sync then writes both rows as they are (rows arrive by UUID, not through the service). Nothing
in the schema may refuse them either: a unique index would make the whole sync file or pull
fail. So the situation is found after the fact (one grouped query) and shown to a person, who
ends one of the two assignments (Penugasan -> Akhiri).

Until then every consumer must agree on *which* assignment counts, or the aid plan, the
follow-up lists and a second laptop would each pick a different one. :data:`COUNTED_FIRST` is
that order, and the first assignment of each :class:`ChildWithSeveralGuardians` is the one:

1. an assignment in a programme before one without (aid is planned per programme, so a child
   assigned with a programme on one laptop and without on the other still gets its aid);
2. the earliest start date (the guardian responsible for longer);
3. the earliest ``created_at``, i.e. the one recorded first, as an online check would have kept;
4. the id, so that every laptop breaks a last tie the same way.

Live children only, exited or not (an exit made before this build ended only one of the rows;
``exit_child`` now ends them all). Read-only; runs on the
DB worker thread in the caller's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.search import without_index
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Opd, Programme

__all__ = [
    "COUNTED_FIRST",
    "active_assignments_of_child",
    "ActiveAssignment",
    "ChildWithSeveralGuardians",
    "count_children_with_several_guardians",
    "find_children_with_several_guardians",
    "uncounted_assignment_ids",
]

#: ORDER BY terms putting the assignment that counts first (see the module docstring).
COUNTED_FIRST: tuple[Any, ...] = (
    Assignment.programme_id.is_(None),
    Assignment.start_date,
    Assignment.created_at,
    Assignment.id,
)


@dataclass(frozen=True)
class ActiveAssignment:
    """One of the child's active assignments, names resolved."""

    id: uuid.UUID
    guardian_id: uuid.UUID
    guardian_name: str
    institution: str | None  # the guardian's OPD, or the company for CSR
    programme_id: uuid.UUID | None
    programme_name: str | None
    start_date: date
    created_at: datetime  # UTC, as the laptop that created it recorded it
    device_id: str | None  # the laptop that last changed the row (stamped by sync)


@dataclass(frozen=True)
class ChildWithSeveralGuardians:
    """A child and its active assignments (two or more), the one that counts first."""

    child_id: uuid.UUID
    child_name: str
    desa_name: str | None
    exit_date: date | None
    assignments: tuple[ActiveAssignment, ...]

    @property
    def counted(self) -> ActiveAssignment:
        """The assignment aid and follow-up use until someone ends the others."""
        return self.assignments[0]

    @property
    def doubled_since(self) -> date:
        """When the child came to have several guardians: the latest start date."""
        return max(a.start_date for a in self.assignments)


def _active(status: Any = Assignment.status) -> tuple[Any, ...]:
    return (status == AssignmentStatus.ACTIVE, Assignment.deleted_at.is_(None))


def active_assignments_of_child() -> Select[uuid.UUID]:
    """Ids of the live active assignments of the outer query's ``Child`` (a correlated
    subquery: ``.exists()``, or ordered by :data:`COUNTED_FIRST` for the one that counts)."""
    return select(Assignment.id).where(Assignment.child_id == Child.id, *_active())


def _live_child() -> Any:
    """``Child.deleted_at IS NULL`` that SQLite cannot answer from the (deleted_at, name)
    index: walking every live child by name to probe its assignments is the slow way round."""
    return func.coalesce(Child.deleted_at, None).is_(None)


def _doubled_children() -> Any:
    """Ids of children with more than one live active assignment, grouped in SQL. Reading the
    active rows by the status index and sorting them beats walking the child index in order
    (70 ms against 160 ms for 100,000 assignments), the child index looking rows up at random."""
    return (
        select(Assignment.child_id)
        .where(*_active())
        .group_by(Assignment.child_id)
        .having(func.count() > 1)
    )


def count_children_with_several_guardians(session: Session) -> int:
    """How many live children have more than one active assignment (one query)."""
    doubled = _doubled_children().subquery()
    query = (
        select(func.count())
        .select_from(doubled)
        .join(Child, Child.id == doubled.c.child_id)
        .where(_live_child())
    )
    return session.scalar(query) or 0


def find_children_with_several_guardians(session: Session) -> list[ChildWithSeveralGuardians]:
    """Every live child with more than one active assignment, by child name; each child's
    assignments in :data:`COUNTED_FIRST` order. Two queries' worth of work however large the
    district: the grouping, then the (few) rows of the children it found."""
    query = (
        select(
            Child.id,
            Child.name,
            Desa.name,
            Child.exit_date,
            Assignment.id,
            Guardian.id,
            Guardian.name,
            func.coalesce(Opd.name, Guardian.company),
            Assignment.programme_id,
            Programme.name,
            Assignment.start_date,
            Assignment.created_at,
            Assignment.device_id,
        )
        .join(Child, Child.id == Assignment.child_id)
        .join(Guardian, Guardian.id == Assignment.guardian_id)
        .outerjoin(Opd, Opd.id == Guardian.opd_id)
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .where(
            # Probe the few children found through the child index, not every active row.
            *_active(without_index(Assignment.status)),
            _live_child(),
            Assignment.child_id.in_(_doubled_children()),
        )
        .order_by(Child.name, Child.id, *COUNTED_FIRST)
    )
    # child id -> ((id, name, desa, exit date), its active assignments)
    children: dict[
        uuid.UUID, tuple[tuple[uuid.UUID, str, str | None, date | None], list[ActiveAssignment]]
    ] = {}
    for child_id, name, desa, exit_date, *assignment in session.execute(query):
        entry = children.setdefault(child_id, ((child_id, name, desa, exit_date), []))
        entry[1].append(ActiveAssignment(*assignment))
    return [ChildWithSeveralGuardians(*child, tuple(rows)) for child, rows in children.values()]


def uncounted_assignment_ids(children: Iterable[ChildWithSeveralGuardians]) -> set[uuid.UUID]:
    """The active assignments that do not count (all but each child's first)."""
    return {a.id for child in children for a in child.assignments[1:]}
