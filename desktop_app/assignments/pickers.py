"""Small read queries behind the searchable pickers of the assignment dialogs.

"Which children still need a guardian?" and "which guardians can take one more child?" are
asked while the user types, so each returns at most ``limit`` small frozen records, sorted by
name, matching ``text`` against the search column the registries maintain. Plain Python, no Qt;
runs on the DB worker thread inside the caller's (read-only) transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import active_assignments_of_child
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.i18n import _
from desktop_app.core.identifier_search import search_key, searchable
from desktop_app.core.masking import mask_nik
from desktop_app.core.records import AssignmentRecord, assignment_record, get_live
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Opd
from desktop_app.settings.store import get_settings

__all__ = [
    "PICKER_LIMIT",
    "ChildChoice",
    "GuardianChoice",
    "children_without_guardian",
    "get_assignment",
    "guardians_with_counts",
]

PICKER_LIMIT = 50


@dataclass(frozen=True)
class ChildChoice:
    """A child who is enrolled (not exited) and has no active guardian."""

    id: uuid.UUID
    name: str
    nik: str | None
    birth_date: date
    desa_name: str | None


@dataclass(frozen=True)
class GuardianChoice:
    """An active guardian with how many children they foster now and the cap from settings."""

    id: uuid.UUID
    name: str
    kind: str
    opd_name: str | None
    company: str | None
    active_children: int
    cap: int

    @property
    def is_full(self) -> bool:
        return self.active_children >= self.cap


def _like(text: str) -> str:
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def children_without_guardian(
    session: Session, *, text: str = "", limit: int = PICKER_LIMIT
) -> list[ChildChoice]:
    """Enrolled children with no active assignment whose name/NIK/KK/mother matches ``text``."""
    has_guardian = active_assignments_of_child().exists()
    query = (
        select(Child.id, Child.name, Child.nik, Child.birth_date, Desa.name)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .where(Child.deleted_at.is_(None), Child.exit_date.is_(None), ~has_guardian)
        .order_by(Child.name, Child.birth_date)
        .limit(limit)
    )
    if text.strip():
        typed = searchable(text.strip(), search_key(session))
        query = query.where(Child.search_text.like(_like(typed), escape="\\"))
    return [
        ChildChoice(cid, name, mask_nik(nik) or None, born, desa)  # masked (UU 27/2022)
        for cid, name, nik, born, desa in session.execute(query)
    ]


def guardians_with_counts(
    session: Session, *, text: str = "", limit: int = PICKER_LIMIT
) -> list[GuardianChoice]:
    """Active guardians matching ``text`` (name, NIP, company...), each with its child count."""
    cap = get_settings(session).max_children_per_guardian
    counts = (
        select(Assignment.guardian_id, func.count(Assignment.id).label("n"))
        .where(Assignment.deleted_at.is_(None), Assignment.status == AssignmentStatus.ACTIVE)
        .group_by(Assignment.guardian_id)
        .subquery()
    )
    query = (
        select(
            Guardian.id,
            Guardian.name,
            Guardian.kind,
            Opd.name,
            Guardian.company,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(Opd, Opd.id == Guardian.opd_id)
        .outerjoin(counts, counts.c.guardian_id == Guardian.id)
        .where(Guardian.deleted_at.is_(None), Guardian.active.is_(True))
        .order_by(Guardian.name)
        .limit(limit)
    )
    if text.strip():
        pattern = _like(text)
        query = query.where(
            func.lower(Guardian.name).like(pattern, escape="\\")
            | Guardian.search_text.like(pattern, escape="\\")
        )
    return [
        GuardianChoice(guardian_id, name, kind, opd_name, company, children, cap=cap)
        for guardian_id, name, kind, opd_name, company, children in session.execute(query)
    ]


def get_assignment(session: Session, *, assignment_id: uuid.UUID) -> AssignmentRecord:
    """One penugasan by id, for a dialog that shows what it is about to end."""
    return assignment_record(get_live(session, Assignment, assignment_id, _("Penugasan")))
