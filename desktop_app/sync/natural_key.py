"""Two rows, one meaning: rows made on two laptops for the same natural key.

Most synced rows are unique only by their id, so rows made on two laptops never collide. Two
tables also carry a unique natural key: an aid payment is one per (child, programme, month),
and a KBM threshold one per age. Two laptops that plan the same month offline each create
their own payment row (different ids, same key); applying the other laptop's row would break
the unique constraint and stop every later sync at that row.

So before rows are written (pull, sync-file import, and the server's side of a push), each
incoming row whose key is held locally by a row with another id is settled like a conflict:
one row survives everywhere, the other is kept in ``sync_conflicts`` for review. The survivor
is chosen by an order every laptop and the server compute alike from the rows themselves:

1. a live row beats a deleted one;
2. for aid payments, a settled payment (paid or cancelled) beats a mere plan, so a planning run
   elsewhere can never undo a recorded payment, whatever the clocks say;
3. for month closures, the earlier closure (``closed_at``): the figures a head signed first stay
   the month's figures;
4. then the later ``updated_at``, then the higher id.

If the incoming row loses, it is not written. If it wins, the local row is removed (its values
stay in the conflict record; "Konflik data" can write them back over the survivor). The
removal is not sent on: every other laptop settles the same pair the same way when it meets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_

from desktop_app.core.codes import PaymentStatus
from desktop_app.sync.decide import conflict_record
from desktop_app.sync.rows import Row
from desktop_app.sync.tables import SyncTable

#: Aid payment statuses that record something done (see ``AidPayment``); "rencana" is a plan.
_SETTLED_PAYMENT = frozenset({PaymentStatus.PAID, PaymentStatus.CANCELLED})
_CHUNK = 300  # key tuples per query, below SQLite's bound-parameter limit


def survivor_rank(
    table_name: str, row: Mapping[str, Any]
) -> tuple[bool, bool, float, datetime, str]:
    """The order of the module docstring: the higher rank survives."""
    settled = table_name == "aid_payments" and row.get("status") in _SETTLED_PAYMENT
    return (
        row.get("deleted_at") is None,
        settled,
        -_closed_at(row).timestamp() if table_name == "month_closures" else 0.0,
        row.get("updated_at") or datetime.min,
        str(row["id"]),
    )


def _closed_at(row: Mapping[str, Any]) -> datetime:
    value = row.get("closed_at")
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return (value or datetime.max.replace(year=9000)).replace(tzinfo=UTC)


def settle_key_clashes(
    conn: Connection, sync_table: SyncTable, rows: list[Row], *, detected_by: str
) -> tuple[list[Row], list[Row]]:
    """``rows`` minus those that lose to a local row with the same natural key, and the conflict
    records of every clash. Local rows that lose are deleted here (caller's transaction)."""
    key_columns = sync_table.natural_key
    if not key_columns or not rows:
        return rows, []
    table = sync_table.table
    held = _local_rows_by_key(conn, sync_table, {_key(key_columns, row) for row in rows})
    kept: list[Row] = []
    conflicts: list[Row] = []
    beaten: list[Any] = []
    for row in rows:
        local = held.get(_key(key_columns, row))
        if local is None or local["id"] == row["id"]:
            kept.append(row)
            continue
        if local.get("device_id") is None:  # made here and not sent yet: stamped on leaving
            local = {**local, "device_id": detected_by}
        incoming_wins = survivor_rank(table.name, row) > survivor_rank(table.name, local)
        winner, loser = (row, local) if incoming_wins else (local, row)
        conflicts.append(conflict_record(table.name, winner, loser, detected_by=detected_by))
        if incoming_wins:
            beaten.append(local["id"])
            kept.append(row)
    if beaten:
        conn.execute(delete(table).where(table.c.id.in_(beaten)))
    return kept, conflicts


def _key(columns: tuple[str, ...], row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(row.get(column) for column in columns)


def _local_rows_by_key(
    conn: Connection, sync_table: SyncTable, keys: set[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Row]:
    table = sync_table.table
    columns = [table.c[name] for name in sync_table.natural_key]
    found: dict[tuple[Any, ...], Row] = {}
    key_list = list(keys)
    for start in range(0, len(key_list), _CHUNK):
        chunk = key_list[start : start + _CHUNK]
        query = select(table).where(tuple_(*columns).in_(chunk))
        for mapping in conn.execute(query).mappings():
            row: Row = dict(mapping)
            found[_key(sync_table.natural_key, row)] = row
    return found
