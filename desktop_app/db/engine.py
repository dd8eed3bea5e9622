"""Engines and sessions.

SQLite is the embedded default: WAL (readers never block the writer, and a crash mid-write
leaves the last committed state), foreign keys on (SQLite leaves them off by default), a busy
timeout so a second connection waits rather than failing at once, and synchronous=NORMAL, which
WAL makes safe against application crashes (only a power cut may lose the last commits).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path | str) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for ``url``; SQLite connections get the pragmas described above."""
    if not is_sqlite(url):
        return create_engine(url, echo=echo, pool_pre_ping=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI object
        # pysqlite opens transactions lazily and does not emit BEGIN for us consistently;
        # SQLAlchemy's documented recipe: let it manage BEGIN itself (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        # BEGIN IMMEDIATE would serialise readers too; a plain BEGIN with busy_timeout suffices.
        conn.exec_driver_sql("BEGIN")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """One Session per user action; objects stay readable after commit (GUI-friendly)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
