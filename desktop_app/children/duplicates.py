"""Finding a child who may already be registered, before a second row is saved.

Two signals: the same NIK, or the same name, birth date and mother's name compared without
regard to case and spacing ("SITI  aminah" = "Siti Aminah"). The user may still save (twins,
a wrong NIK on an older row) by confirming, which the services take as ``allow_duplicate``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop_app.children.form import ChildForm
from desktop_app.core.errors import DomainError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.db.models import Child
from desktop_app.validation import comparison_key as _key

__all__ = ["DuplicateCandidate", "DuplicateChildError", "find_duplicate_children"]


@dataclass(frozen=True)
class DuplicateCandidate:
    """An already registered child that looks like the one being saved, and why."""

    child_id: uuid.UUID
    name: str
    nik: str | None
    birth_date: date
    mother_name: str | None
    reason: str


class DuplicateChildError(DomainError):
    """The child may already be registered; save again with ``allow_duplicate=True`` to insist."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = candidates
        listed = "; ".join(
            _("{name} (lahir {birth}, {reason})").format(
                name=c.name, birth=format_date(c.birth_date), reason=c.reason
            )
            for c in candidates
        )
        super().__init__(_("Kemungkinan anak ini sudah terdaftar: {listed}").format(listed=listed))


def find_duplicate_children(
    session: Session, *, form: ChildForm, exclude_id: uuid.UUID | None = None
) -> list[DuplicateCandidate]:
    """Live children resembling the (cleaned) ``form``, other than ``exclude_id``. Reads only.

    SQL narrows to rows with the same NIK or the same birth date (indexed NIK; a birth date
    matches few rows even among 100,000); names are compared in Python because SQLite's
    ``lower()`` only folds ASCII.
    """
    conditions = []
    if form.nik:
        conditions.append(Child.nik == form.nik)
    if form.birth_date is not None:
        conditions.append(Child.birth_date == form.birth_date)
    if not conditions:
        return []
    query = select(Child).where(Child.deleted_at.is_(None), or_(*conditions)).order_by(Child.name)
    if exclude_id is not None:
        query = query.where(Child.id != exclude_id)
    candidates = []
    for child in session.scalars(query):
        if form.nik and child.nik == form.nik:
            reason = _("NIK sama")
        elif (
            child.birth_date == form.birth_date
            and _key(child.name) == _key(form.name)
            and _key(child.mother_name) == _key(form.mother_name)
        ):
            reason = _("Nama, tanggal lahir dan nama ibu sama")
        else:
            continue
        candidates.append(
            DuplicateCandidate(
                child.id,
                child.name,
                mask_nik(child.nik),
                child.birth_date,
                child.mother_name,
                reason,
            )
        )
    return candidates
