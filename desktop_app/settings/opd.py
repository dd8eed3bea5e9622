"""OPD (organisasi perangkat daerah): the district offices whose ASN foster children.

``opd_summaries`` lists every office, those with no ASN registered included: the coordinating
office must see who has not submitted data. Services flush, never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import AssignmentStatus, GuardianKind
from desktop_app.core.errors import ConflictError
from desktop_app.core.i18n import _
from desktop_app.core.records import FieldErrors, get_live, name_taken
from desktop_app.core.search import without_index
from desktop_app.db.base import utcnow
from desktop_app.db.models import Assignment, Guardian, Opd
from desktop_app.validation import collapse_spaces

__all__ = [
    "OpdRecord",
    "OpdSummary",
    "create_opd",
    "delete_opd",
    "list_opds",
    "opd_summaries",
    "update_opd",
]


@dataclass(frozen=True)
class OpdRecord:
    id: uuid.UUID
    code: str
    name: str


@dataclass(frozen=True)
class OpdSummary:
    """An office's part in the programme: active ASN guardians, how many of them foster a child
    now, and the children fostered now (active assignments)."""

    id: uuid.UUID
    code: str
    name: str
    asn_count: int
    guardians_with_children: int
    children_fostered: int

    @property
    def has_submitted(self) -> bool:
        """Whether the office has registered any active ASN guardian yet."""
        return self.asn_count > 0


def _record(opd: Opd) -> OpdRecord:
    return OpdRecord(opd.id, opd.code, opd.name)


def _clean(session: Session, code: str, name: str, exclude_id: uuid.UUID | None) -> tuple[str, str]:
    code, name = collapse_spaces(code).upper(), collapse_spaces(name)
    errors = FieldErrors()
    if not code:
        errors.add("code", _("Kode OPD wajib diisi"))
    errors.check_text("code", code, 20, _("Kode OPD"))
    if not name:
        errors.add("name", _("Nama OPD wajib diisi"))
    errors.check_text("name", name, 150, _("Nama OPD"))
    if code and name_taken(session, Opd.code, code, exclude_id=exclude_id):
        errors.add("code", _("Kode OPD {code} sudah dipakai").format(code=code))
    if name and name_taken(session, Opd.name, name, exclude_id=exclude_id):
        errors.add("name", _("OPD bernama {name} sudah ada").format(name=name))
    errors.raise_if_any()
    return code, name


@writes(Changes.OPD)
def create_opd(session: Session, *, code: str, name: str) -> OpdRecord:
    """Add an office; code (stored upper-case) and name must be unique among live OPDs."""
    code, name = _clean(session, code, name, None)
    opd = Opd(code=code, name=name)
    session.add(opd)
    session.flush()
    return _record(opd)


@writes(Changes.OPD)
def update_opd(session: Session, *, opd_id: uuid.UUID, code: str, name: str) -> OpdRecord:
    opd = get_live(session, Opd, opd_id, _("OPD"))
    opd.code, opd.name = _clean(session, code, name, opd.id)
    session.flush()
    return _record(opd)


@writes(Changes.OPD)
def delete_opd(session: Session, *, opd_id: uuid.UUID) -> None:
    """Delete (tombstone) an office; ``ConflictError`` while any live guardian belongs to it."""
    opd = get_live(session, Opd, opd_id, _("OPD"))
    members = session.scalar(
        select(func.count(Guardian.id)).where(
            Guardian.opd_id == opd.id, Guardian.deleted_at.is_(None)
        )
    )
    if members:
        raise ConflictError(
            _(
                "OPD {name} tidak dapat dihapus karena masih tercatat pada {count} orang tua asuh"
            ).format(name=opd.name, count=members)
        )
    opd.deleted_at = utcnow()
    session.flush()


def list_opds(session: Session) -> list[OpdRecord]:
    """Live offices sorted by name."""
    rows = session.scalars(select(Opd).where(Opd.deleted_at.is_(None)).order_by(Opd.name))
    return [_record(opd) for opd in rows]


def opd_summaries(session: Session) -> list[OpdSummary]:
    """Every live office with its counts, sorted by name; one query, zeros included.

    Counts are aggregated per office in two subqueries (live active ASN guardians; their active
    assignments), then LEFT JOINed to the offices: each table is read once. Joining offices ->
    guardians -> assignments and counting DISTINCT instead took 1.6 s on 10,000 children,
    because without ANALYZE statistics SQLite looked rows up through the low-selectivity
    ``kind``/``status`` indexes (hence ``without_index`` below). Runs on the caller's thread.
    """
    asn_guardian = (
        Guardian.deleted_at.is_(None),
        Guardian.active.is_(True),
        without_index(Guardian.kind) == GuardianKind.ASN,
    )
    asn = (
        select(Guardian.opd_id.label("opd_id"), func.count().label("asn_count"))
        .where(*asn_guardian)
        .group_by(Guardian.opd_id)
        .subquery("asn")
    )
    fostering = (
        select(
            Guardian.opd_id.label("opd_id"),
            func.count(distinct(Assignment.guardian_id)).label("guardians"),
            func.count().label("children"),
        )
        .join(Guardian, Guardian.id == Assignment.guardian_id)
        .where(
            *asn_guardian,
            without_index(Assignment.status) == AssignmentStatus.ACTIVE,
            Assignment.deleted_at.is_(None),
        )
        .group_by(Guardian.opd_id)
        .subquery("fostering")
    )
    query = (
        select(
            Opd.id,
            Opd.code,
            Opd.name,
            func.coalesce(asn.c.asn_count, 0),
            func.coalesce(fostering.c.guardians, 0),
            func.coalesce(fostering.c.children, 0),
        )
        .outerjoin(asn, asn.c.opd_id == Opd.id)
        .outerjoin(fostering, fostering.c.opd_id == Opd.id)
        .where(Opd.deleted_at.is_(None))
        .order_by(Opd.name)
    )
    return [OpdSummary(*row) for row in session.execute(query)]
