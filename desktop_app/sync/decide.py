"""Conflict records: the two versions of a row kept for "Konflik data" (the merge rule itself
is :mod:`desktop_app.sync.fields`).

Winner per **row**, not per field: a child's weight, height and z-scores, or an aid payment's
status, amount and date paid, only make sense together; mixing fields from two versions could
store a z-score that belongs to neither measurement. The winner of a real conflict (both sides
changed the row since they last agreed) is the version with the later ``updated_at``, ties
broken by the higher device id: a total order, so every laptop and the server pick the same
winner whatever the order of syncs, and the latest intent usually wins. Clocks only ever break
ties between concurrent edits; *what* changed is found through sequence numbers, never clocks.
The loser is kept in ``sync_conflicts`` for review ("Konflik data").
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from desktop_app.core.i18n import _
from desktop_app.db.base import utcnow
from desktop_app.sync.fields import FieldMerge
from desktop_app.sync.rows import Row, to_json_values
from desktop_app.sync.tables import BY_NAME

_CONFLICT_NAMESPACE = uuid.UUID("8f6c1e52-5d0f-4a8e-9d5a-2f1c0b7d3a11")


def conflict_record(
    table_name: str, winner: Mapping[str, Any], loser: Mapping[str, Any], *, detected_by: str
) -> Row:
    """A ``sync_conflicts`` row; its id is derived from the two versions, so detecting the same
    conflict again (a retried push, a file imported twice) cannot log it twice."""
    table = BY_NAME[table_name].table
    row_id = winner["id"]
    key = (
        f"{table_name}:{row_id}:{winner.get('device_id')}:{winner.get('updated_at')}:"
        f"{loser.get('device_id')}:{loser.get('updated_at')}"
    )
    now = utcnow()
    return {
        "id": uuid.uuid5(_CONFLICT_NAMESPACE, key),
        "table_name": table_name,
        "row_id": row_id,
        "winner_device": winner.get("device_id"),
        "loser_device": loser.get("device_id"),
        "winner_updated_at": winner.get("updated_at"),
        "loser_updated_at": loser.get("updated_at"),
        "winner_values": to_json_values(table, winner),
        "loser_values": to_json_values(table, loser),
        "status": "terbuka",
        "resolved_at": None,
        "resolved_by": None,
        "note": None,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "device_id": detected_by,
    }


def field_conflict_record(
    table_name: str,
    current: Mapping[str, Any],
    incoming: Mapping[str, Any],
    merged: FieldMerge,
    *,
    detected_by: str,
) -> Row:
    """The conflict a field merge found: the written version wins over the receiver's (or the
    receiver's, kept, over a resent insert); the note names the fields both sides changed."""
    if merged.kept_receivers or merged.row is None:
        record = conflict_record(table_name, current, incoming, detected_by=detected_by)
    else:
        record = conflict_record(table_name, merged.row, current, detected_by=detected_by)
    record["note"] = _("Bidang: {fields}").format(fields=", ".join(merged.conflicts))
    return record
