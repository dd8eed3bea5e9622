"""Finding a child who may already be registered, before a second row is saved.

Two signals of different strength:

- **The same NIK** as a live child (not deleted; an anonymised child has no NIK left). A NIK
  belongs to one person, so this is refused outright (:class:`SameNikError`), whatever the user
  answers: the fix is to open the existing child, or to correct the NIK typed.
- **The same name, birth date and mother's name**, compared without regard to case and spacing
  ("SITI  aminah" = "Siti Aminah"). Twins of the same name do not exist, but a second child of
  the same mother born the same day with a misspelt name does, so the user may still save by
  giving a reason (``duplicate_reason`` in the services), which the audit trail keeps.
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
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Child
from desktop_app.validation import comparison_key as _key

__all__ = [
    "DuplicateCandidate",
    "DuplicateChildError",
    "SameNikError",
    "check_duplicates",
    "find_duplicate_children",
    "record_duplicate_reason",
    "same_nik_reason",
    "same_person_reason",
]

#: A reason typed for "Tetap simpan" must say something (and fit the audit summary).
REASON_MAX = 500


def same_nik_reason() -> str:
    return _("NIK sama")


def same_person_reason() -> str:
    return _("Nama, tanggal lahir dan nama ibu sama")


@dataclass(frozen=True)
class DuplicateCandidate:
    """An already registered child that looks like the one being saved, and why.

    ``same_nik``: the match is on the NIK, which refuses the save (no reason overrides it)."""

    child_id: uuid.UUID
    name: str
    nik: str | None
    birth_date: date
    mother_name: str | None
    reason: str
    same_nik: bool = False


def _listed(candidates: list[DuplicateCandidate]) -> str:
    return "; ".join(
        _("{name} (lahir {birth}, {reason})").format(
            name=c.name, birth=format_date(c.birth_date), reason=c.reason
        )
        for c in candidates
    )


class DuplicateChildError(DomainError):
    """The child may already be registered (a soft match): save again with a
    ``duplicate_reason`` to insist. :class:`SameNikError`, a subclass, cannot be insisted on."""

    refused = False

    def __init__(self, candidates: list[DuplicateCandidate], message: str | None = None) -> None:
        self.candidates = candidates
        super().__init__(
            message
            or _("Kemungkinan anak ini sudah terdaftar: {listed}").format(
                listed=_listed(candidates)
            )
        )


class SameNikError(DuplicateChildError):
    """A live child already has this NIK: refused. ``candidates[0]`` is that child."""

    refused = True

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        first = candidates[0]
        super().__init__(
            candidates,
            _(
                "NIK ini sudah terdaftar atas nama {name} (lahir {birth}). Satu NIK hanya untuk "
                "satu anak: buka data yang ada, atau periksa lagi NIK yang diketik."
            ).format(name=first.name, birth=format_date(first.birth_date)),
        )


def find_duplicate_children(
    session: Session, *, form: ChildForm, exclude_id: uuid.UUID | None = None
) -> list[DuplicateCandidate]:
    """Live children resembling the (cleaned) ``form``, other than ``exclude_id``. Reads only.

    Same-NIK candidates come first. SQL narrows to rows with the same NIK or the same birth
    date (indexed NIK; a birth date matches few rows even among 100,000); names are compared in
    Python because SQLite's ``lower()`` only folds ASCII.
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
        same_nik = bool(form.nik) and child.nik == form.nik
        if same_nik:
            reason = same_nik_reason()
        elif (
            child.birth_date == form.birth_date
            and _key(child.name) == _key(form.name)
            and _key(child.mother_name) == _key(form.mother_name)
        ):
            reason = same_person_reason()
        else:
            continue
        candidates.append(
            DuplicateCandidate(
                child.id,
                child.name,
                child.nik,
                child.birth_date,
                child.mother_name,
                reason,
                same_nik=same_nik,
            )
        )
    candidates.sort(key=lambda c: not c.same_nik)  # stable: by name within each kind
    return candidates


def check_duplicates(
    session: Session,
    *,
    form: ChildForm,
    duplicate_reason: str | None,
    exclude_id: uuid.UUID | None = None,
) -> list[DuplicateCandidate]:
    """Raise unless ``form`` may be saved; return the soft matches the reason overrides.

    ``SameNikError`` always for a NIK already held by a live child; ``DuplicateChildError`` for
    soft matches unless ``duplicate_reason`` says why this is another child."""
    candidates = find_duplicate_children(session, form=form, exclude_id=exclude_id)
    hard = [c for c in candidates if c.same_nik]
    if hard:
        raise SameNikError(hard)
    if candidates and not (duplicate_reason or "").strip():
        raise DuplicateChildError(candidates)
    return candidates


def record_duplicate_reason(
    session: Session, *, child_id: uuid.UUID, candidates: list[DuplicateCandidate], reason: str
) -> None:
    """Keep in the audit trail why the user saved a child resembling ``candidates``."""
    summary = _("Tetap disimpan walau mirip dengan {listed}. Alasan: {reason}").format(
        listed=_listed(candidates), reason=reason.strip()[:REASON_MAX]
    )
    record_event(
        session, action="confirm", entity="children", entity_id=str(child_id), summary=summary
    )
