"""optimize_sqlite: statistics for tables in use, no lasting analysis limit, never an error."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from desktop_app.core.database import Database
from desktop_app.db.engine import make_engine, optimize_sqlite
from tests.domain.conftest import add_child


def _stat_tables(connection) -> set[str]:
    exists = connection.execute(
        text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
    ).scalar()
    if not exists:
        return set()
    return set(connection.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars())


def test_tables_queried_through_an_index_get_statistics(database: Database) -> None:
    with database.sessions() as session:
        for i in (1, 2, 3):
            add_child(session, name=f"Anak {i}", sequence=i, mother_name=f"Ibu {i}")
        session.commit()
    with database.engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM children WHERE nik = '1'")).scalar()
    optimize_sqlite(database.engine)
    with database.engine.connect() as connection:
        assert "children" in _stat_tables(connection)
        # The pooled connection must not keep the sampling limit for a later full ANALYZE.
        assert connection.exec_driver_sql("PRAGMA analysis_limit").scalar() == 0


def test_a_read_only_file_is_logged_not_raised(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    path = database.engine.url.database
    with database.engine.connect() as connection:  # statistics optimize would want to write
        connection.exec_driver_sql("DELETE FROM sqlite_stat1")
        connection.commit()
    database.dispose()
    engine = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM children WHERE nik = '1'")).scalar()
        with caplog.at_level(logging.WARNING, logger="desktop_app.db.engine"):
            optimize_sqlite(engine)
        assert "PRAGMA optimize failed" in caplog.text
        with engine.connect() as connection:
            assert _stat_tables(connection) == set()
    finally:
        engine.dispose()


def test_other_databases_are_left_alone() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none")
    optimize_sqlite(engine)  # would raise OperationalError if it tried to connect
    engine.dispose()
