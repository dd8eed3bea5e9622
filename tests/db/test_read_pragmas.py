"""Every SQLite connection of the app's engine reads through a memory map (see db.engine)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.db.engine import MMAP_SIZE, make_engine, sqlite_url


def test_connections_read_through_a_memory_map(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "peta.sqlite3"))
    try:
        with engine.connect() as connection:
            mapped = connection.exec_driver_sql("PRAGMA mmap_size").scalar()
        # SQLite caps the request at its build's ceiling; any map at all is what matters.
        assert 0 < mapped <= MMAP_SIZE
    finally:
        engine.dispose()
