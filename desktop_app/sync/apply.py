"""Applying received rows to a laptop: the shared step of pulling and importing sync files."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from desktop_app.core.i18n import _
from desktop_app.core.identifier_search import refresh_child_search_texts
from desktop_app.db.audit_chain import append_rows
from desktop_app.db.base import utcnow
from desktop_app.db.models import SyncConflict
from desktop_app.db.models.sync import ORIGIN_FILE, ORIGIN_LOCAL
from desktop_app.sync.change_log import applying, pending_origins, record_changes
from desktop_app.sync.decide import conflict_record, decide
from desktop_app.sync.natural_key import settle_key_clashes
from desktop_app.sync.rows import (
    Row,
    apply_redactions,
    fetch_rows,
    insert_missing_rows,
    upsert_rows,
)
from desktop_app.sync.tables import SyncTable

conflicts_table = SyncConflict.__table__
#: Called before writing rows, to bring in parents they reference (pull fetches them).
EnsureParents = Callable[[Connection, SyncTable, list[Row]], None]


@dataclass
class ApplyResult:
    applied: int = 0
    conflicts: int = 0
    inserted_ids: list[uuid.UUID] = field(default_factory=list)


def apply_incoming(
    conn: Connection,
    sync_table: SyncTable,
    rows: list[Row],
    *,
    origin: str,
    device_id: str,
    newer_only: bool = False,
    ensure_parents: EnsureParents | None = None,
) -> ApplyResult:
    """Merge ``rows`` into the laptop's table under the rules of :mod:`desktop_app.sync.decide`.

    Runs inside the caller's transaction. Written rows are recorded in the change log with
    ``origin``; conflicts detected here are logged and recorded as local changes (to be pushed).
    """
    table = sync_table.table
    ids = [row["id"] for row in rows]
    local = fetch_rows(conn, table, ids)
    result = ApplyResult()
    if sync_table.push_only:
        new_rows = [row for row in rows if row["id"] not in local]
        with applying(conn):
            insert_missing_rows(conn, table, new_rows)
            apply_redactions(conn, table, [row for row in rows if row["id"] in local])
        record_changes(conn, table.name, [row["id"] for row in new_rows], origin)
        result.applied = len(new_rows)
        return result

    pending = pending_origins(conn, table.name, ids)
    if newer_only:  # a file's rows race only with edits made here, not with other relays
        pending = {row_id: o for row_id, o in pending.items() if o == ORIGIN_LOCAL}
    to_write: list[Row] = []
    conflicts: list[Row] = []
    for row in rows:
        current = local.get(row["id"])
        concurrent = row["id"] in pending
        if current is not None and pending.get(row["id"]) == ORIGIN_LOCAL:
            # A pending local edit is stamped with this laptop's id only when it leaves.
            current = {**current, "device_id": device_id}
        decision = decide(current, row, concurrent=concurrent, newer_only=newer_only)
        if decision.conflict and current is not None:
            winner, loser = (row, current) if decision.apply else (current, row)
            conflicts.append(conflict_record(table.name, winner, loser, detected_by=device_id))
        if decision.apply:
            to_write.append(row)

    if ensure_parents is not None and to_write:
        ensure_parents(conn, sync_table, to_write)
    with applying(conn):
        to_write, clashes = settle_key_clashes(conn, sync_table, to_write, detected_by=device_id)
        conflicts.extend(clashes)
        known = fetch_rows(conn, conflicts_table, [c["id"] for c in conflicts])
        conflicts = [c for c in conflicts if c["id"] not in known]  # logged by an earlier run
        upsert_rows(conn, table, to_write)
        if table.name == "children" and to_write:  # tokens under this laptop's search key
            refresh_child_search_texts(conn, [row["id"] for row in to_write])
        insert_missing_rows(conn, conflicts_table, conflicts)
    record_changes(conn, table.name, [row["id"] for row in to_write], origin)
    record_changes(conn, conflicts_table.name, [c["id"] for c in conflicts], ORIGIN_LOCAL)
    _audit_applied(conn, table.name, to_write, origin=origin, device_id=device_id)
    result.inserted_ids = [row["id"] for row in to_write if row["id"] not in local]
    result.applied = len(to_write)
    result.conflicts = len(conflicts)
    return result


def _audit_applied(
    conn: Connection, table_name: str, rows: list[Row], *, origin: str, device_id: str
) -> None:
    """One chained audit entry per applied batch: which rows of which table arrived, from
    where and written by which device, so a row changed by sync is traceable like a local edit
    (the values themselves are in the row and, for the server, in its archive)."""
    if not rows:
        return
    source = _("berkas sinkronisasi") if origin == ORIGIN_FILE else _("server")
    authors = sorted({str(row.get("device_id")) for row in rows if row.get("device_id")})
    append_rows(
        conn,
        [
            {
                "at": utcnow(),
                "username": None,
                "device_id": device_id,
                "action": "sync",
                "entity": table_name,
                "entity_id": str(rows[0]["id"]) if len(rows) == 1 else None,
                "summary": _("{n} baris diterapkan dari {source}").format(
                    n=len(rows), source=source
                ),
                # [old, new] like every entry, so the trail shows them; searchable by row id
                "changes": {
                    "rows": [None, " ".join(str(row["id"]) for row in rows)],
                    "authors": [None, ", ".join(authors)],
                },
            }
        ],
    )
