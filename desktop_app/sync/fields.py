"""The one merge rule of sync, per field and three ways (server push, pull, sync-file import).

A sender says which fields it changed (``fields`` of its change-log entry) and what they held
before its edit (``base``). The receiver compares each of those fields with what it holds now:

- it still holds the base value: nobody else touched the field, the sender's value is applied;
- it holds the sender's value already (a retried push, a file imported twice): nothing to do;
- it holds a third value: both sides changed the field. The value received **last** wins (the
  server's order of receipt, or the import on a laptop), and the conflict is recorded with both
  values, so a person can restore the other in "Konflik data". Never a silent loss.

Fields the sender did not change are never touched, so A's new phone number and B's corrected
mother's name of the same child are both kept. Clocks decide nothing: a laptop whose clock is
three hours slow loses no edit.

A row the sender inserted (``fields`` None) that the receiver holds already (a resent insert, a
row relayed through a file) keeps the receiver's values; a difference made by another device is
recorded as a conflict the received row loses.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

from desktop_app.sync.rows import Row, from_json_values, json_value, to_json_values
from desktop_app.sync.tables import BOOKKEEPING_COLUMNS


@dataclass
class FieldMerge:
    """What to write (None: the receiver's row stays as it is) and the fields in conflict."""

    row: Row | None
    conflicts: list[str] = field(default_factory=list)
    #: The receiver's values the merge overwrote in conflicting fields (the loser's side).
    replaced: Row | None = None
    #: Conflicting fields where the receiver's value was kept (a resent insert).
    kept_receivers: bool = False


def data_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS]


def parse_fields(text: str | None) -> frozenset[str] | None:
    """``",a,,b,"`` -> {"a", "b"}; None stays None (a new row: every field)."""
    if text is None:
        return None
    return frozenset(name for name in text.split(",") if name)


def format_fields(names: Iterable[str] | None) -> str | None:
    return None if names is None else "," + ",".join(sorted(set(names))) + ","


@functools.lru_cache(maxsize=256)
def _result_processors(table: Table, dialect: Dialect) -> dict[str, Any]:
    """Each column's result processor for ``dialect`` (None: the stored value as it is)."""
    return {c.name: c.type._cached_result_processor(dialect, None) for c in table.columns}


def base_from_storage(
    table: Table, dialect: Dialect, text: str | None, only: Iterable[str] | None = None
) -> Row | None:
    """The trigger's JSON of stored values (SQLite's text for dates and UUIDs) as Python values,
    through each column's own result processor, so they compare equal to fetched rows.
    ``only``: just these columns (a push sends the base of the changed fields)."""
    if text is None:
        return None
    stored = json.loads(text)
    processors = _result_processors(table, dialect)
    values: Row = {}
    for name in stored if only is None else only:
        if name not in stored or name not in processors:
            continue
        value, processor = stored[name], processors[name]
        values[name] = processor(value) if processor is not None and value is not None else value
    return values


def merge_row(
    current: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    *,
    changed: frozenset[str] | None,
    base: Mapping[str, Any] | None,
    columns: list[str],
) -> FieldMerge:
    """Merge the sender's ``incoming`` row into the receiver's ``current`` one (see module)."""
    if current is None:
        return FieldMerge(row=dict(incoming))
    if changed is None:  # the sender's insert, already here
        differing = [c for c in columns if incoming.get(c) != current.get(c)]
        other_device = incoming.get("device_id") != current.get("device_id")
        if differing and other_device:
            return FieldMerge(row=None, conflicts=differing, kept_receivers=True)
        return FieldMerge(row=None)
    merged = dict(current)
    replaced: Row = {}
    conflicts: list[str] = []
    for name in columns:
        if name not in changed:
            continue
        new, now = incoming.get(name), current.get(name)
        if new == now:
            continue
        if base is None or name not in base or base[name] != now:
            conflicts.append(name)
            replaced[name] = now
        merged[name] = new
    if all(merged.get(c) == current.get(c) for c in columns):
        return FieldMerge(row=None)
    for name in ("updated_at", "device_id"):  # the last writer's stamp
        if name in incoming:
            merged[name] = incoming[name]
    return FieldMerge(row=merged, conflicts=conflicts, replaced=replaced or None)


def to_storage_json(table: Table, values: Mapping[str, Any], dialect: Dialect) -> dict[str, Any]:
    """Python values as the database stores them (the inverse of :func:`base_from_storage`),
    so a base received in a sync file sits in the change log like one a trigger wrote."""
    stored: dict[str, Any] = {}
    for name, value in values.items():
        if name not in table.c:
            continue
        processor = table.c[name].type._cached_bind_processor(dialect)
        stored[name] = processor(value) if processor is not None and value is not None else value
    return stored


def sent_entry(
    conn: Connection, table: Table, row: Mapping[str, Any], fields: str | None, base: str | None
) -> dict[str, Any]:
    """One row as it travels (push or sync file): the row, the fields its change-log entry
    says changed (None: a new row) and their values before the change, as JSON-safe values."""
    names = parse_fields(fields)
    stored = base_from_storage(table, conn.dialect, base, names) if names is not None else None
    return {
        "row": to_json_values(table, row),
        "fields": sorted(names) if names is not None else None,
        "base": None if stored is None else {n: json_value(v) for n, v in stored.items()},
    }


def received_fields(value: Any) -> frozenset[str] | None:
    """The sent list of changed field names (anything else: a whole new row)."""
    if not isinstance(value, list):
        return None
    return frozenset(str(name) for name in value)


def received_base(table: Table, value: Any) -> Row | None:
    """The sent base values as Python values (unreadable: None, so nothing merges cleanly)."""
    if not isinstance(value, dict):
        return None
    try:
        parsed = from_json_values(table, value)
    except (ValueError, TypeError):
        return None
    return {name: parsed[name] for name in value if name in parsed}


def split_entries(raw: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Received entries (a push or a file's table) and their rows, anything malformed as an
    empty dict so that it is refused by the checks as a row, never crashing the batch."""
    items = raw if isinstance(raw, list) else []
    entries: list[dict[str, Any]] = [e if isinstance(e, dict) else {} for e in items]
    rows: list[dict[str, Any]] = [
        e["row"] if isinstance(e.get("row"), dict) else {} for e in entries
    ]
    return entries, rows
