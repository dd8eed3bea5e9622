"""Push to and pull from the district PostgreSQL server, in batches that each commit.

Every batch is its own pair of transactions, so an interrupted connection loses at most the
batch in flight and the next sync resumes from there:

- **push**: the laptop's pending changes of one table (oldest first) are merged into the
  server under ``pg_advisory_xact_lock`` (pushes are serialised, so server sequence numbers
  become visible in order and a puller can never skip one), then marked pushed locally. If the
  connection drops after the server committed but before the laptop did, the retry sends the
  same rows again: same data, same device, so nothing changes twice.
- **pull**: per table, the rows whose server ``seq`` is above this laptop's cursor for that
  table, filtered by the laptop's scope; the cursor is saved in the same local transaction as
  the rows, so a resumed pull neither skips nor repeats.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, func, select, text

from desktop_app.db.models.sync import ORIGIN_LOCAL, ORIGIN_SERVER
from desktop_app.sync.apply import apply_incoming, conflicts_table
from desktop_app.sync.change_log import (
    applying,
    changes,
    count_pending,
    get_state,
    mark_pushed,
    pending_entries,
    record_changes,
    set_state,
    stamp_device,
)
from desktop_app.sync.decide import conflict_record, decide
from desktop_app.sync.natural_key import settle_key_clashes
from desktop_app.sync.rows import (
    Row,
    apply_redactions,
    fetch_rows,
    insert_missing_rows,
    upsert_rows,
)
from desktop_app.sync.tables import BY_NAME, SYNC_TABLES, SyncScope, SyncTable, scope_condition

PUSH_LOCK_KEY = 0x41535548  # "ASUH": one pusher at a time on the district server
BATCH_SIZE = 2000
#: ``detected_by`` of a conflict the server settles while merging a push.
SERVER_DETECTOR = "server"
#: Called once per batch with the number of rows it carried and a label.
BatchDone = Callable[[int, str], None]


@dataclass
class TransferCount:
    rows: int = 0
    conflicts: int = 0


def cursor_key(table_name: str) -> str:
    return f"pull_seq:{table_name}"


def pulled_upto(conn: Connection, table_name: str) -> int:
    return int(get_state(conn, cursor_key(table_name), "0"))


# -- push -------------------------------------------------------------------------------------
def push_changes(
    local: Engine, server: Engine, *, device_id: str, batch_done: BatchDone, batch_size: int
) -> TransferCount:
    """Send every pending local change to the server, table by table in foreign-key order."""
    total = TransferCount()
    for sync_table in SYNC_TABLES:
        while True:
            with local.begin() as lc:
                entries = pending_entries(lc, sync_table.name, batch_size)
                if not entries:
                    break
                own = [row_id for row_id, _seq, origin in entries if origin == ORIGIN_LOCAL]
                stamp_device(lc, sync_table.table, own, device_id, only_unset=sync_table.push_only)
                rows = list(fetch_rows(lc, sync_table.table, [e[0] for e in entries]).values())
                seen = pulled_upto(lc, sync_table.name)
                with server.begin() as sc:
                    merged = merge_pushed_rows(sc, sync_table, rows, seen_upto=seen)
                mark_pushed(lc, sync_table.name, [seq for _id, seq, _origin in entries])
                if merged.caught_up_to is not None:
                    set_state(lc, cursor_key(sync_table.name), str(merged.caught_up_to))
            conflicts = merged.conflicts
            total.rows += len(rows)
            total.conflicts += conflicts
            batch_done(len(rows), sync_table.name)
    return total


@dataclass(frozen=True)
class MergedBatch:
    conflicts: int
    #: Set when nobody else changed this table since the pusher's cursor: the server's rows of
    #: the table up to this seq are exactly what the pusher holds, so it need not pull them back.
    caught_up_to: int | None


def merge_pushed_rows(
    sc: Connection, sync_table: SyncTable, rows: list[Row], *, seen_upto: int
) -> MergedBatch:
    """Server side of one pushed batch, under the push lock."""
    if sc.dialect.name == "postgresql":
        sc.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PUSH_LOCK_KEY})
    table = sync_table.table
    if sync_table.push_only:
        insert_missing_rows(sc, table, rows)
        apply_redactions(sc, table, rows)
        return MergedBatch(0, None)
    newer = select(func.count()).where(
        changes.c.table_name == table.name, changes.c.seq > seen_upto
    )
    others_changed = sc.execute(newer).scalar_one() > 0
    ids = [row["id"] for row in rows]
    current = fetch_rows(sc, table, ids)
    server_seq = _server_seqs(sc, table.name, ids)
    to_write: list[Row] = []
    conflicts: list[Row] = []
    for row in rows:
        existing = current.get(row["id"])
        concurrent = (
            existing is not None
            and server_seq.get(row["id"], 0) > seen_upto
            and existing["device_id"] != row["device_id"]
        )
        decision = decide(existing, row, concurrent=concurrent)
        if decision.conflict and existing is not None:
            winner, loser = (row, existing) if decision.apply else (existing, row)
            conflicts.append(
                conflict_record(table.name, winner, loser, detected_by=row["device_id"] or "")
            )
        if decision.apply:
            to_write.append(row)
    to_write, clashes = settle_key_clashes(sc, sync_table, to_write, detected_by=SERVER_DETECTOR)
    conflicts.extend(clashes)
    upsert_rows(sc, table, to_write)
    record_changes(sc, table.name, [row["id"] for row in to_write], ORIGIN_SERVER)
    known = fetch_rows(sc, conflicts_table, [c["id"] for c in conflicts])
    conflicts = [c for c in conflicts if c["id"] not in known]
    insert_missing_rows(sc, conflicts_table, conflicts)
    record_changes(sc, conflicts_table.name, [c["id"] for c in conflicts], ORIGIN_SERVER)
    caught_up_to = None
    if not others_changed:
        latest = select(func.max(changes.c.seq)).where(changes.c.table_name == table.name)
        caught_up_to = sc.execute(latest).scalar()
    return MergedBatch(len(conflicts), caught_up_to)


def _server_seqs(sc: Connection, table_name: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    seqs: dict[uuid.UUID, int] = {}
    for start in range(0, len(ids), 500):
        query = select(changes.c.row_id, changes.c.seq).where(
            changes.c.table_name == table_name, changes.c.row_id.in_(ids[start : start + 500])
        )
        seqs.update({row_id: seq for row_id, seq in sc.execute(query)})
    return seqs


# -- pull -------------------------------------------------------------------------------------
def count_to_pull(local: Engine, server: Engine, scope: SyncScope) -> int:
    """How many rows a pull would bring (for the progress total)."""
    total = 0
    with local.connect() as lc, server.connect() as sc:
        for sync_table in SYNC_TABLES:
            if not sync_table.push_only:
                query = _pull_query(sync_table, scope, pulled_upto(lc, sync_table.name))
                total += sc.execute(
                    select(func.count()).select_from(
                        query.with_only_columns(changes.c.seq).subquery()
                    )
                ).scalar_one()
    return total


def count_to_push(local: Engine) -> int:
    with local.connect() as lc:
        return count_pending(lc)


def _pull_query(sync_table: SyncTable, scope: SyncScope, after_seq: int):
    table = sync_table.table
    query = (
        select(table, changes.c.seq.label("_seq"))
        .join(changes, and_(changes.c.table_name == table.name, changes.c.row_id == table.c.id))
        .where(changes.c.seq > after_seq)
        .order_by(changes.c.seq)
    )
    condition = scope_condition(sync_table, scope)
    return query if condition is None else query.where(condition)


def pull_changes(
    local: Engine,
    server: Engine,
    *,
    device_id: str,
    scope: SyncScope,
    batch_done: BatchDone,
    batch_size: int,
) -> TransferCount:
    """Bring every server change above this laptop's cursors, table by table."""
    total = TransferCount()
    with server.connect() as sc:  # one connection; each batch reads in its own transaction
        for sync_table in SYNC_TABLES:
            if not sync_table.push_only:
                _pull_table(local, sc, sync_table, total, device_id=device_id, scope=scope,
                            batch_done=batch_done, batch_size=batch_size)  # fmt: skip
    return total


def _pull_table(
    local: Engine,
    sc: Connection,
    sync_table: SyncTable,
    total: TransferCount,
    *,
    device_id: str,
    scope: SyncScope,
    batch_done: BatchDone,
    batch_size: int,
) -> None:
    while True:
        try:
            with local.begin() as lc:
                after = pulled_upto(lc, sync_table.name)
                fetched = sc.execute(_pull_query(sync_table, scope, after).limit(batch_size))
                rows = [dict(row) for row in fetched.mappings()]
                if not rows:
                    return
                last_seq = rows[-1]["_seq"]
                for row in rows:
                    del row["_seq"]
                count = _apply_pulled(lc, sc, sync_table, rows, device_id=device_id, scope=scope)
                set_state(lc, cursor_key(sync_table.name), str(last_seq))
        finally:
            sc.rollback()  # end the server read transaction between batches
        total.rows += count.rows  # rows that changed here, not echoes of our own pushes
        total.conflicts += count.conflicts
        batch_done(len(rows), sync_table.name)


def _apply_pulled(
    lc: Connection,
    sc: Connection,
    sync_table: SyncTable,
    rows: list[Row],
    *,
    device_id: str,
    scope: SyncScope,
) -> TransferCount:
    def ensure_parents(conn: Connection, table: SyncTable, written: list[Row]) -> None:
        _fetch_missing_parents(conn, sc, table, written)

    result = apply_incoming(
        lc,
        sync_table,
        rows,
        origin=ORIGIN_SERVER,
        device_id=device_id,
        ensure_parents=ensure_parents,
    )
    count = TransferCount(rows=result.applied, conflicts=result.conflicts)
    if scope.is_limited and sync_table.child_column == "id" and result.inserted_ids:
        # A child new to this laptop (registered elsewhere or moved into its area) brings its
        # whole history, not only what changed after this laptop's cursors.
        for dependent in SYNC_TABLES:
            if dependent.child_column and dependent.child_column != "id":
                column = dependent.table.c[dependent.child_column]
                history = _select_rows(sc, dependent, column, result.inserted_ids)
                extra = apply_incoming(
                    lc,
                    dependent,
                    history,
                    origin=ORIGIN_SERVER,
                    device_id=device_id,
                    ensure_parents=ensure_parents,
                )
                count.rows += extra.applied
                count.conflicts += extra.conflicts
    return count


def _select_rows(sc: Connection, sync_table: SyncTable, column, values: list) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(values), 500):
        query = select(sync_table.table).where(column.in_(values[start : start + 500]))
        rows.extend(dict(row) for row in sc.execute(query).mappings())
    return rows


def _fetch_missing_parents(
    lc: Connection, sc: Connection, sync_table: SyncTable, rows: list[Row]
) -> None:
    """Rows may reference a parent changed after this laptop pulled the parent's table (pulls
    run table by table while others push); fetch such parents first, whatever their seq."""
    for fk in sync_table.table.foreign_keys:
        parent = BY_NAME.get(fk.column.table.name)
        if parent is None:
            continue
        wanted = {row[fk.parent.name] for row in rows if row.get(fk.parent.name) is not None}
        if parent.name == sync_table.name:
            wanted -= {row["id"] for row in rows}
        missing = wanted - set(fetch_rows(lc, parent.table, wanted))
        if not missing:
            continue
        parents = _select_rows(sc, parent, parent.table.c.id, list(missing))
        _fetch_missing_parents(lc, sc, parent, parents)
        with applying(lc):
            upsert_rows(lc, parent.table, parents)
        record_changes(lc, parent.name, [row["id"] for row in parents], ORIGIN_SERVER)
