"""Beranda's stunting series: each open month counted again only when its data changed.

The series' six months cost most of Beranda's count (every month's measurements grouped per
child: ~0.25 s a month cold at 100,000 children). After a visit is saved, only that visit's
month can have moved, so the months counted before are kept per open database (engine) and a
month is dropped when the change log (``sync_changes``) shows a change that can reach it.

The rule is conservative: whatever cannot be placed in a month drops every month.

- A visit changed here (origin ``L``): its month, unless its date changed (the changed
  fields name ``visit_date``) or it is a new row that already existed when the months were
  counted (a new row's entry names no fields), then every month.
- Any change of a child (registration, exit, tombstone), a row received by sync (origin other
  than ``L``, or a batch's ``sync`` audit entry: rows merged into a pending local edit have no
  entry of their own), a row no longer there, or more than ``MAX_CHANGES`` changes: every month.
- Other tables (assignments, aid, settings ...) do not enter the stunting figure.

SQLite only (the laptops): elsewhere every month is counted each time.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.month import Month
from desktop_app.db.base import utcnow
from desktop_app.db.models import AuditEntry, SyncChange, Visit
from desktop_app.db.models.sync import ORIGIN_LOCAL
from desktop_app.reports.figures import Stunting, stunting_of_months

__all__ = ["MAX_CHANGES", "open_month_stunting"]

#: Beyond this many changes since the last count, every month is counted again (cheaper than
#: placing each change, and an import or a sync touches many months anyway).
MAX_CHANGES = 2_000


@dataclass
class _Counted:
    """The months counted on one engine: as of change ``seq``, at ``at``, in file ``file_id``."""

    file_id: tuple[int, int] | None
    seq: int
    at: datetime
    months: dict[tuple[Month, date], Stunting] = field(default_factory=dict)


_BY_ENGINE: weakref.WeakKeyDictionary[Any, _Counted] = weakref.WeakKeyDictionary()


def open_month_stunting(
    session: Session, months: Sequence[tuple[Month, date]]
) -> dict[Month, Stunting]:
    """:func:`~desktop_app.reports.figures.stunting_of_months` of ``(month, reference)``, with
    the months whose data did not change since they were counted taken from memory.

    A read, as Beranda runs it: counted inside a write that is then rolled back, a month would
    be kept under a change number the next change reuses."""
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite" or not months:
        return stunting_of_months(session, months)
    file_id = _file_id(engine.url.database)
    seq = session.scalar(select(func.coalesce(func.max(SyncChange.seq), 0))) or 0
    counted = _BY_ENGINE.get(engine)
    if counted is None or counted.file_id != file_id or file_id is None:
        counted = _Counted(file_id, seq, utcnow())
    elif seq != counted.seq:
        touched = _touched_months(session, counted)
        if touched is None:
            counted.months.clear()
        else:
            counted.months = {k: v for k, v in counted.months.items() if k[0] not in touched}
        counted.seq, counted.at = seq, utcnow()
    missing = [key for key in months if key not in counted.months]
    counted.months.update({(m, r): found for (m, r), found in _count(session, missing).items()})
    # Only the months asked for now are kept (an old reference day of the running month goes).
    counted.months = {key: counted.months[key] for key in months}
    _BY_ENGINE[engine] = counted
    return {month: counted.months[(month, reference)] for month, reference in months}


_Key = tuple[Month, date]  # a month and its reference day


def _count(session: Session, months: list[_Key]) -> dict[_Key, Stunting]:
    found = stunting_of_months(session, months)
    return {(month, reference): found[month] for month, reference in months}


def _touched_months(session: Session, counted: _Counted) -> set[Month] | None:
    """The months a change since ``counted.seq`` can reach, or None for every month."""
    entries = session.execute(
        select(SyncChange.table_name, SyncChange.row_id, SyncChange.origin, SyncChange.fields)
        .where(SyncChange.seq > counted.seq)
        .limit(MAX_CHANGES + 1)
    ).all()
    if len(entries) > MAX_CHANGES:
        return None
    visits: dict[Any, str | None] = {}
    audit_ids = []
    for table_name, row_id, origin, fields in entries:
        if table_name == "children":
            return None
        if table_name == "audit_log":
            audit_ids.append(row_id)
        elif table_name == "visits":
            if origin != ORIGIN_LOCAL or (fields is not None and ",visit_date," in fields):
                return None
            visits[row_id] = fields
    if audit_ids and session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.id.in_(audit_ids), AuditEntry.action == "sync")
    ):
        return None
    touched: set[Month] = set()
    rows = session.execute(
        select(Visit.id, Visit.visit_date, Visit.created_at).where(Visit.id.in_(list(visits)))
    ).all()
    if len(rows) != len(visits):
        return None
    for row_id, visit_date, created_at in rows:
        if visits[row_id] is None and created_at <= counted.at:
            return None  # a row older than the count, its earlier date unknown
        touched.add(Month.of(visit_date))
    return touched


def _file_id(path: str | None) -> tuple[int, int] | None:
    """The open file's identity: a file restored in place of it is another file."""
    if not path or path == ":memory:":
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)
