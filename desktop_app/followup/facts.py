"""What the follow-up lists know of each child in the programme, read in one query.

One row per child in the programme (live, not exited, with a live active assignment; a child
with several active guardians comes once, through the assignment that counts), in name order,
with the visit facts the lists test: the latest visit, the guardian's latest visit, the latest
two HAZ, and the last weighing of each of the last three months.

Each fact is a correlated probe of ``ix_visits_child_facts`` (child, date, then the columns
read), so no visit row is ever read from the table. The probes that only some children need
run in an outer query over a materialised first pass, behind a ``CASE`` that SQLite evaluates
lazily: the date of the latest HAZ only where HAZ fell, the guardian's latest visit only for
assignments older than the overdue limit, the older weighings only for children weighed this
month. With 100,000 children and 946,000 visits this is the bulk of the lists' time: about
0.7 s, of which SQL 0.57 s (0.24 s the join of the children, their assignment, guardian and
desa; each probe 1.5-3 µs through the memory map, some 40,000 children x 5-7 probes), on a
busy 2-core machine (``bench/bench_province.py``). Read-only; runs on the caller's thread (the
DB worker) in the caller's transaction.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import String, and_, case, cast, exists, func, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.month import Month
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Kecamatan, Posyandu, Visit
from desktop_app.growth import Weighing

__all__ = ["NO_PLACE", "ChildFacts", "Place", "load_child_facts", "load_places"]


class Place(NamedTuple):
    """Where a cadre finds the child and whom to call: the areas the page filters by and the
    round sheet groups by, the mother, the family's phone and the guardian's phone."""

    kecamatan_id: uuid.UUID | None
    kecamatan_name: str | None
    desa_id: uuid.UUID | None
    posyandu_id: uuid.UUID | None
    posyandu_name: str | None
    mother_name: str | None
    family_phone: str | None
    guardian_phone: str | None


NO_PLACE = Place(None, None, None, None, None, None, None, None)


class ChildFacts(NamedTuple):
    """One child in the programme and the visit facts the follow-up lists need.

    A named tuple rather than a frozen dataclass: built for each of a province's 40,000
    children, where a frozen dataclass's field-by-field ``__init__`` costs 2-3 µs each."""

    row: tuple[uuid.UUID, str, str | None, str]  # id, name, desa, guardian
    birth: date
    assigned_on: date
    visited: bool  # a live visit in the month
    last_visit: date | None
    last_guardian_visit: date | None  # None also when assigned after the overdue limit
    haz_before: float | None
    haz_latest: float | None
    haz_on: date | None  # only where HAZ fell (haz_latest < haz_before)
    weighings: tuple[Weighing, ...]  # the last of each month weighed, oldest first
    place: Place


def _probe(child: Any, column: Any, *where: Any, offset: int = 0) -> Any:
    """Correlated scalar: ``column`` of ``child``'s latest live visit matching ``where``."""
    return (
        select(column)
        .where(Visit.child_id == child, Visit.deleted_at.is_(None), *where)
        .order_by(Visit.visit_date.desc())
        .limit(1)
        .offset(offset)
        .scalar_subquery()
    )


def _in(month: Month) -> Any:
    return Visit.visit_date.between(month.first_day, month.last_day)


def _active_assignment(uncounted: set[uuid.UUID]) -> Any:
    """Join condition: the child's live active assignment, not one of the ``uncounted`` (a
    child with several guardians joins once); the id test only when there are such."""
    condition = and_(
        Assignment.child_id == Child.id,
        Assignment.status == AssignmentStatus.ACTIVE,
        Assignment.deleted_at.is_(None),
    )
    return and_(condition, Assignment.id.not_in(uncounted)) if uncounted else condition


def _first_pass(month: Month, uncounted: set[uuid.UUID]) -> Any:
    """The programme's children with the facts every list needs (materialised, see above)."""
    has_haz = Visit.zlen.is_not(None)
    weighed = Visit.weight_kg.is_not(None)
    return (
        select(
            Child.id.label("id"),
            Child.name.label("name"),
            Desa.name.label("desa"),
            Guardian.name.label("guardian"),
            Child.birth_date.label("birth"),
            Assignment.start_date.label("assigned_on"),
            Assignment.guardian_id.label("guardian_id"),
            _probe(Child.id, Visit.visit_date).label("last_visit"),
            _probe(Child.id, Visit.zlen, has_haz).label("haz_latest"),
            _probe(Child.id, Visit.zlen, has_haz, offset=1).label("haz_before"),
            _probe(Child.id, _packed_weighing(), weighed, _in(month)).label("weighed"),
            *_place_columns(),
        )
        .join(Assignment, _active_assignment(uncounted))
        .join(Guardian, Guardian.id == Assignment.guardian_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Kecamatan, Kecamatan.id == Desa.kecamatan_id)
        .outerjoin(Posyandu, Posyandu.id == Child.posyandu_id)
        .where(Child.deleted_at.is_(None), Child.exit_date.is_(None))
        .cte("programme")
        .prefix_with("MATERIALIZED")
    )


def _place_columns() -> tuple[Any, ...]:
    """The :class:`Place` columns (the query joins kecamatan, desa, posyandu and guardian)."""
    return (
        Desa.kecamatan_id.label("kecamatan_id"),
        Kecamatan.name.label("kecamatan_name"),
        Child.desa_id.label("desa_id"),
        Child.posyandu_id.label("posyandu_id"),
        Posyandu.name.label("posyandu_name"),
        Child.mother_name.label("mother_name"),
        Child.phone.label("family_phone"),
        Guardian.phone.label("guardian_phone"),
    )


def load_places(session: Session, *, child_ids: list[uuid.UUID]) -> dict[uuid.UUID, Place]:
    """The :class:`Place` of a few children (those with several guardians, listed apart),
    without a guardian's phone: which guardian to call is the question there."""
    if not child_ids:
        return {}
    columns = _place_columns()[:-1]
    query = (
        select(Child.id, *columns)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .outerjoin(Kecamatan, Kecamatan.id == Desa.kecamatan_id)
        .outerjoin(Posyandu, Posyandu.id == Child.posyandu_id)
        .where(Child.id.in_(child_ids))
    )
    return {row[0]: Place._make((*row[1:], None)) for row in session.execute(query)}


def load_child_facts(
    session: Session, *, month: Month, overdue_limit: date, uncounted: set[uuid.UUID]
) -> list[ChildFacts]:
    """The programme's children in name order, with their facts for ``month``.

    ``overdue_limit``: the guardian's latest visit is read only for assignments that started
    on or before it (the others cannot be overdue). ``uncounted``: active assignments left out
    (:func:`desktop_app.assignments.integrity.uncounted_assignment_ids`).
    """
    p = _first_pass(month, uncounted)
    weighed = Visit.weight_kg.is_not(None)
    has_haz = Visit.zlen.is_not(None)
    if_weighed = p.c.weighed.is_not(None)
    older = (month.previous().previous(), month.previous())
    in_month = exists(
        select(Visit.visit_date).where(
            Visit.child_id == p.c.id, Visit.deleted_at.is_(None), _in(month)
        )
    )
    query = select(
        p.c.id,
        p.c.name,
        p.c.desa,
        p.c.guardian,
        p.c.birth,
        p.c.assigned_on,
        # A visit dated after the month (a past month's lists) leaves the latest visit no clue.
        case(
            (p.c.last_visit > month.last_day, in_month),
            else_=p.c.last_visit >= month.first_day,
        ),
        p.c.last_visit,
        case(
            (
                p.c.assigned_on <= overdue_limit,
                _probe(p.c.id, Visit.visit_date, Visit.guardian_id == p.c.guardian_id),
            )
        ),
        p.c.haz_before,
        p.c.haz_latest,
        case((p.c.haz_latest < p.c.haz_before, _probe(p.c.id, Visit.visit_date, has_haz))),
        *(case((if_weighed, _probe(p.c.id, _packed_weighing(), weighed, _in(m)))) for m in older),
        p.c.weighed,
        *(p.c[name] for name in Place._fields),
    ).order_by(p.c.name)
    # Core, not ORM, execution: the rows are plain tuples either way, and the ORM's result
    # layer would cost ~0.2 s on a province's 40,000 children.
    return [_facts(row) for row in session.connection().execute(query)]


def _packed_weighing() -> Any:
    """A weighing as one text, ``date|kg|zwei``: one probe instead of three.

    SQLite writes a REAL with 15 significant digits, which gives back the same float for every
    weight (0.1 kg) and stored z-score (2 decimals) there is."""
    return (
        cast(Visit.visit_date, String)
        + "|"
        + cast(Visit.weight_kg, String)
        + "|"
        + func.coalesce(cast(Visit.zwei, String), "")
    )


def _unpacked(text: str | None) -> Weighing | None:
    if text is None:
        return None
    on, kg, zwei = text.split("|")
    return Weighing(date.fromisoformat(on), float(kg), float(zwei) if zwei else None)


def _facts(row: Any) -> ChildFacts:
    (child_id, name, desa, guardian, birth, assigned_on, visited, last_visit, last_by_guardian,
     haz_before, haz_latest, haz_on, *rest) = row  # fmt: skip
    packed, place = rest[:3], Place(*rest[3:])
    # Two months back, last month, this month; the older two are read only when this month's
    # is there, so most children (not weighed this month) need no unpacking.
    weighings = () if packed[-1] is None else (_unpacked(text) for text in packed)
    return ChildFacts(
        (child_id, name, desa, guardian),
        birth,
        assigned_on,
        bool(visited),
        last_visit,
        last_by_guardian,
        haz_before,
        haz_latest,
        haz_on,
        tuple(w for w in weighings if w is not None),
        place,
    )
