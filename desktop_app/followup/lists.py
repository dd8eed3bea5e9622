"""Follow-up lists: which children need attention this month.

Five lists over the children in the programme (live, not exited, with an active guardian):

* not visited this month (with the date of their last visit);
* status worsened: the stunting trend from the previous to the latest visit with a HAZ is
  "memburuk" (:func:`desktop_app.growth.stunting_trend`);
* BGM (weight-for-age below -3 SD at the month's last weighing) and 2T (not gaining weight two
  months running, by the KBM table) this month;
* guardian overdue: the active guardian has not visited the child in 30 days or more;

and one over the data: children with more than one active guardian, which only sync can bring
about (:mod:`desktop_app.assignments.integrity`; exited children too, since an exit ends only one
assignment). Such a child appears once in the other lists, with the guardian that counts.

Three queries serve the first five lists, never one per child: the programme's children with
their latest visit facts (correlated subqueries on ``ix_visits_child_date``), the ids visited
this month, and the last three months' weighings, which 2T and BGM rate in memory (a cheap
pre-check, then the register's own :func:`~desktop_app.growth.weighing_history`); the sixth is
one grouped query (about 0.1 s for 100,000 assignments). Read-only; runs on the DB worker
thread. About 5 s with 100,000 children and 1,000,000 visits on a busy 2-core machine
(``bench/bench_aid_plan.py``), so the page shows "Memuat…" while it reads.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import (
    ChildWithSeveralGuardians,
    find_children_with_several_guardians,
    uncounted_assignment_ids,
)
from desktop_app.core import clock
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.month import Month
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Visit
from desktop_app.growth import (
    Indicator,
    KbmTable,
    Trend,
    Weighing,
    completed_months,
    format_z,
    indicator_short_name,
    stunting_trend,
    weighing_history,
)
from desktop_app.settings.kbm import load_kbm_table

__all__ = ["OVERDUE_DAYS", "FollowUpLists", "FollowUpRow", "follow_up_lists"]

OVERDUE_DAYS = 30
BGM_BELOW = -3.0


@dataclass(frozen=True)
class FollowUpRow:
    """One child in a list: ``on`` the relevant date, ``value`` the relevant figure as text."""

    child_id: uuid.UUID
    child_name: str
    desa_name: str | None
    guardian_name: str
    on: date | None
    value: str


@dataclass(frozen=True)
class FollowUpLists:
    month: date  # first day
    not_visited: tuple[FollowUpRow, ...]
    worsened: tuple[FollowUpRow, ...]
    bgm: tuple[FollowUpRow, ...]
    two_t: tuple[FollowUpRow, ...]
    guardian_overdue: tuple[FollowUpRow, ...]
    several_guardians: tuple[FollowUpRow, ...]


def _latest(column: Any, *where: Any, offset: int = 0) -> Any:
    """Correlated scalar: ``column`` of the child's latest visit matching ``where``."""
    return (
        select(column)
        .where(Visit.child_id == Child.id, Visit.deleted_at.is_(None), *where)
        .order_by(Visit.visit_date.desc())
        .limit(1)
        .offset(offset)
        .scalar_subquery()
    )


def _active_assignment(child_id: Any, uncounted: set[uuid.UUID]) -> Any:
    """Join condition: the child's live active assignment, but not an ``uncounted`` one (a
    child with several guardians joins once). The id test is only added when there are such
    (it is a short list), so the usual query and its plan stay as they were."""
    condition = and_(
        Assignment.child_id == child_id,
        Assignment.status == AssignmentStatus.ACTIVE,
        Assignment.deleted_at.is_(None),
    )
    return and_(condition, Assignment.id.not_in(uncounted)) if uncounted else condition


@dataclass(frozen=True)
class _Child:
    """What the lists need to know of one child in the programme."""

    row: tuple[uuid.UUID, str, str | None, str]  # id, name, desa, guardian
    birth: date
    assigned_on: date
    last_visit: date | None
    last_guardian_visit: date | None
    haz_before: float | None
    haz_latest: float | None
    haz_on: date | None


def _children(session: Session, uncounted: set[uuid.UUID]) -> list[_Child]:
    """One pass over the children in the programme, with their latest visit facts; a child
    with several active assignments comes once, leaving out the ``uncounted`` ones."""
    has_haz = Visit.zlen.is_not(None)
    by_guardian = (
        select(func.max(Visit.visit_date))
        .where(
            Visit.child_id == Child.id,
            Visit.guardian_id == Assignment.guardian_id,
            Visit.deleted_at.is_(None),
        )
        .scalar_subquery()
    )
    query = (
        select(
            Child.id,
            Child.name,
            Desa.name,
            Guardian.name,
            Child.birth_date,
            Assignment.start_date,
            _latest(Visit.visit_date),
            by_guardian,
            _latest(Visit.zlen, has_haz, offset=1),
            _latest(Visit.zlen, has_haz),
            _latest(Visit.visit_date, has_haz),
        )
        .join(Assignment, _active_assignment(Child.id, uncounted))
        .join(Guardian, Guardian.id == Assignment.guardian_id)
        .outerjoin(Desa, Desa.id == Child.desa_id)
        .where(Child.deleted_at.is_(None), Child.exit_date.is_(None))
        .order_by(Child.name)
    )
    return [_Child(tuple(r[:4]), *r[4:]) for r in session.execute(query)]


def _month_weighings(
    session: Session, first: date, last: date, uncounted: set[uuid.UUID]
) -> dict[uuid.UUID, list[Weighing]]:
    """Live weighings between ``first`` and ``last`` of children with an active guardian, by
    child (one range scan of the visit-date index); not through the ``uncounted`` assignments,
    which would bring a child's weighings twice."""
    query = (
        select(Visit.child_id, Visit.visit_date, Visit.weight_kg, Visit.zwei)
        .join(Assignment, _active_assignment(Visit.child_id, uncounted))
        .where(
            Visit.deleted_at.is_(None),
            Visit.weight_kg.is_not(None),
            Visit.visit_date.between(first, last),
        )
    )
    out: dict[uuid.UUID, list[Weighing]] = defaultdict(list)
    for cid, on, weight, zwei in session.execute(query):
        out[cid].append(Weighing(on, cast(float, weight), zwei))  # the query skips None
    return out


def _is_bgm(zwei: float | None) -> bool:
    """BGM: weight-for-age below -3 SD. Stored z-scores are rounded to 2 decimals already, so
    the plain comparison classifies exactly as :func:`desktop_app.growth.classify` does."""
    return zwei is not None and zwei < BGM_BELOW


def _not_visited(children: list[_Child], visited: set[uuid.UUID]) -> list[FollowUpRow]:
    return [
        FollowUpRow(*c.row, c.last_visit, "" if c.last_visit else _("Belum pernah dikunjungi"))
        for c in children
        if c.row[0] not in visited
    ]


def _worsened(children: list[_Child]) -> list[FollowUpRow]:
    rows = []
    for c in children:
        if c.haz_on is None or stunting_trend(c.haz_before, c.haz_latest) is not Trend.MEMBURUK:
            continue
        name = indicator_short_name(Indicator.TB_U, (c.haz_on - c.birth).days)
        text = _("{name} {before} → {after}").format(
            name=name, before=format_z(c.haz_before), after=format_z(c.haz_latest)
        )
        rows.append(FollowUpRow(*c.row, c.haz_on, text))
    return rows


def _month_lists(
    children: list[_Child],
    weighings: dict[uuid.UUID, list[Weighing]],
    month: Month,
    kbm: KbmTable,
) -> tuple[list[FollowUpRow], list[FollowUpRow]]:
    """BGM and 2T rows of ``month`` from the last three months' weighings."""
    bgm, two_t = [], []
    for c in children:
        items = weighings.get(c.row[0], [])
        this_month = [w for w in items if w.on >= month.first_day]
        if not this_month:
            continue
        last = max(this_month, key=lambda w: w.on)
        if _is_bgm(last.zwei):
            bgm.append(FollowUpRow(*c.row, last.on, _("BB/U {z}").format(z=format_z(last.zwei))))
        if not _may_be_two_t(c.birth, items, kbm):
            continue
        status = weighing_history(c.birth, items, kbm).get(month)
        if status is not None and status.two_t:
            text = _gain_text(status.gain_g or 0, status.kbm_g or 0)
            two_t.append(FollowUpRow(*c.row, status.weighing.on, text))
    return bgm, two_t


def _gain_text(gain_g: int, kbm_g: int) -> str:
    """``naik 100 g``, ``tetap`` or ``turun 300 g``, with the KBM it fell short of."""
    if gain_g > 0:
        change = _("naik {g} g").format(g=gain_g)
    elif gain_g < 0:
        change = _("turun {g} g").format(g=-gain_g)
    else:
        change = _("tetap")
    return _("{change} (KBM {kbm} g)").format(change=change, kbm=kbm_g)


def _may_be_two_t(birth: date, items: list[Weighing], kbm: KbmTable) -> bool:
    """A cheap pre-check for 2T (weighed in all three months, both month-on-month gains below
    KBM), so that the register's own rule (``weighing_history``) runs only for the candidates."""
    last: dict[tuple[int, int], Weighing] = {}
    for w in sorted(items, key=lambda w: w.on):
        last[(w.on.year, w.on.month)] = w
    if len(last) < 3:
        return False
    months = [last[key] for key in sorted(last)]
    return all(
        round((after.weight_kg - before.weight_kg) * 1000)
        < kbm.grams_for(completed_months(birth, after.on))
        for before, after in zip(months, months[1:], strict=False)
    )


def _guardian_overdue(children: list[_Child], today: date) -> list[FollowUpRow]:
    limit = today - timedelta(days=OVERDUE_DAYS)
    rows = []
    for c in children:
        last = c.last_guardian_visit
        if c.assigned_on <= limit and (last is None or last <= limit):
            days = (today - (last or c.assigned_on)).days
            text = (
                ngettext("{n} hari", "{n} hari", days).format(n=days)
                if last
                else ngettext("belum pernah ({n} hari)", "belum pernah ({n} hari)", days).format(
                    n=days
                )
            )
            rows.append(FollowUpRow(*c.row, last, text))
    return rows


def _several_guardians(doubled: list[ChildWithSeveralGuardians]) -> list[FollowUpRow]:
    """One row per child: every guardian's name (the one that counts first), the day the child
    came to have several, and each assignment's institution and start for choosing which to end."""
    rows = []
    for child in doubled:
        details = [
            (
                _("{guardian} ({institution}) sejak {date}")
                if a.institution
                else _("{guardian} sejak {date}")
            ).format(
                guardian=a.guardian_name, institution=a.institution, date=format_date(a.start_date)
            )
            for a in child.assignments
        ]
        names = ", ".join(a.guardian_name for a in child.assignments)
        rows.append(
            FollowUpRow(
                child.child_id,
                child.child_name,
                child.desa_name,
                names,
                child.doubled_since,
                "; ".join(details),
            )
        )
    return rows


def follow_up_lists(session: Session, *, today: date | None = None) -> FollowUpLists:
    """The six lists for the month of ``today`` (default: the real today)."""
    today = today or clock.today()
    month = Month.of(today)
    doubled = find_children_with_several_guardians(session)
    uncounted = uncounted_assignment_ids(doubled)
    children = _children(session, uncounted)
    weighings = _month_weighings(
        session, month.previous().previous().first_day, month.last_day, uncounted
    )
    visited = set(
        session.scalars(
            select(Visit.child_id).where(
                Visit.deleted_at.is_(None),
                Visit.visit_date.between(month.first_day, month.last_day),
            )
        )
    )
    bgm, two_t = _month_lists(children, weighings, month, load_kbm_table(session))
    return FollowUpLists(
        month=month.first_day,
        not_visited=tuple(_not_visited(children, visited)),
        worsened=tuple(_worsened(children)),
        bgm=tuple(bgm),
        two_t=tuple(two_t),
        guardian_overdue=tuple(_guardian_overdue(children, today)),
        several_guardians=tuple(_several_guardians(doubled)),
    )
