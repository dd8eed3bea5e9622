"""This database's device id: which laptop made a change (for sync and the audit trail).

Stored in the local ``settings`` table, which is never synced, and created on first open.
The id is bound to where the file lives (host name and path, ``device_home``): a database file
copied to another laptop, or to another place on the same one, is a new device and gets a new
id when it is opened there. Otherwise laptops prepared from one copied file would share an id,
and sync, which tells edits apart by device, could not see their conflicts.
"""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.db.models import Setting

DEVICE_ID_KEY = "device_id"
DEVICE_HOME_KEY = "device_home"


def device_home(database_path: Path) -> str:
    """Where this file lives: ``host:/resolved/path``."""
    return f"{socket.gethostname()}:{Path(database_path).resolve()}"


def ensure_device_id(session: Session, *, home: str | None = None) -> str:
    """Return the device id, creating it the first time, and a new one when ``home`` differs
    from the home it was created for (a copied file). ``home`` None: no check (a server
    database, or a caller that only reads the id). Flushes; the caller commits."""
    row = session.get(Setting, DEVICE_ID_KEY)
    stored_home = session.get(Setting, DEVICE_HOME_KEY)
    moved = home is not None and (stored_home is None or stored_home.value != home)
    if row is not None and row.value and not moved:
        return str(row.value)
    device_id = str(uuid.uuid4())
    _put(session, DEVICE_ID_KEY, device_id)
    if home is not None:
        _put(session, DEVICE_HOME_KEY, home)
    session.flush()
    return device_id


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
