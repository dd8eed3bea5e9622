"""The laptop's "Ditolak server" list: rows the district server refused at the last push.

The server names each row and its problem in the message (``sync.row_checks``); the laptop
keeps them in ``sync_refusals`` until the row is pushed again and accepted (every sync sends
refused rows again, so a fixed row leaves the list by itself).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.db.models import SyncRefusal
from desktop_app.sync.refusals import table_label


@dataclass(frozen=True)
class RefusedRow:
    table_label: str
    row_id: uuid.UUID | None
    message: str
    refused_at: datetime


def list_refused(session: Session) -> list[RefusedRow]:
    """Rows the server refused, newest first."""
    query = select(SyncRefusal).order_by(SyncRefusal.created_at.desc(), SyncRefusal.table_name)
    return [
        RefusedRow(table_label(r.table_name), r.row_id, r.message, r.created_at)
        for r in session.scalars(query)
    ]
