"""This database's device id: which laptop made a change (for sync and the audit trail).

Stored in the local ``settings`` table, which is never synced, and created on first open.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from desktop_app.db.models import Setting

DEVICE_ID_KEY = "device_id"


def ensure_device_id(session: Session) -> str:
    """Return the device id, creating and flushing it the first time. Caller commits."""
    row = session.get(Setting, DEVICE_ID_KEY)
    if row is not None and row.value:
        return str(row.value)
    device_id = str(uuid.uuid4())
    if row is None:
        session.add(Setting(key=DEVICE_ID_KEY, value=device_id))
    else:
        row.value = device_id
    session.flush()
    return device_id
