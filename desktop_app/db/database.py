"""Open the app's database: choose the URL, connect, migrate, hand out sessions."""

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
    sqlite_url,
)
from desktop_app.db.location import database_file
from desktop_app.db.migrate import MigrationResult, check_sqlite_file, upgrade_database
from desktop_app.permissions import install_permission_guard


def resolve_url(*, db_path: str | Path | None = None, database_url: str | None = None) -> str:
    """``--database-url`` wins, then ``--db``/``ASUH_DB``, then the per-user default file."""
    if database_url:
        return database_url
    return sqlite_url(database_file(db_path))


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


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to ``url`` and bring the schema to this build's head (see ``migrate``)."""
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
    # Every session the app makes is audited and guarded by role: one place, so no service can
    # skip either. The guard lets role-less sessions (CLI tools, migrations) act as the system.
    install_audit_hook(sessions)
    install_permission_guard(sessions)
    return Database(url=url, engine=engine, sessions=sessions, migration=result)


def make_url_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None
