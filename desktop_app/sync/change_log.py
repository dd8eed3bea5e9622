"""The change log (``sync_changes``): what changed, in which order, and where it came from.

On a laptop, SQLite triggers (migration 0002) record every local insert or update with origin
``L`` and a new, higher ``seq``; the sync code records the rows it received with origin ``S``
(server) or ``F`` (file) while the guard row ``sync_state.applying`` silences the triggers.
"Pending" rows, those the server has not got yet, are the entries with origin ``L`` or ``F``;
a successful push turns them into ``S``. On the server the same table is the district's change
log, written by pushes, with ``seq`` assigned under a transaction-scoped advisory lock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

from sqlalchemy import Connection, Table, delete, func, select, update

from desktop_app.db.models import SyncChange, SyncState
from desktop_app.db.models.sync import ORIGIN_FILE, ORIGIN_LOCAL, ORIGIN_REFUSED, ORIGIN_SERVER
from desktop_app.sync.rows import _insert

changes = SyncChange.__table__
state = SyncState.__table__
PENDING_ORIGINS = (ORIGIN_LOCAL, ORIGIN_FILE, ORIGIN_REFUSED)
APPLYING_KEY = "applying"


def get_state(conn: Connection, key: str, default: str = "") -> str:
    value = conn.execute(select(state.c.value).where(state.c.key == key)).scalar()
    return default if value is None else value


def set_state(conn: Connection, key: str, value: str) -> None:
    statement = _insert(conn, state).values(key=key, value=value)
    conn.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


@contextmanager
def applying(conn: Connection) -> Iterator[None]:
    """Silence the change triggers while received rows are written (same transaction)."""
    set_state(conn, APPLYING_KEY, "1")
    try:
        yield
    finally:
        conn.execute(delete(state).where(state.c.key == APPLYING_KEY))


def max_seq(conn: Connection) -> int:
    return conn.execute(select(func.coalesce(func.max(changes.c.seq), 0))).scalar_one()


def record_changes(
    conn: Connection,
    table_name: str,
    row_ids: Iterable[uuid.UUID],
    origin: str,
    *,
    edits: Mapping[uuid.UUID, tuple[str | None, str | None]] | None = None,
) -> None:
    """Give these rows new, higher sequence numbers (replacing their previous entries).

    ``edits`` (rows received from a sync file, to be relayed): per row the changed ``fields``
    and the ``base`` JSON the sender gave, stored so the relay merges like the sender's own
    push. Without it (rows from the server, the server's own log) both are cleared."""
    ids = list(dict.fromkeys(row_ids))
    if not ids:
        return
    edits = edits or {}
    base = max_seq(conn)
    rows = [
        {
            "table_name": table_name,
            "row_id": row_id,
            "seq": base + i,
            "origin": origin,
            "fields": edits.get(row_id, (None, None))[0],
            "base": edits.get(row_id, (None, None))[1],
        }
        for i, row_id in enumerate(ids, start=1)
    ]
    statement = _insert(conn, changes)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["table_name", "row_id"],
            set_={
                "seq": statement.excluded.seq,
                "origin": statement.excluded.origin,
                "fields": statement.excluded.fields,
                "base": statement.excluded.base,
            },
        ),
        rows,
    )


class PendingEntry(NamedTuple):
    """One change the server has not got: the row, its seq, where it came from, the fields it
    changed (None: a new row) and their values before the change (stored JSON)."""

    row_id: uuid.UUID
    seq: int
    origin: str
    fields: str | None
    base: str | None


def pending_changes(
    conn: Connection, table_name: str, limit: int, *, after_seq: int = 0
) -> list[PendingEntry]:
    """The oldest ``limit`` not-yet-pushed changes of one table above ``after_seq`` (a push
    walks forwards, so rows the server refused in this sync are not sent twice)."""
    query = (
        select(changes.c.row_id, changes.c.seq, changes.c.origin, changes.c.fields, changes.c.base)
        .where(
            changes.c.table_name == table_name,
            changes.c.origin.in_(PENDING_ORIGINS),
            changes.c.seq > after_seq,
        )
        .order_by(changes.c.seq)
        .limit(limit)
    )
    return [PendingEntry(*row) for row in conn.execute(query)]


def pending_edits(
    conn: Connection, table_name: str, row_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, PendingEntry]:
    """The pending entries of these rows (local edits the server has not got yet)."""
    ids = list(row_ids)
    found: dict[uuid.UUID, PendingEntry] = {}
    for start in range(0, len(ids), 500):
        query = select(
            changes.c.row_id, changes.c.seq, changes.c.origin, changes.c.fields, changes.c.base
        ).where(
            changes.c.table_name == table_name,
            changes.c.row_id.in_(ids[start : start + 500]),
            changes.c.origin.in_(PENDING_ORIGINS),
        )
        found.update({row[0]: PendingEntry(*row) for row in conn.execute(query)})
    return found


def mark_refused(conn: Connection, table_name: str, seqs: list[int]) -> None:
    """The server refused these changes: they stay to send (with their fields and base) and are
    tried again at the next sync, without holding back anything else."""
    _set_origin(conn, table_name, seqs, {"origin": ORIGIN_REFUSED})


def count_pending(conn: Connection) -> int:
    query = select(func.count()).select_from(changes).where(changes.c.origin.in_(PENDING_ORIGINS))
    return conn.execute(query).scalar_one()


def mark_pushed(conn: Connection, table_name: str, seqs: list[int]) -> None:
    """The server has these changes now; entries replaced meanwhile (new seq) stay pending."""
    _set_origin(conn, table_name, seqs, {"origin": ORIGIN_SERVER, "fields": None, "base": None})


def _set_origin(
    conn: Connection, table_name: str, seqs: list[int], values: dict[str, str | None]
) -> None:
    for start in range(0, len(seqs), 500):
        conn.execute(
            update(changes)
            .where(changes.c.table_name == table_name, changes.c.seq.in_(seqs[start : start + 500]))
            .values(values)
        )


def stamp_device(
    conn: Connection, table: Table, row_ids: list[uuid.UUID], device_id: str, *, only_unset: bool
) -> None:
    """Write this laptop's id into rows it changed (``only_unset``: keep an existing one).

    Audit rows are left alone: they are sealed in the hash chain as written (and refused an
    UPDATE by the log's triggers); the few written before the laptop had an id keep none."""
    if table.name == "audit_log":
        return
    with applying(conn):
        for start in range(0, len(row_ids), 500):
            statement = update(table).where(table.c.id.in_(row_ids[start : start + 500]))
            if only_unset:
                statement = statement.where(table.c.device_id.is_(None))
            values: dict[str, object] = {"device_id": device_id}
            if "updated_at" in table.c:  # keep the edit's time: Core would apply onupdate
                values["updated_at"] = table.c.updated_at
            conn.execute(statement.values(values))
