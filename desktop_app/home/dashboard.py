"""This month's figures for Beranda: enrolment, visits done vs due, stunting, aid.

Each figure is one aggregate query with the definitions of :mod:`desktop_app.reports.figures`;
the stunting series over the last months is that module's stunting figure (the same count as
the monthly report's, the months in one statement). The visit queries read only the
``ix_visits_month_facts`` index. A closed month (Tutup bulan) shows its snapshot's figures, as
its signed report prints them: its stunting point and, for the month shown, the headline; the
visits bar counts the data (the snapshot has no such figure). The figures are remembered while
the change log shows no change (:func:`monthly_figures`). Read-only; runs on the DB worker
thread in the caller's transaction.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from desktop_app.core import clock
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import format_count
from desktop_app.core.month import Month
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Child,
    MonthClosure,
    Programme,
    SyncChange,
    Visit,
)
from desktop_app.home.stunting_memo import open_month_stunting
from desktop_app.reports.common import reference_day
from desktop_app.reports.figures import (
    Stunting,
    aid_of_month,
    assignment_in_month,
    registered_child,
)
from desktop_app.reports.monthly_model import KeyFigures, TrendPoint
from desktop_app.reports.snapshot import decode, sha256_hex
from desktop_app.settings.store import get_settings

__all__ = [
    "SERIES_MONTHS",
    "MonthPoint",
    "MonthlyFigures",
    "format_count",
    "monthly_figures",
]

SERIES_MONTHS = 6


@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day
    stunted: int  # reports.figures: latest measurement of the month with a HAZ below -2 SD
    measured: int  # reports.figures: latest measurement of the month with a plausible HAZ
    visits: int  # visits made by a guardian (orang tua asuh) that month


@dataclass(frozen=True)
class MonthlyFigures:
    month: date  # first day
    children_enrolled: int  # registered in the month (reports.figures)
    children_with_guardian: int  # with an assignment during the month (reports.figures)
    visits_done: int  # visits made by guardians in the month
    visits_due: int  # per child with a guardian, its highest visit target (reports.figures)
    stunted: int
    stunted_previous: int
    aid_planned: int  # rupiah, not cancelled
    aid_paid: int  # rupiah
    series: tuple[MonthPoint, ...]  # oldest first, ending with ``month``

    @property
    def stunted_change(self) -> int:
        return self.stunted - self.stunted_previous


def _month_key(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)  # dates are stored as ISO text: cheaper than strftime
    return func.to_char(column, "YYYY-MM")


def _series(
    session: Session, months: list[Month], today: date, closed: dict[Month, ClosedMonth]
) -> tuple[MonthPoint, ...]:
    stunting = _stunting_counts(session, months, today, closed)
    # One COUNT per month over its ``ix_visits_month_facts`` range. Grouping the six months by
    # ``substr(visit_date)`` made SQLite pick ``ix_visits_guardian_id`` and look up every
    # guardian visit ever made, then sort them (0.46 s at 50,000 children against 0.03 s).
    visits = {
        str(m): session.scalar(
            select(func.count())
            .select_from(Visit)
            .where(
                Visit.deleted_at.is_(None),
                Visit.visit_date.between(m.first_day, m.last_day),
                _unindexed(session, Visit.guardian_id).is_not(None),
            )
        )
        or 0
        for m in months
    }
    return tuple(MonthPoint(m.first_day, *stunting[str(m)], visits[str(m)]) for m in months)


def _unindexed(session: Session, column: Any) -> Any:
    """``column`` as SQLite's ``+column``: a term the planner does not answer from an index of
    its own, so the month's range of ``ix_visits_month_facts`` is read instead (each term is a
    no-op in value)."""
    if session.get_bind().dialect.name == "sqlite":
        return UnaryExpression(column, operator=operators.custom_op("+"))
    return column


def _stunting_counts(
    session: Session, months: list[Month], today: date, closed: dict[Month, ClosedMonth]
) -> dict[str, Stunting]:
    """``{month: (stunted, measured)}``: the monthly report's figure
    (:func:`desktop_app.reports.figures.stunting_of_months`, the open months in one
    statement, each counted again only when its data changed: :mod:`.stunting_memo`); a closed
    month's from its snapshot (``closed``), as its signed report prints it."""
    counted = open_month_stunting(
        session, [(m, reference_day(m, today)) for m in months if m not in closed]
    )
    return {str(m): closed[m].stunting if m in closed else counted[m] for m in months}


@dataclass(frozen=True)
class ClosedMonth:
    """What Beranda shows of a closed month, from its snapshot's monthly report: the trend
    point of the month (stunted among the children with a HAZ) and the headline figures."""

    stunting: Stunting
    figures: KeyFigures


#: Closed months by the SHA-256 of their snapshot: a snapshot never changes, so it is decoded
#: once per process (a new or replaced closure has another digest).
_CLOSED: dict[str, ClosedMonth | None] = {}


def _closed_months(session: Session, months: list[Month], today: date) -> dict[Month, ClosedMonth]:
    """The closed months among ``months`` (ended ones only) with their snapshot figures. Only
    the digests are read, unless a digest is new to this process. A snapshot whose hash does
    not match (the report refuses it) or that lacks the month's trend point is left out: that
    month is counted from the data."""
    ended = [m.first_day for m in months if m.last_day < today]
    if not ended:
        return {}
    rows = session.execute(
        select(MonthClosure.month, MonthClosure.sha256).where(
            MonthClosure.month.in_(ended), MonthClosure.deleted_at.is_(None)
        )
    ).all()
    found: dict[Month, ClosedMonth] = {}
    for first, digest in rows:
        month = Month.of(first)
        if digest not in _CLOSED:
            _CLOSED[digest] = _decoded(session, month, digest)
        closed = _CLOSED[digest]
        if closed is not None:
            found[month] = closed
    return found


def _decoded(session: Session, month: Month, digest: str) -> ClosedMonth | None:
    """The month's figures from its snapshot, whose hash is checked. SQLite picks the monthly
    report's figures and trend out of the document (``json_extract``): at 100,000 children the
    payload is 21 MB, 0.28 s for Python to parse against 0.12 s to read and extract."""
    where = (MonthClosure.month == month.first_day, MonthClosure.deleted_at.is_(None))
    if session.get_bind().dialect.name == "sqlite":
        paths = ("$.reports.monthly.figures", "$.reports.monthly.trend")
        row = session.execute(
            select(MonthClosure.payload, func.json_extract(MonthClosure.payload, *paths)).where(
                *where
            )
        ).first()
        if row is None or sha256_hex(row[0]) != digest:
            return None
        figures, trend = json.loads(row[1])
    else:
        payload = session.scalar(select(MonthClosure.payload).where(*where))
        if payload is None or sha256_hex(payload) != digest:
            return None
        report = json.loads(payload).get("reports", {}).get("monthly") or {}
        figures, trend = report.get("figures"), report.get("trend")
    if figures is None:
        return None
    for tree in trend or []:
        point = decode(TrendPoint, tree)
        if point.month == month:
            return ClosedMonth(
                Stunting(point.stunted, point.haz_measured), decode(KeyFigures, figures)
            )
    return None


def monthly_figures(
    session: Session, *, month: date | None = None, months: int = SERIES_MONTHS
) -> MonthlyFigures:
    """Figures of ``month`` (any day of it; default this month) and the ``months``-long series.

    Answered again without counting while nothing the figures read has changed
    (:func:`_memo_guard`)."""
    today = clock.today()
    current = Month.of(month or today)
    default_target = get_settings(session).visit_target_per_month
    guard = _memo_guard(session)
    memo = _memo_of(session) if guard is not None else None
    key = (current, months, today, default_target)
    if memo is not None:
        stored = memo.get(key)
        if stored is not None and stored[0] == guard:
            return stored[1]
    with _page_cache(session):
        figures = _count(session, current, months, today, default_target)
    if memo is not None:
        if len(memo) >= _MEMO_SIZE:
            memo.pop(next(iter(memo)))
        memo[key] = (guard, figures)
    return figures


#: Per engine (one open database file; another database, or the same file opened again, has its
#: own engine): ``(month, months, today, default visit target) -> (guard, figures)``.
_MEMO: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[Any, MonthlyFigures]]] = (
    weakref.WeakKeyDictionary()
)
_MEMO_SIZE = 4


def _memo_of(session: Session) -> dict[tuple[Any, ...], tuple[Any, MonthlyFigures]]:
    return _MEMO.setdefault(session.get_bind().engine, {})


def _memo_guard(session: Session) -> tuple[Any, ...] | None:
    """What must be unchanged for remembered figures to stand, or None (no memo) where the
    change log does not cover every edit (not SQLite).

    On SQLite every insert or update of a synced table (children, assignments, visits, aid,
    programmes, closures ...) gets a new, higher ``sync_changes.seq``: local edits through
    the triggers, received rows through ``sync.change_log.record_changes`` and the audit entry
    each applied batch appends (also for rows merged into a pending local edit); records are
    tombstoned, never deleted. The last entry's row names the change too, and the file's
    identity tells a file put in place of the open one (a restore reopens the app). The default
    visit target (``settings``, not synced) and the day are part of the memo's key.

    A read, as the screen runs it (``runner.read``): figures counted inside a write that is then
    rolled back would be remembered under a sequence number the next change reuses."""
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite":
        return None
    last = session.execute(
        select(SyncChange.seq, SyncChange.table_name, SyncChange.row_id)
        .order_by(SyncChange.seq.desc())
        .limit(1)
    ).first()
    path = engine.url.database
    try:
        stat = os.stat(path) if path and path != ":memory:" else None
    except OSError:
        return None
    file_id = (stat.st_dev, stat.st_ino) if stat is not None else None
    return (file_id, tuple(last) if last is not None else None)


#: SQLite's page cache while the figures are counted, KiB (the connection's 8 MiB otherwise).
PAGE_CACHE_KIB = 65_536


@contextmanager
def _page_cache(session: Session) -> Iterator[None]:
    """A larger page cache for the count, then the connection's own again (its pages freed).

    The six months' stunting groups sort 500,000 visits at 100,000 children; SQLite's sorter
    spills beyond the page cache, and the visit counts read the ranges the stunting query just
    decrypted: 3.5 s -> 2.9 s of CPU at 100,000 children (``bench/bench_province.py``)."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    connection = session.connection()
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")


def _count(
    session: Session, current: Month, months: int, today: date, default_target: int
) -> MonthlyFigures:
    span = [current]
    while len(span) < months:
        span.insert(0, span[0].previous())
    if len(span) < 2:
        span.insert(0, current.previous())
    closed = _closed_months(session, span, today)
    series = _series(session, span, today, closed)
    stored = closed.get(current)
    if stored is not None:  # the signed report's headline
        f = stored.figures
        return MonthlyFigures(
            month=current.first_day,
            children_enrolled=f.registered,
            children_with_guardian=f.with_guardian,
            visits_done=f.visits_done,
            visits_due=f.visits_due,
            stunted=series[-1].stunted,
            stunted_previous=series[-2].stunted,
            aid_planned=f.aid_planned,
            aid_paid=f.aid_paid,
            series=series[-months:] if months else series,
        )
    # The figures of reports.figures, as the monthly report counts them.
    reference = reference_day(current, today)
    enrolled = session.scalar(
        select(func.count(Child.id)).where(registered_child(current, reference))
    )
    assigned = assignment_in_month(current, reference)
    per_child = (
        select(func.max(func.coalesce(Programme.visit_target_per_month, default_target))
               .label("target"))
        .select_from(Assignment)
        .outerjoin(Programme, Programme.id == Assignment.programme_id)
        .where(assigned)
        .group_by(Assignment.child_id)
        .subquery()
    )  # fmt: skip
    # One pass over the month's assignments: children with a guardian and their visit target.
    with_guardian, due = session.execute(
        select(func.count(), func.coalesce(func.sum(per_child.c.target), 0))
    ).one()
    # The month's range of ix_visits_month_facts, each child looked up in the month's assigned
    # children (not each assigned child's visits by ix_visits_child_facts: 0.28 s -> 0.15 s).
    visits_done = session.scalar(
        select(func.count()).where(
            Visit.deleted_at.is_(None),
            Visit.visit_date.between(current.first_day, reference),
            _unindexed(session, Visit.guardian_id).is_not(None),
            _unindexed(session, Visit.child_id).in_(select(Assignment.child_id).where(assigned)),
        )
    )
    # Planned (not cancelled) and paid in one pass over the aid month's payments.
    planned, paid = session.execute(
        select(
            func.coalesce(func.sum(AidPayment.amount), 0),
            func.coalesce(func.sum(case((AidPayment.status == PaymentStatus.PAID,
                                         AidPayment.amount), else_=0)), 0),
        ).where(aid_of_month(current))
    ).one()  # fmt: skip
    return MonthlyFigures(
        month=current.first_day,
        children_enrolled=enrolled or 0,
        children_with_guardian=with_guardian or 0,
        visits_done=visits_done or 0,
        visits_due=int(due or 0),
        stunted=series[-1].stunted,
        stunted_previous=series[-2].stunted,
        aid_planned=int(planned),
        aid_paid=int(paid),
        series=series[-months:] if months else series,
    )
