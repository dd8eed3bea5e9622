"""Open a database file or server: connect, migrate, hand out audited sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.audit_hook import install_audit_hook
from desktop_app.db.device import device_home, ensure_device_id
from desktop_app.db.engine import (
    is_sqlite,
    make_engine,
    make_session_factory,
    optimize_sqlite,
)
from desktop_app.db.migrate import MigrationResult, check_sqlite_file, upgrade_database


@dataclass
class Database:
    """An open, migrated database. ``sessions()`` opens one Session per user action."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult | None = field(default=None)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        return (
            Path(self.engine.url.database) if self.is_sqlite and self.engine.url.database else None
        )

    def dispose(self) -> None:
        # Before SQLite 3.46, PRAGMA optimize only weighs tables this connection queried: at
        # close, after a session of work, is when it can refresh the statistics that matter.
        optimize_sqlite(self.engine)
        self.engine.dispose()


def open_migrated_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to ``url`` and bring the schema to this build's head (see ``migrate``).

    The app opens through :func:`desktop_app.core.database.open_database`, which also guards
    every session by role; this lower step knows nothing of roles."""
    if is_sqlite(url):
        database = make_url_path(url)
        if database is not None:
            database.parent.mkdir(parents=True, exist_ok=True)
            if migrate:
                check_sqlite_file(database)
    engine = make_engine(url)
    try:
        result = upgrade_database(engine) if migrate else None
        optimize_sqlite(engine)
    except Exception:
        engine.dispose()  # a refused database must not stay open (Windows keeps files locked)
        raise
    sessions = make_session_factory(engine)
    path = make_url_path(url) if is_sqlite(url) else None
    with sessions() as session:
        device_id = ensure_device_id(session, home=device_home(path) if path else None)
        session.commit()
    sessions.configure(info={"device_id": device_id})
    # Every session is audited here; the role guard is added one layer up
    # (:func:`desktop_app.core.database.open_database`), where roles are known.
    install_audit_hook(sessions)
    return Database(url=url, engine=engine, sessions=sessions, migration=result)


def make_url_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None
