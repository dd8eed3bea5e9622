"""The guardian list (Orang Tua Asuh): search, OPD/kind filters, active-children counts.

A district has at most a few thousand guardians, so search may look at the name and NIP columns
directly as well as at ``search_text``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.search import id_text, in_order, search_terms, to_uuids, without_index
from desktop_app.db.models import Assignment, Guardian, Opd


@dataclass(frozen=True)
class GuardianFilter:
    """``active``: True = active guardians only (default), False = deactivated, None = both."""

    search: str = ""
    opd_id: uuid.UUID | None = None
    kind: str | None = None
    active: bool | None = True


@dataclass(frozen=True)
class GuardianRow:
    id: str
    kind: str
    name: str
    nip: str | None
    opd_name: str | None
    position: str | None
    active_children: int
    active: bool

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(self.id)


GUARDIAN_SORT_KEYS = ("name", "kind", "nip", "opd", "position", "children", "status")


def _active_children():
    return (
        select(func.count(Assignment.id))
        .where(
            Assignment.guardian_id == Guardian.id,
            without_index(Assignment.status) == AssignmentStatus.ACTIVE,
            Assignment.deleted_at.is_(None),
        )
        .scalar_subquery()
    )


def _matches(word: str) -> ColumnElement[bool]:
    pattern = f"%{word}%"
    return or_(
        Guardian.search_text.like(pattern),
        func.lower(Guardian.name).like(pattern),
        Guardian.nip.like(pattern),
    )


def _where(guardian_filter: GuardianFilter) -> list[ColumnElement[bool]]:
    f = guardian_filter
    clauses: list[ColumnElement[bool]] = [Guardian.deleted_at.is_(None)]
    clauses.extend(_matches(word) for word in search_terms(f.search))
    if f.opd_id is not None:
        clauses.append(Guardian.opd_id == f.opd_id)
    if f.kind:
        clauses.append(Guardian.kind == f.kind)
    if f.active is not None:
        clauses.append(Guardian.active.is_(f.active))
    return clauses


def _sorted(stmt: Select, sort: str, descending: bool) -> Select:
    if sort not in GUARDIAN_SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    if sort == "opd":
        stmt = stmt.outerjoin(Opd, Opd.id == Guardian.opd_id)
        key = Opd.name
    else:
        key = {
            "name": Guardian.name,
            "kind": Guardian.kind,
            "nip": Guardian.nip,
            "position": Guardian.position,
            "children": _active_children(),
            "status": Guardian.active.is_(False),  # "Aktif" before "Nonaktif", like the labels
        }[sort]
    primary = key.desc() if descending else key.asc()
    return stmt.order_by(primary, Guardian.name, Guardian.id)


def query_guardian_ids(
    session: Session,
    *,
    guardian_filter: GuardianFilter = GuardianFilter(),
    sort: str = "name",
    descending: bool = False,
) -> list[str]:
    """Ids (as strings) of the matching guardians in display order."""
    stmt = select(id_text(Guardian.id)).where(*_where(guardian_filter))
    return list(session.execute(_sorted(stmt, sort, descending)).scalars())


def load_guardian_rows(session: Session, *, ids: Sequence[str]) -> list[GuardianRow]:
    """Rows for one batch of ids, in the order given."""
    if not ids:
        return []
    stmt = (
        select(
            id_text(Guardian.id),
            Guardian.kind,
            Guardian.name,
            Guardian.nip,
            Opd.name,
            Guardian.position,
            _active_children(),
            Guardian.active,
        )
        .outerjoin(Opd, and_(Opd.id == Guardian.opd_id))
        .where(Guardian.id.in_(to_uuids(ids)), Guardian.deleted_at.is_(None))
    )
    rows = {r[0]: GuardianRow(*r) for r in session.execute(stmt)}
    return in_order(rows, ids)
