"""Open the app's database: choose the URL, connect, migrate, and guard every session by role.

The db layer connects, migrates and audits; roles belong to the core
(:mod:`desktop_app.core.permissions`), so the guard is installed here, the one way the app, the
CLI, the benchmarks and the tests open a database. The guard lets role-less sessions (CLI tools,
migrations) act as the system.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.paths import database_file, sqlite_url
from desktop_app.core.permissions import install_permission_guard
from desktop_app.db.cipher import MissingKeyError, is_plaintext_sqlite
from desktop_app.db.database import Database, make_url_path, open_migrated_database
from desktop_app.db.engine import is_sqlite

__all__ = [
    "Database",
    "DatabaseLocked",
    "is_sqlite",
    "make_url_path",
    "open_database",
    "resolve_url",
]


def resolve_url(*, db_path: str | Path | None = None, database_url: str | None = None) -> str:
    """``--database-url`` wins, then ``--db``/``ASUH_DB``, then the per-user default file."""
    if database_url:
        return database_url
    return sqlite_url(database_file(db_path))


class DatabaseLocked(DomainError):
    """The file is encrypted and nobody has logged in to it in this process."""


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to ``url``, bring the schema to this build's head, guard sessions by role.

    A SQLite file opens only with its data key known (a login through
    :func:`desktop_app.core.vault.open_for_user`, which calls this); otherwise
    :class:`DatabaseLocked`."""
    file = make_url_path(url) if is_sqlite(url) else None
    if file is not None and is_plaintext_sqlite(file):  # from before encryption: encrypt it
        from desktop_app.core.vault_migration import encrypt_plaintext_file
        from desktop_app.db.migrate import check_sqlite_file

        check_sqlite_file(file)  # a foreign or newer file is refused untouched
        encrypt_plaintext_file(file)
    try:
        database = open_migrated_database(url, migrate=migrate)
    except MissingKeyError:
        raise DatabaseLocked(
            _("Basis data terenkripsi: masuk (login) dengan nama pengguna dan kata sandi dulu.")
        ) from None
    install_permission_guard(database.sessions)
    return database
