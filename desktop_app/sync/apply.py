"""Applying received rows to a laptop: the shared step of pulling and importing sync files."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table

from desktop_app.core.i18n import _
from desktop_app.db.audit_chain import append_rows
from desktop_app.db.base import utcnow
from desktop_app.db.models import SyncConflict
from desktop_app.db.models.sync import ORIGIN_FILE, ORIGIN_LOCAL
from desktop_app.reports.late_arrivals import note_late_arrivals
from desktop_app.sync.change_log import PendingEntry, applying, pending_edits, record_changes
from desktop_app.sync.decide import field_conflict_record
from desktop_app.sync.fields import (
    data_columns,
    format_fields,
    merge_row,
    parse_fields,
    to_storage_json,
)
from desktop_app.sync.natural_key import settle_key_clashes
from desktop_app.sync.rows import Row, fetch_rows, insert_missing_rows, upsert_rows
from desktop_app.sync.tables import SyncTable

conflicts_table = SyncConflict.__table__
#: Called before writing rows, to bring in parents they reference (pull fetches them).
EnsureParents = Callable[[Connection, SyncTable, list[Row]], None]
#: A sync file's account of one row: the fields its sender changed (``,a,b,`` text; None: a
#: new row) and their values before the change (Python values).
Edit = tuple[str | None, Mapping[str, Any] | None]


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
    edits: Mapping[uuid.UUID, Edit] | None = None,
    ensure_parents: EnsureParents | None = None,
) -> ApplyResult:
    """Merge ``rows`` into the laptop's table (inside the caller's transaction).

    From the server (``edits`` None): the server merged them already; a row is written as it
    is, except that fields this laptop changed and has not sent yet keep the local value (the
    server decides them when they arrive, against their ``base``). From a sync file, ``edits``
    gives per row the fields the sender changed and their base values: the three-way field
    merge of :mod:`desktop_app.sync.fields` applies them, a field changed on both sides is a
    conflict the file's value (received last) wins and that is recorded with both values.
    Written rows are recorded in the change log with ``origin``; file rows keep their fields
    and base so they are relayed to the server like the sender's own push. Audit rows are never
    taken from another device: each keeps its own trail.
    """
    result = ApplyResult()
    if sync_table.push_only:
        return result
    table = sync_table.table
    ids = [row["id"] for row in rows]
    local = fetch_rows(conn, table, ids)
    pending = pending_edits(conn, table.name, ids)
    columns = data_columns(table)
    to_write: list[Row] = []
    conflicts: list[Row] = []
    relayed: dict[uuid.UUID, tuple[str | None, str | None]] = {}
    keep_pending: set[uuid.UUID] = set()
    for row in rows:
        current = local.get(row["id"])
        mine = pending.get(row["id"])
        if edits is None:
            merged = _server_row(row, current, mine, columns)
            if mine is not None:
                keep_pending.add(row["id"])
        else:
            fields, base = edits.get(row["id"], (None, None))
            outcome = merge_row(
                current, row, changed=parse_fields(fields), base=base, columns=columns
            )
            merged = outcome.row
            if outcome.conflicts and current is not None:
                conflicts.append(
                    field_conflict_record(table.name, current, row, outcome, detected_by=device_id)
                )
            if merged is not None:
                relayed[row["id"]] = _relay_entry(conn, table, mine, fields, base, current is None)
        if merged is not None:
            to_write.append(merged)

    if ensure_parents is not None and to_write:
        ensure_parents(conn, sync_table, to_write)
    with applying(conn):
        to_write, clashes = settle_key_clashes(conn, sync_table, to_write, detected_by=device_id)
        conflicts.extend(clashes)
        known = fetch_rows(conn, conflicts_table, [c["id"] for c in conflicts])
        conflicts = [c for c in conflicts if c["id"] not in known]  # logged by an earlier run
        # Children's search text is derived there, under this laptop's own search key.
        upsert_rows(conn, table, to_write)
        insert_missing_rows(conn, conflicts_table, conflicts)
        # A closed month's record arriving now is a correction whatever its stamp says.
        note_late_arrivals(
            conn, table.name, to_write, new_ids={r["id"] for r in to_write} - set(local)
        )
    written = [row["id"] for row in to_write if row["id"] not in keep_pending]
    record_changes(conn, table.name, written, origin, edits=relayed)
    record_changes(conn, conflicts_table.name, [c["id"] for c in conflicts], ORIGIN_LOCAL)
    _audit_applied(conn, table.name, to_write, origin=origin, device_id=device_id)
    result.inserted_ids = [row["id"] for row in to_write if row["id"] not in local]
    result.applied = len(to_write)
    result.conflicts = len(conflicts)
    return result


def _server_row(
    row: Row, current: Row | None, mine: PendingEntry | None, columns: list[str]
) -> Row | None:
    """The server's version, with this laptop's unsent edits kept (None: nothing changes)."""
    if current is None:
        return row
    merged = dict(row)
    if mine is not None:
        unsent = parse_fields(mine.fields)
        for name in columns if unsent is None else unsent:
            if name in current:
                merged[name] = current[name]
    if all(merged.get(name) == current.get(name) for name in current if name != "search_text"):
        return None
    return merged


def _relay_entry(
    conn: Connection,
    table: Table,
    mine: PendingEntry | None,
    fields: str | None,
    base: Mapping[str, Any] | None,
    new_row: bool,
) -> tuple[str | None, str | None]:
    """The change-log ``fields``/``base`` of a row taken from a file: the sender's edit joined
    to this laptop's own unsent one (whose base, being older here, wins)."""
    if new_row or fields is None:
        return (None, None) if mine is None or mine.fields is None else (mine.fields, mine.base)
    names = set(parse_fields(fields) or ())
    stored_base = dict(to_storage_json(table, base or {}, conn.dialect))
    if mine is not None:
        if mine.fields is None:
            return (None, None)
        names |= set(parse_fields(mine.fields) or ())
        stored_base.update(json.loads(mine.base or "{}"))
    return format_fields(names), json.dumps(stored_base)


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
