"""The laptop's side of a sync with the district server: push, then pull, batch by batch.

Every batch is one local transaction around one request, so an interrupted connection loses
at most the batch in flight and the next sync resumes from there:

- **push**: the pending changes of one table (oldest first), each with the fields it changed
  and their values before the change (:mod:`desktop_app.sync.fields`), go to the server, which
  checks and merges them. Accepted rows are marked sent; refused ones stay to send (tried again
  at every sync, without holding back anything else) and are listed under "Ditolak server". If
  the connection drops after the server committed but before the laptop did, the retry sends
  the same changes again: the server holds those values already, so nothing changes twice.
- **pull**: per table, the rows whose server ``seq`` is above this laptop's cursor; the server
  filters them by the device's scope. The cursor is saved in the same local transaction as the
  rows, so a resumed pull neither skips nor repeats. The audit log is never sent: the server
  writes its own from what it applied.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, Table, delete, func, select, update

from desktop_app.db.base import utcnow
from desktop_app.db.models import Device, SyncRefusal
from desktop_app.db.models.sync import ORIGIN_LOCAL, ORIGIN_SERVER
from desktop_app.sync.apply import apply_incoming
from desktop_app.sync.change_log import (
    PENDING_ORIGINS,
    PendingEntry,
    applying,
    changes,
    get_state,
    mark_pushed,
    mark_refused,
    pending_changes,
    record_changes,
    set_state,
    stamp_device,
)
from desktop_app.sync.fields import sent_entry
from desktop_app.sync.peer import SyncPeer
from desktop_app.sync.rows import Row, fetch_rows, from_json_values, upsert_rows
from desktop_app.sync.tables import BY_NAME, SYNC_TABLES, SyncTable

BATCH_SIZE = 1000
#: Called once per batch with the number of rows it carried and a label.
BatchDone = Callable[[int, str], None]
refusals_table = SyncRefusal.__table__
devices_table = Device.__table__


@dataclass
class TransferCount:
    rows: int = 0
    conflicts: int = 0
    refused: int = 0
    #: Conflicts already counted (found by the server in this laptop's push).
    conflict_ids: set[str] = field(default_factory=set)


def cursor_key(table_name: str) -> str:
    return f"pull_seq:{table_name}"


def pulled_upto(conn: Connection, table_name: str) -> int:
    return int(get_state(conn, cursor_key(table_name), "0"))


def _sent_tables() -> list[SyncTable]:
    return [t for t in SYNC_TABLES if not t.push_only]


# -- push -------------------------------------------------------------------------------------
def count_to_push(local: Engine) -> int:
    names = [t.name for t in _sent_tables()]
    query = select(func.count()).where(
        changes.c.origin.in_(PENDING_ORIGINS), changes.c.table_name.in_(names)
    )
    with local.connect() as lc:
        return int(lc.execute(query).scalar_one())


def push_changes(
    local: Engine,
    peer: SyncPeer,
    *,
    device_id: str,
    user: str = "",
    batch_done: BatchDone,
    batch_size: int,
) -> TransferCount:
    """Send every pending local change to the server, table by table in foreign-key order."""
    total = TransferCount()
    for sync_table in _sent_tables():
        after = 0
        while True:
            with local.begin() as lc:
                entries = pending_changes(lc, sync_table.name, batch_size, after_seq=after)
                if not entries:
                    break
                after = entries[-1].seq
                own = [e.row_id for e in entries if e.origin == ORIGIN_LOCAL]
                stamp_device(lc, sync_table.table, own, device_id, only_unset=False)
                rows = fetch_rows(lc, sync_table.table, [e.row_id for e in entries])
                payload = {
                    "table": sync_table.name,
                    "user": user,
                    "seen_upto": pulled_upto(lc, sync_table.name),
                    "entries": [
                        sent_entry(lc, sync_table.table, rows[e.row_id], e.fields, e.base)
                        for e in entries
                        if e.row_id in rows
                    ],
                }
                answer = peer.push(payload)
                refused = _settle_push(lc, sync_table, entries, answer)
            total.rows += len(entries) - refused
            total.conflicts += int(answer.get("conflicts") or 0)
            total.conflict_ids.update(str(c) for c in answer.get("conflict_ids") or [])
            total.refused += refused
            batch_done(len(entries), sync_table.name)
    return total


def _settle_push(
    lc: Connection, sync_table: SyncTable, entries: list[PendingEntry], answer: dict
) -> int:
    """Mark accepted changes sent and refused ones to retry; the "Ditolak server" list holds
    this batch's refusals (a row accepted now leaves it). Returns the number refused."""
    messages: dict[str, str] = {}
    for item in answer.get("refused") or []:
        if isinstance(item, dict) and item.get("id"):
            messages[str(item["id"])] = str(item.get("message") or "")
    refused = [e for e in entries if str(e.row_id) in messages]
    accepted = [e for e in entries if str(e.row_id) not in messages]
    mark_pushed(lc, sync_table.name, [e.seq for e in accepted])
    mark_refused(lc, sync_table.name, [e.seq for e in refused])
    ids = [e.row_id for e in entries]
    for start in range(0, len(ids), 500):
        lc.execute(
            delete(refusals_table).where(
                refusals_table.c.table_name == sync_table.name,
                refusals_table.c.row_id.in_(ids[start : start + 500]),
            )
        )
    if refused:
        now = utcnow()
        lc.execute(
            refusals_table.insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "device_id": None,
                    "table_name": sync_table.name,
                    "row_id": e.row_id,
                    "message": messages[str(e.row_id)],
                    "created_at": now,
                }
                for e in refused
            ],
        )
    _take_stamp(lc, sync_table, answer.get("stamped"))
    caught_up_to = answer.get("caught_up_to")
    if caught_up_to is not None:
        set_state(lc, cursor_key(sync_table.name), str(int(caught_up_to)))
    return len(refused)


def _take_stamp(lc: Connection, sync_table: SyncTable, stamped: object) -> None:
    """Give the rows the server wrote its time and device stamp here too (not a local edit)."""
    if not isinstance(stamped, dict) or not stamped.get("ids"):
        return
    table = sync_table.table
    at = datetime.fromisoformat(str(stamped["at"]))
    ids = [uuid.UUID(str(value)) for value in stamped["ids"]]
    with applying(lc):
        for start in range(0, len(ids), 500):
            lc.execute(
                update(table)
                .where(table.c.id.in_(ids[start : start + 500]))
                .values(updated_at=at, device_id=str(stamped.get("device_id") or "")[:36])
            )


# -- pull -------------------------------------------------------------------------------------
def count_to_pull(local: Engine, peer: SyncPeer) -> int:
    """How many rows a pull would bring (for the progress total)."""
    with local.connect() as lc:
        cursors = {t.name: pulled_upto(lc, t.name) for t in _sent_tables()}
    return int(peer.count({"cursors": cursors}).get("count") or 0)


def pull_changes(
    local: Engine,
    peer: SyncPeer,
    *,
    device_id: str,
    scoped: bool,
    batch_done: BatchDone,
    batch_size: int,
    counted: set[str] | None = None,
) -> TransferCount:
    """Bring every server change above this laptop's cursors, table by table. ``counted``:
    conflicts the push already counted, not counted again when they arrive."""
    total = TransferCount(conflict_ids=set(counted or ()))
    for sync_table in _sent_tables():
        while True:
            with local.begin() as lc:
                after = pulled_upto(lc, sync_table.name)
                page = peer.pull({"table": sync_table.name, "after": after, "limit": batch_size})
                values, seqs = page.get("rows") or [], page.get("seqs") or []
                if not values:
                    break
                rows = [from_json_values(sync_table.table, v) for v in values]
                count = _apply_pulled(
                    lc, peer, sync_table, rows, device_id=device_id, scoped=scoped,
                    counted=total.conflict_ids,
                )  # fmt: skip
                set_state(lc, cursor_key(sync_table.name), str(int(seqs[-1])))
            total.rows += count.rows  # rows that changed here, not echoes of our own pushes
            total.conflicts += count.conflicts
            batch_done(len(rows), sync_table.name)
    _refresh_devices(local, peer)
    return total


def _apply_pulled(
    lc: Connection,
    peer: SyncPeer,
    sync_table: SyncTable,
    rows: list[Row],
    *,
    device_id: str,
    scoped: bool,
    counted: set[str],
) -> TransferCount:
    def ensure_parents(conn: Connection, table: SyncTable, written: list[Row]) -> None:
        _fetch_missing_parents(conn, peer, table, written)

    result = apply_incoming(
        lc, sync_table, rows, origin=ORIGIN_SERVER, device_id=device_id,
        ensure_parents=ensure_parents,
    )  # fmt: skip
    count = TransferCount(
        rows=result.applied, conflicts=_conflicts_involving(rows, device_id, counted)
    )
    if scoped and sync_table.child_column == "id" and result.inserted_ids:
        # A child new to this laptop (registered elsewhere or moved into its area) brings its
        # whole history, not only what changed after this laptop's cursors.
        for dependent in _sent_tables():
            if dependent.child_column and dependent.child_column != "id":
                history = _rows_from(peer, dependent, dependent.child_column, result.inserted_ids)
                extra = apply_incoming(
                    lc, dependent, history, origin=ORIGIN_SERVER, device_id=device_id,
                    ensure_parents=ensure_parents,
                )  # fmt: skip
                count.rows += extra.applied
    return count


def _conflicts_involving(rows: list[Row], device_id: str, counted: set[str]) -> int:
    """Open conflicts just received in which this laptop's edit took part: counted in the
    summary of every laptop involved, not only the one whose push met the other's edit (and
    only once: ``counted`` grows with each)."""
    found = 0
    for row in rows:
        involved = device_id in (row.get("loser_device"), row.get("winner_device"))
        fresh = str(row.get("id")) not in counted
        if "loser_device" in row and row.get("status") == "terbuka" and involved and fresh:
            counted.add(str(row["id"]))
            found += 1
    return found


def _rows_from(peer: SyncPeer, sync_table: SyncTable, column: str, values: list) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(values), 500):
        answer = peer.rows(
            {
                "table": sync_table.name,
                "column": column,
                "values": [str(v) for v in values[start : start + 500]],
            }
        )
        rows.extend(from_json_values(sync_table.table, v) for v in answer.get("rows") or [])
    return rows


def _fetch_missing_parents(
    lc: Connection, peer: SyncPeer, sync_table: SyncTable, rows: list[Row]
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
        missing = wanted - _held_ids(lc, parent.table, wanted)
        if not missing:
            continue
        parents = _rows_from(peer, parent, "id", list(missing))
        _fetch_missing_parents(lc, peer, parent, parents)
        with applying(lc):
            upsert_rows(lc, parent.table, parents)
        record_changes(lc, parent.name, [row["id"] for row in parents], ORIGIN_SERVER)


def _held_ids(lc: Connection, table: Table, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``ids`` this laptop holds (ids only: a pulled page names many parents)."""
    wanted, held = list(ids), set[uuid.UUID]()
    for start in range(0, len(wanted), 500):
        query = select(table.c.id).where(table.c.id.in_(wanted[start : start + 500]))
        held.update(lc.scalars(query))
    return held


def _refresh_devices(local: Engine, peer: SyncPeer) -> None:
    """The district's enrolled devices and their public keys, to verify signed sync files
    (a revoked device's files are refused from the next sync on)."""
    listed = peer.devices().get("devices") or []
    with local.begin() as lc:
        for item in listed:
            device_id = uuid.UUID(str(item["id"]))
            revoked = item.get("revoked_at")
            values = {
                "name": str(item.get("name") or "")[:120],
                "public_key": item.get("public_key"),
                "revoked_at": None if revoked is None else datetime.fromisoformat(str(revoked)),
            }
            known = lc.execute(
                select(devices_table.c.id).where(devices_table.c.id == device_id)
            ).first()
            if known:
                lc.execute(
                    devices_table.update().where(devices_table.c.id == device_id).values(values)
                )
            else:
                lc.execute(
                    devices_table.insert().values(
                        id=device_id, scope={}, created_at=utcnow(), **values
                    )
                )
