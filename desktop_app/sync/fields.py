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

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect

from desktop_app.sync.rows import Row
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


def base_from_storage(table: Table, dialect: Dialect, text: str | None) -> Row | None:
    """The trigger's JSON of stored values (SQLite's text for dates and UUIDs) as Python values,
    through each column's own result processor, so they compare equal to fetched rows."""
    if text is None:
        return None
    stored = json.loads(text)
    values: Row = {}
    for name, value in stored.items():
        if name not in table.c:
            continue
        processor = table.c[name].type._cached_result_processor(dialect, None)
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
