"""Beranda's aggregate queries keep plans that do not depend on SQLite's statistics.

Without ANALYZE statistics SQLite guesses every index to be selective. It once looked guardians
up by ``kind`` and assignments by ``status`` for ``opd_summaries`` (1.6 s on 10,000 children)
and walked the (deleted_at, name) index for ``coverage`` (4x slower than a table scan).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop_app.assignments.service import assign_guardian
from desktop_app.db.base import utcnow
from desktop_app.db.models import Assignment
from desktop_app.home.coverage import coverage
from desktop_app.settings.opd import opd_summaries
from tests.domain.conftest import TODAY, add_child, add_guardian


def _plan(session: Session, service: Callable[[Session], object]) -> str:
    """SQLite's EXPLAIN QUERY PLAN of the one statement ``service`` runs, as one line."""
    connection = session.connection()
    captured: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        captured.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", capture)
    try:
        service(session)
    finally:
        event.remove(connection, "before_cursor_execute", capture)
    ((statement, parameters),) = captured
    rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
    return "; ".join(row[-1] for row in rows)


def test_opd_summaries_avoid_the_kind_and_status_indexes(session) -> None:
    plan = _plan(session, opd_summaries)
    assert "ix_guardians_kind" not in plan, plan
    assert "ix_assignments_status" not in plan, plan


def test_coverage_scans_children_once_and_probes_assignments_by_child(session) -> None:
    plan = _plan(session, coverage)
    assert "SCAN children" in plan, plan
    assert "ix_children_active_name" not in plan, plan
    assert "ix_assignments_status" not in plan, plan
    assert "ix_assignments_child_id" in plan, plan


def test_coverage_ignores_tombstoned_assignments(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    kids = [add_child(session, name=f"Anak {i}", sequence=i) for i in (1, 2)]
    synced_away = assign_guardian(session, child_id=kids[0].id, guardian_id=guardian.id)
    assign_guardian(session, child_id=kids[1].id, guardian_id=guardian.id, start_date=TODAY)
    session.get(Assignment, synced_away.id).deleted_at = utcnow()
    session.flush()
    assert (coverage(session).children_total, coverage(session).children_with_guardian) == (2, 1)
