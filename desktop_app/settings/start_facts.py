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
    """The facts of an Asuh file; None when in any doubt.

    An encrypted file's facts come from its key header (``core/vault.py``); a plaintext file
    (from before encryption, encrypted at this start) is read at this build's schema head."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    from desktop_app.core.vault import read_facts

    facts = read_facts(path)
    if facts is not None:
        settings = settings_from_stored([("district_name", facts.district),
                                         ("language", facts.language)])  # fmt: skip
        return StartFacts(has_users=facts.has_users, settings=settings)
    try:
        with closing(_connect_read_only(path)) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD_REVISION:
                return None
            has_users = connection.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0]
            rows = connection.execute("SELECT key, value FROM settings").fetchall()
    except Exception:  # any driver's error, or no key known: not readable now
        return None
    return StartFacts(has_users=bool(has_users), settings=settings_from_stored(_decoded(rows)))


def read_stored_setting(path: Path, key: str) -> Any:
    """One setting's stored value, read-only (works before migrating and, as far as SQLite
    can, on a damaged file); None when it was never saved or cannot be read."""
    try:
        with closing(_connect_read_only(path)) as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except Exception:  # any driver's error, or no key known: not readable now
        return None
    decoded = _decoded([(key, row[0])]) if row is not None else []
    if not decoded:
        return None
    from desktop_app.db import cipher
    from desktop_app.settings.store import unsealed

    return unsealed(decoded, cipher.key_for(path))[0][1]


def _connect_read_only(path: Path) -> Any:
    """Read-only, keyed with the data key if one is known (a plaintext file needs none)."""
    from desktop_app.db import cipher

    if cipher.is_plaintext_sqlite(path):
        return cipher.connect(path, plaintext=True, read_only=True)
    return cipher.connect(path, read_only=True)


def _decoded(rows: Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The ``settings.value`` column is JSON text (SQLAlchemy's JSON type); skip what is not."""
    decoded = []
    for key, raw in rows:
        try:
            decoded.append((key, json.loads(raw) if isinstance(raw, str) else raw))
        except ValueError:
            continue
    return decoded
