"""The demo ends with ANALYZE, so SQLite plans its first queries with real statistics."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.demo.conftest import CHILDREN


def test_filled_database_has_planner_statistics_for_the_big_tables(demo_session: Session) -> None:
    rows = demo_session.execute(text("SELECT tbl, idx, stat FROM sqlite_stat1")).all()
    tables = {tbl for tbl, _idx, _stat in rows}
    assert {"children", "guardians", "assignments", "visits"} <= tables
    (children_stat,) = [stat for tbl, idx, stat in rows if idx == "ix_children_active_name"]
    assert int(children_stat.split()[0]) == CHILDREN  # full ANALYZE: exact row count
