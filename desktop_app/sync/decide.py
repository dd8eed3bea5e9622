"""The one merge rule every path uses (push to the server, pull, sync-file import).

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
from dataclasses import dataclass
from typing import Any

from desktop_app.core.i18n import _
from desktop_app.db.base import utcnow
from desktop_app.sync.fields import FieldMerge
from desktop_app.sync.rows import Row, same_data, to_json_values, version_key
from desktop_app.sync.tables import BY_NAME

_CONFLICT_NAMESPACE = uuid.UUID("8f6c1e52-5d0f-4a8e-9d5a-2f1c0b7d3a11")


@dataclass(frozen=True)
class Decision:
    apply: bool  # write the incoming version
    conflict: bool  # both sides changed the data: log the loser


def decide(
    local: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    *,
    concurrent: bool,
    newer_only: bool = False,
) -> Decision:
    """Whether to write ``incoming`` over ``local``.

    ``concurrent``: the local side changed the row since it last saw the incoming side's
    history. ``newer_only`` (sync files, which carry no history): without a concurrent change,
    apply only a version later in the total order, so an old file cannot roll data back.
    """
    if local is None:
        return Decision(apply=True, conflict=False)
    if _stored(local) == _stored(incoming):
        return Decision(apply=False, conflict=False)
    if concurrent or newer_only:
        incoming_wins = version_key(incoming) > version_key(local)
        return Decision(apply=incoming_wins, conflict=concurrent and not same_data(local, incoming))
    return Decision(apply=True, conflict=False)


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


#: Derived per database (keyed tokens of a child's NIK/KK, ``core.identifier_search``): two
#: laptops' versions of the same row differ in it without either having changed the row.
_DERIVED = frozenset({"search_text"})


def _stored(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in _DERIVED}


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
