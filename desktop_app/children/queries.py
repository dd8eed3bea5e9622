"""The child list (Anak): filter, sort and page through up to 100,000 children.

Search looks at ``Child.search_text`` (lower-case name and mother's name and keyed tokens of NIK
and No. KK, kept by ``desktop_app.children.service``; a typed full number is turned into its
token, see ``core.identifier_search``), one LIKE per typed word. Joins are added only when a
filter or the sort needs them, so the common case (search, sort by name) scans one table in
index order.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from desktop_app.core import clock
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.identifier_search import search_key, searchable
from desktop_app.core.masking import mask_nik
from desktop_app.core.search import (
    SearchBase,
    id_text,
    in_order,
    like_all,
    to_uuids,
    without_index,
)
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Kecamatan, Posyandu


@dataclass(frozen=True)
class ChildFilter:
    """What the user chose above the child list. ``None`` means "any".

    ``exited``: False = active children only (the default), True = exited only, None = both.
    ``assigned``: True = has an active guardian, False = has none, None = both.
    ``opd_id`` keeps children whose active guardian belongs to that OPD.
    """

    search: str = ""
    kecamatan_id: uuid.UUID | None = None
    desa_id: uuid.UUID | None = None
    posyandu_id: uuid.UUID | None = None
    opd_id: uuid.UUID | None = None
    enrolment_status: str | None = None
    exited: bool | None = False
    assigned: bool | None = None


@dataclass(frozen=True)
class ChildRow:
    """One line of the child list; ``nik`` and ``no_kk`` come masked."""

    id: str
    name: str
    nik: str | None
    no_kk: str | None
    sex: str
    birth_date: date
    kecamatan_name: str | None
    desa_name: str | None
    posyandu_name: str | None
    guardian_name: str | None
    enrolment_status: str
    exit_date: date | None
    exit_reason: str | None
    #: The day ``age_months`` is computed for (the day the row was loaded, or a test's date).
    on: date

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(self.id)

    @property
    def age_months(self) -> int:
        """Completed months on ``on`` ("bulan penuh"), 0 for a birth date after it.

        Computed on access: the growth package imports numpy, which Beranda (it lists children
        without their age) and start-up do not need.
        """
        from desktop_app.growth.age import completed_months

        return completed_months(self.birth_date, self.on) if self.birth_date <= self.on else 0


#: Sort keys the list offers (one per column header).
CHILD_SORT_KEYS = (
    "name",
    "nik",
    "sex",
    "birth_date",
    "age",
    "desa",
    "posyandu",
    "guardian",
    "status",
)


def _active_assignment():
    return aliased(Assignment, name="active_assignment")


def _has_active_guardian(opd_id: uuid.UUID | None = None) -> ColumnElement[bool]:
    conditions = [
        Assignment.child_id == Child.id,
        without_index(Assignment.status) == AssignmentStatus.ACTIVE,
        Assignment.deleted_at.is_(None),
    ]
    if opd_id is None:
        return exists().where(*conditions)
    return exists().where(
        *conditions, Guardian.id == Assignment.guardian_id, Guardian.opd_id == opd_id
    )


def _where(child_filter: ChildFilter, key: bytes | None = None) -> list[ColumnElement[bool]]:
    f = child_filter
    clauses: list[ColumnElement[bool]] = [Child.deleted_at.is_(None)]
    if f.search.strip():
        clauses.append(like_all(Child.search_text, searchable(f.search, key)))
    if f.posyandu_id is not None:
        clauses.append(Child.posyandu_id == f.posyandu_id)
    if f.desa_id is not None:
        clauses.append(Child.desa_id == f.desa_id)
    elif f.kecamatan_id is not None:
        clauses.append(
            Child.desa_id.in_(select(Desa.id).where(Desa.kecamatan_id == f.kecamatan_id))
        )
    if f.enrolment_status:
        clauses.append(Child.enrolment_status == f.enrolment_status)
    if f.exited is True:
        clauses.append(Child.exit_date.is_not(None))
    elif f.exited is False:
        clauses.append(Child.exit_date.is_(None))
    if f.opd_id is not None:
        clauses.append(_has_active_guardian(f.opd_id))
    if f.assigned is True and f.opd_id is None:
        clauses.append(_has_active_guardian())
    elif f.assigned is False:
        clauses.append(~_has_active_guardian())
    return clauses


def _sorted(stmt: Select, sort: str, descending: bool) -> Select:
    """Add the ORDER BY (and only the joins it needs); ties broken by name, then id."""
    if sort not in CHILD_SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    key: QueryableAttribute[Any]
    if sort == "desa":
        stmt = stmt.outerjoin(Desa, Desa.id == Child.desa_id)
        key = Desa.name
    elif sort == "posyandu":
        stmt = stmt.outerjoin(Posyandu, Posyandu.id == Child.posyandu_id)
        key = Posyandu.name
    elif sort == "guardian":
        active = _active_assignment()
        stmt = stmt.outerjoin(
            active,
            and_(
                active.child_id == Child.id,
                without_index(active.status) == AssignmentStatus.ACTIVE,
                active.deleted_at.is_(None),
            ),
        ).outerjoin(Guardian, Guardian.id == active.guardian_id)
        key = Guardian.name
    else:
        key = {
            "name": Child.name,
            "nik": Child.nik,
            "sex": Child.sex,
            "birth_date": Child.birth_date,
            "age": Child.birth_date,
            "status": Child.enrolment_status,
        }[sort]
        if sort == "age":  # older child = earlier birth date
            descending = not descending
    primary = key.desc() if descending else key.asc()
    if sort == "name":
        # The (deleted_at, name) index yields this order without a sort step; equal names keep
        # the index's own (stable) order, which is all the lazy model needs.
        return stmt.order_by(primary)
    return stmt.order_by(primary, Child.name, Child.id)


def query_child_ids(
    session: Session,
    *,
    child_filter: ChildFilter = ChildFilter(),
    sort: str = "name",
    descending: bool = False,
    limit: int | None = None,
) -> list[str]:
    """Ids (as strings) of every child matching ``child_filter``, in display order.

    One SQL statement; runs on whichever thread owns ``session``. ~100,000 ids per call is fine.
    """
    stmt = select(id_text(Child.id)).where(*_where(child_filter, search_key(session)))
    stmt = _sorted(stmt, sort, descending)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.execute(stmt).scalars())


def query_child_search_base(
    session: Session,
    *,
    child_filter: ChildFilter = ChildFilter(),
    sort: str = "name",
    descending: bool = False,
) -> SearchBase:
    """Every child matching ``child_filter`` except its search text, in display order, with
    the search texts, for narrowing while the user types (see :class:`SearchBase`).

    ``base.narrow(text)`` gives the same ids as ``query_child_ids`` with ``search=text``.
    """
    stmt = select(id_text(Child.id), Child.search_text).where(
        *_where(replace(child_filter, search=""))
    )
    return SearchBase.from_rows(
        session.execute(_sorted(stmt, sort, descending)), key=search_key(session)
    )


@cache
def _row_statement() -> Select:
    """The batch query, built once (building it costs more than running it): ``ids`` is an
    expanding bind parameter.

    ``deleted_at`` is checked in Python, not in SQL: a condition on it lets SQLite prefer the
    (deleted_at, name) index to the primary key and walk every child (measured: 2 s per batch).
    """
    active = _active_assignment()
    return (
        select(
            id_text(Child.id),
            Child.name,
            Child.nik,
            Child.no_kk,
            Child.sex,
            Child.birth_date,
            Kecamatan.name,
            Desa.name,
            Posyandu.name,
            Guardian.name,
            Child.enrolment_status,
            Child.exit_date,
            Child.exit_reason,
            Child.deleted_at,
        )
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Kecamatan, Kecamatan.id == Desa.kecamatan_id)
        .outerjoin(Posyandu, Posyandu.id == Child.posyandu_id)
        .outerjoin(
            active,
            and_(
                active.child_id == Child.id,
                without_index(active.status) == AssignmentStatus.ACTIVE,
                active.deleted_at.is_(None),
            ),
        )
        .outerjoin(Guardian, Guardian.id == active.guardian_id)
        .where(Child.id.in_(bindparam("ids", expanding=True)))
    )


def load_child_rows(
    session: Session, *, ids: Sequence[str], today: date | None = None
) -> list[ChildRow]:
    """The rows for ``ids`` (one batch, e.g. 100), in the order given; deleted ids are skipped.

    ``today`` fixes the date ages are computed on (tests); by default the local date.
    """
    if not ids:
        return []
    on = today or clock.today()
    rows: dict[str, ChildRow] = {}
    for r in session.execute(_row_statement(), {"ids": to_uuids(ids)}):
        if r[13] is not None:
            continue
        rows[r[0]] = ChildRow(
            id=r[0],
            name=r[1],
            nik=mask_nik(r[2]) or None,  # services hand out masked numbers (UU 27/2022)
            no_kk=mask_nik(r[3]) or None,
            sex=r[4],
            birth_date=r[5],
            kecamatan_name=r[6],
            desa_name=r[7],
            posyandu_name=r[8],
            guardian_name=r[9],
            enrolment_status=r[10],
            exit_date=r[11],
            exit_reason=r[12],
            on=on,
        )
    return in_order(rows, ids)
