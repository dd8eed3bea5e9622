"""The few facts the first window needs, read from the SQLite file without SQLAlchemy.

Loading SQLAlchemy and declaring the models costs about 0.3 s, nearly three bare Qt windows.
The login dialog needs none of it: only whether any account exists, the district's name and
the language. So start-up reads those here, read-only with the standard library, shows the
dialog at once and opens the database on the DB worker while the person types
(``desktop_app.ui.app``).

Anything unusual returns None and start-up takes the ordinary path (open and migrate first,
then ask): no file yet, a schema other than this build's head (an upgrade must run first, a
newer or foreign file must be refused first), or a file SQLite cannot read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.db.schema_version import HEAD_REVISION
from desktop_app.settings.store import AppSettings, settings_from_stored


@dataclass(frozen=True)
class StartFacts:
    """``has_users`` False: the first start, which creates the Admin."""

    has_users: bool
    settings: AppSettings


def read_start_facts(path: Path) -> StartFacts | None:
    """The facts of an Asuh file at this build's schema head; None when in any doubt."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        with closing(_connect_read_only(path)) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD_REVISION:
                return None
            has_users = connection.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0]
            rows = connection.execute("SELECT key, value FROM settings").fetchall()
    except sqlite3.Error:
        return None
    return StartFacts(has_users=bool(has_users), settings=settings_from_stored(_decoded(rows)))


def read_stored_setting(path: Path, key: str) -> Any:
    """One setting's stored value, read-only (works before migrating and, as far as SQLite
    can, on a damaged file); None when it was never saved or cannot be read."""
    try:
        with closing(_connect_read_only(path)) as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    decoded = _decoded([(key, row[0])]) if row is not None else []
    return decoded[0][1] if decoded else None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def _decoded(rows: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The ``settings.value`` column is JSON text (SQLAlchemy's JSON type); skip what is not."""
    decoded = []
    for key, raw in rows:
        try:
            decoded.append((key, json.loads(raw) if isinstance(raw, str) else raw))
        except ValueError:
            continue
    return decoded
