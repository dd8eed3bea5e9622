"""The rows a sync file carries, and how a laptop applies them: as the server would.

Each row travels as the server's push does (:func:`desktop_app.sync.fields.sent_entry`): the
row, the fields its sender changed and their values before the change. Importing checks every
row with the server's own checks (:mod:`desktop_app.sync.row_checks`: types, lengths, the
forms' rules, parents present) and refuses bad rows one by one, then merges the rest per field
(:func:`desktop_app.sync.apply.apply_incoming`), so a crafted file can do no more than a push,
and a laptop whose clock is wrong loses no edit. Audit rows never travel: each laptop keeps
its own trail, and the import itself is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from desktop_app.db.base import utcnow
from desktop_app.db.models.sync import ORIGIN_FILE, ORIGIN_LOCAL
from desktop_app.sync.apply import apply_incoming
from desktop_app.sync.change_log import PENDING_ORIGINS, changes, stamp_device
from desktop_app.sync.fields import (
    format_fields,
    received_base,
    received_fields,
    sent_entry,
    split_entries,
)
from desktop_app.sync.row_checks import Refusal, check_rows, parse_rows, table_refusals
from desktop_app.sync.rows import fetch_rows
from desktop_app.sync.tables import SYNC_TABLES, SyncScope, SyncTable

__all__ = ["AppliedFile", "apply_file_rows", "file_tables", "table_entries"]


def file_tables() -> list[SyncTable]:
    """The tables a sync file carries, parents first (never the audit log)."""
    return [t for t in SYNC_TABLES if not t.push_only]


def table_entries(
    conn: Connection, sync_table: SyncTable, *, from_seq: int, to_seq: int, device_id: str
) -> list[dict[str, Any]]:
    """The rows of one table changed between the two seqs, as entries (stamping this laptop
    on its own rows). Unsent local edits carry their fields and base; rows received from the
    server or another file travel whole."""
    query = select(changes.c.row_id, changes.c.origin, changes.c.fields, changes.c.base).where(
        changes.c.table_name == sync_table.name,
        changes.c.seq > from_seq,
        changes.c.seq <= to_seq,
    )
    logged = conn.execute(query.order_by(changes.c.seq)).all()
    if not logged:
        return []
    own = [row_id for row_id, origin, _f, _b in logged if origin == ORIGIN_LOCAL]
    stamp_device(conn, sync_table.table, own, device_id, only_unset=False)
    rows = fetch_rows(conn, sync_table.table, [row_id for row_id, *_rest in logged])
    entries = []
    for row_id, origin, fields, base in logged:
        if row_id in rows:
            pending = origin in PENDING_ORIGINS
            entries.append(
                sent_entry(
                    conn,
                    sync_table.table,
                    rows[row_id],
                    fields if pending else None,
                    base if pending else None,
                )  # fmt: skip
            )
    return entries


@dataclass
class AppliedFile:
    rows: int = 0
    applied: int = 0
    conflicts: int = 0
    refused: list[Refusal] = field(default_factory=list)
    new_children: list[uuid.UUID] = field(default_factory=list)


def apply_file_rows(
    conn: Connection, tables: dict[str, list[Any]], *, device_id: str
) -> AppliedFile:
    """Check and merge every table's entries in foreign-key order (inside the caller's
    transaction). Tables a file may not carry (the audit log, unknown ones) are refused."""
    result = AppliedFile()
    today = utcnow().date()
    known = {t.name for t in file_tables()}
    for name, entries in tables.items():
        if name not in known:
            _entries, values = split_entries(entries)
            result.refused += table_refusals(name, values, SyncScope()) or []
            result.rows += len(values)
    for sync_table in file_tables():
        raw = tables.get(sync_table.name) or []
        if not raw:
            continue
        entries, values = split_entries(raw)
        rows, refused = parse_rows(sync_table.table, values)
        refused += check_rows(conn, sync_table, rows, scope=SyncScope(), today=today)
        refused_ids = {r.row_id for r in refused}
        rows = [row for row in rows if row["id"] not in refused_ids]
        by_id = {str(v.get("id")): e for v, e in zip(values, entries, strict=True)}
        edits = {
            row["id"]: (
                format_fields(received_fields(by_id[str(row["id"])].get("fields"))),
                received_base(sync_table.table, by_id[str(row["id"])].get("base")),
            )
            for row in rows
        }
        applied = apply_incoming(
            conn, sync_table, rows, origin=ORIGIN_FILE, device_id=device_id, edits=edits
        )
        result.rows += len(entries)
        result.applied += applied.applied
        result.conflicts += applied.conflicts
        result.refused += refused
        if sync_table.child_column == "id":
            result.new_children.extend(applied.inserted_ids)
    return result
