"""Engines and sessions.

SQLite is the embedded default: WAL (readers never block the writer, and a crash mid-write
leaves the last committed state), foreign keys on (SQLite leaves them off by default), a busy
timeout so a second connection waits rather than failing at once, and synchronous=NORMAL, which
WAL makes safe against application crashes (only a power cut may lose the last commits).

Reads go through a memory map of the file (``mmap_size``): the province-scale reads (Beranda's
month figures, the follow-up lists) probe covering indexes of 100-180 MB at random, tens of
thousands of times; through SQLite's 2 MB page cache each probe's pages are copied in with a
read() call, through the map they are plain memory reads (the follow-up facts 0.79 s -> 0.56 s
at 100,000 children, ``bench/bench_province.py``). SQLite still writes with write() (the map is
read-only), so a stray pointer cannot damage the file; the price is that an I/O error while
reading would end the process rather than raise, which on a local disk is no likelier than the
error itself. Memory: the map shares the OS file cache, it does not copy the file.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db import cipher
from desktop_app.db.location import sqlite_url

__all__ = ["is_sqlite", "make_engine", "make_session_factory", "optimize_sqlite", "sqlite_url"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: Bytes of the file read through the memory map (see above); SQLite caps it at its build's
#: ceiling (2 GB in the usual builds), beyond which it reads as without the map.
MMAP_SIZE = 2**31

#: ``PRAGMA optimize`` mask: 0x02 analyse tables that may benefit, 0x10 under a temporary
#: analysis limit, 0x10000 check every table, not only those this connection has queried (the
#: last two from SQLite 3.46; older versions ignore them, hence the explicit limit below).
OPTIMIZE_MASK = 0x10012
#: Rows ANALYZE samples per index when ``optimize`` decides to run it (SQLite suggests 100-1000).
ANALYSIS_LIMIT = 400


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine for ``url``; SQLite connections get the pragmas described above."""
    if not is_sqlite(url):
        return create_engine(url, echo=echo, pool_pre_ping=True)
    engine = create_engine(
        url,
        echo=echo,
        module=cipher.dbapi,  # SQLCipher (db/cipher.py); errors are wrapped as this driver's
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    database = make_url(url).database
    file = database if database and database != ":memory:" else None

    @event.listens_for(engine, "do_connect")
    def _connect_with_key(_dialect, _record, cargs, cparams):
        # The key must be the connection's first statement; a file nobody logged in to (no key
        # known) is refused here rather than opened or, worse, created in plaintext.
        connection = cipher.dbapi.connect(*cargs, **cparams)
        if file is not None:
            cipher.apply_key(connection, _file_of(file))
        return connection

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record) -> None:
        # pysqlite opens transactions lazily and does not emit BEGIN for us consistently;
        # SQLAlchemy's documented recipe: let it manage BEGIN itself (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted or overwritten content is zeroed, not left in free pages: after a child's
        # data is erased (UU PDP), the next backup (a page copy) no longer holds it.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # BEGIN IMMEDIATE would serialise readers too; a plain BEGIN with busy_timeout suffices.
        conn.exec_driver_sql("BEGIN")

    return engine


def _file_of(database: str) -> str:
    """The file path in a URL's database part, which may itself be a ``file:`` URI."""
    if database.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(database).path)
    return database


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """One Session per user action; objects stay readable after commit (GUI-friendly)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def optimize_sqlite(engine: Engine) -> None:
    """Refresh SQLite's planner statistics where SQLite thinks them stale; call once after open.

    ``PRAGMA optimize`` with the mask above is SQLite's advice for long-lived connections: it
    re-analyses only tables that lack statistics or grew or shrank a lot since their last
    ANALYZE, sampling at most ``ANALYSIS_LIMIT`` rows per index, so it stays in milliseconds
    (1.5 ms on the 100,000-child demo file). SQLite before 3.46 (3.40 here) only looks at tables
    this connection has queried, so right after open it is nearly a no-op. Our list queries do
    not depend on statistics (see ``listing.common.without_index``); this keeps ad hoc plans
    good. Any thread; no-op for other databases. A failure (read-only or busy file) is logged
    and ignored: statistics only make queries faster.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            try:
                connection.exec_driver_sql(f"PRAGMA optimize={OPTIMIZE_MASK:#x}")
                connection.commit()
            finally:  # pooled: a later full ANALYZE (the demo's) must not inherit the limit
                connection.exec_driver_sql("PRAGMA analysis_limit=0")
    except (DBAPIError, cipher.MissingKeyError):
        log.warning("PRAGMA optimize failed; planner statistics left as they were", exc_info=True)
