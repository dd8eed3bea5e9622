"""Finding a foster parent who may already be registered, before a second row is saved.

The same rules as for children (:mod:`desktop_app.children.duplicates`):

- **The same NIP** as a live guardian is refused outright (a field error on ``nip`` naming the
  holder, in :mod:`desktop_app.guardians.service`): a NIP belongs to one civil servant.
- **The same name** (ignoring case and spaces) **and** one more thing that singles a person
  out: the birth date the NIPs encode, the phone number, or, for companies, the company name.
  Two people may share a name, so this only asks: the user may save with a reason, which the
  audit trail keeps.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Guardian
from desktop_app.validation import InvalidNumberError, comparison_key, parse_nip

__all__ = [
    "DuplicateGuardianCandidate",
    "DuplicateGuardianError",
    "find_duplicate_guardians",
    "record_guardian_duplicate_reason",
]


@dataclass(frozen=True)
class DuplicateGuardianCandidate:
    guardian_id: uuid.UUID
    name: str
    nip: str | None
    detail: str  # OPD or company, for the list
    reason: str


class DuplicateGuardianError(DomainError):
    """The guardian may already be registered: save again with a ``duplicate_reason``."""

    refused = False

    def __init__(self, candidates: list[DuplicateGuardianCandidate]) -> None:
        self.candidates = candidates
        listed = "; ".join(f"{c.name} ({c.reason})" for c in candidates)
        super().__init__(
            _("Kemungkinan orang tua asuh ini sudah terdaftar: {listed}").format(listed=listed)
        )


def _birth(nip: str | None) -> date | None:
    if not nip:
        return None
    try:
        return parse_nip(nip).birth_date
    except InvalidNumberError:
        return None


def find_duplicate_guardians(
    session: Session,
    *,
    name: str,
    nip: str | None,
    phone: str | None,
    company: str | None,
    exclude_id: uuid.UUID | None = None,
) -> list[DuplicateGuardianCandidate]:
    """Live guardians with the same name and birth date (from the NIP), phone or company.

    SQL narrows to rows sharing the NIP's birth-date digits, the phone or the company (a few
    rows); names are compared in Python (SQLite's ``lower()`` folds ASCII only)."""
    key = comparison_key(name)
    if not key:
        return []
    narrowing: list[ColumnElement[bool]] = []
    if _birth(nip) is not None and nip:
        narrowing.append(Guardian.nip.like(f"{nip[:8]}%"))
    if phone:
        narrowing.append(Guardian.phone == phone)
    if company:
        narrowing.append(func.lower(Guardian.company) == company.lower())
    if not narrowing:
        return []
    query = select(Guardian).where(Guardian.deleted_at.is_(None), or_(*narrowing))
    if exclude_id is not None:
        query = query.where(Guardian.id != exclude_id)
    birth = _birth(nip)
    found = []
    for other in session.scalars(query):
        if comparison_key(other.name) != key or (nip and other.nip == nip):
            continue  # another person, or the same NIP (refused separately)
        if birth is not None and _birth(other.nip) == birth:
            reason = _("Nama dan tanggal lahir (pada NIP) sama")
        elif phone and other.phone == phone:
            reason = _("Nama dan no. HP sama")
        elif company and comparison_key(other.company) == comparison_key(company):
            reason = _("Nama dan perusahaan sama")
        else:
            continue
        detail = other.opd.name if other.opd is not None else (other.company or "")
        found.append(DuplicateGuardianCandidate(other.id, other.name, other.nip, detail, reason))
    return found


def record_guardian_duplicate_reason(
    session: Session,
    *,
    guardian_id: uuid.UUID,
    candidates: list[DuplicateGuardianCandidate],
    reason: str,
) -> None:
    """Keep in the audit trail why the user saved a guardian resembling ``candidates``."""
    listed = "; ".join(f"{c.name} ({c.reason})" for c in candidates)
    record_event(
        session,
        action="confirm",
        entity="guardians",
        entity_id=str(guardian_id),
        summary=_("Tetap disimpan walau mirip dengan {listed}. Alasan: {reason}").format(
            listed=listed, reason=reason.strip()[:500]
        ),
    )
