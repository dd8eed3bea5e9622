"""The district server's side of sync: one pushed batch checked and merged, one pulled page.

Called by the HTTPS endpoints of ``asuh server`` (:mod:`desktop_app.server.app`) with the
enrolled device that signed the request, inside one transaction of the server's database, and
in-process by :class:`desktop_app.sync.peer.LocalPeer` (tests and benchmarks run the very same
code without TLS). Everything a laptop sends is untrusted:

- each row is parsed and checked on its own (:mod:`desktop_app.sync.row_checks`: table allowed
  for the device, row inside its scope, every field through the domain rules); a bad row is
  refused with a message that names it, recorded in ``sync_refusals`` for the status page, and
  never holds back the other rows;
- times come from the server's clock: ``updated_at`` is the moment the server applied the row,
  a ``created_at`` in the future is clamped to it; ``device_id`` is the device that signed;
- rows are merged per field (:mod:`desktop_app.sync.fields`), conflicts recorded with both
  values, decided by the order the server received them;
- the audit entry is the server's own, written from what it applied (which device, which user,
  which rows and fields), never copied from a laptop.

Pushes are serialised by a transaction-scoped advisory lock, so sequence numbers become visible
in order and a puller never skips one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, text

from desktop_app.core.i18n import _
from desktop_app.db.audit_chain import append_rows
from desktop_app.db.base import utcnow
from desktop_app.db.models import Device, SyncRefusal
from desktop_app.db.models.sync import ORIGIN_SERVER
from desktop_app.sync.apply import conflicts_table
from desktop_app.sync.change_log import changes, record_changes
from desktop_app.sync.decide import field_conflict_record
from desktop_app.sync.fields import (
    data_columns,
    merge_row,
    received_base,
    received_fields,
    split_entries,
)
from desktop_app.sync.natural_key import settle_key_clashes
from desktop_app.sync.row_checks import Refusal, check_rows, parse_rows, table_refusals
from desktop_app.sync.rows import (
    Row,
    fetch_rows,
    insert_missing_rows,
    to_json_values,
    upsert_rows,
)
from desktop_app.sync.tables import BY_NAME, SyncScope, SyncTable, scope_condition

PUSH_LOCK_KEY = 0x41535548  # "ASUH": one pusher at a time on the district server
#: ``detected_by`` of a conflict the server settles while merging a push.
SERVER_DETECTOR = "server"
#: Rows per pushed or pulled batch a server accepts (the laptop sends fewer).
MAX_BATCH_ROWS = 5000

refusals_table = SyncRefusal.__table__


@dataclass(frozen=True)
class Sender:
    """The enrolled device behind a request and the user who ran the sync on it."""

    device_id: str
    name: str
    scopes: tuple[SyncScope, ...]  # empty: the whole district
    user: str = ""

    @classmethod
    def from_device_scope(
        cls, device_id: str, name: str, scope: dict[str, Any], user: str = ""
    ) -> Sender:
        """A device's stored scope (``{"district": true}``, ``{"kecamatan": [ids]}`` or
        ``{"posyandu": [ids]}``) as the sync scopes it unions."""
        scopes = tuple(
            SyncScope(kecamatan_id=uuid.UUID(value)) for value in scope.get("kecamatan") or ()
        ) + tuple(SyncScope(posyandu_id=uuid.UUID(value)) for value in scope.get("posyandu") or ())
        return cls(device_id=device_id, name=name, scopes=scopes, user=user[:60])


class BatchRefused(ValueError):
    """A request that is not a batch this server can read (unknown table, too many rows)."""


def _sync_table(name: str, *, pushing: bool) -> SyncTable:
    sync_table = BY_NAME.get(name)
    if sync_table is None or (pushing and sync_table.push_only):
        raise BatchRefused(_("Tabel tidak dikenal server: {name}").format(name=name))
    return sync_table


# -- push -------------------------------------------------------------------------------------
def push_batch(conn: Connection, sender: Sender, payload: dict[str, Any]) -> dict[str, Any]:
    """Merge one pushed batch ``{"table", "seen_upto", "entries": [{"row", "fields", "base"}]}``
    and answer ``{"applied", "conflicts", "refused": [{"id", "message"}], "caught_up_to",
    "stamped"}``."""
    name = str(payload.get("table"))
    if not isinstance(payload.get("entries"), list) or len(payload["entries"]) > MAX_BATCH_ROWS:
        raise BatchRefused(_("Kiriman tidak dapat dibaca server"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PUSH_LOCK_KEY})
    now = utcnow()
    entries, values = split_entries(payload["entries"])
    whole_table = table_refusals(name, values, sender.scopes[0] if sender.scopes else SyncScope())
    if whole_table is not None:
        _record_refusals(conn, sender, whole_table, now)
        return _answer(0, [], whole_table, caught_up_to=None, stamped=[], sender=sender, now=now)
    sync_table = BY_NAME[name]
    rows, refused = parse_rows(sync_table.table, values)
    refused += _check_in_scopes(conn, sync_table, rows, sender)
    refused_ids = {refusal.row_id for refusal in refused}
    sent_created = {row["id"]: row.get("created_at") for row in rows}
    rows = [_server_stamped(row, sender, now) for row in rows if row["id"] not in refused_ids]
    clamped = [row["id"] for row in rows if row.get("created_at") != sent_created[row["id"]]]
    by_id = {str(value.get("id")): entry for value, entry in zip(values, entries, strict=True)}

    seen_upto = int(payload.get("seen_upto") or 0)
    others_changed = _changed_after(conn, name, seen_upto)
    to_write, conflicts, changed_fields = _merge_rows(conn, sync_table, rows, by_id)
    to_write, clashes = settle_key_clashes(conn, sync_table, to_write, detected_by=SERVER_DETECTOR)
    conflicts.extend(clashes)
    upsert_rows(conn, sync_table.table, to_write)
    record_changes(conn, name, [row["id"] for row in to_write], ORIGIN_SERVER)
    known = fetch_rows(conn, conflicts_table, [c["id"] for c in conflicts])
    conflicts = [c for c in conflicts if c["id"] not in known]
    insert_missing_rows(conn, conflicts_table, conflicts)
    record_changes(conn, conflicts_table.name, [c["id"] for c in conflicts], ORIGIN_SERVER)
    _record_refusals(conn, sender, refused, now)
    _audit_push(conn, sender, name, to_write, changed_fields, refused, now, clamped=clamped)
    caught_up_to = None if others_changed else _latest_seq(conn, name)
    return _answer(
        len(to_write), conflicts, refused, caught_up_to=caught_up_to,
        stamped=to_write, sender=sender, now=now,
    )  # fmt: skip


def _merge_rows(
    conn: Connection, sync_table: SyncTable, rows: list[Row], entries: dict[str, dict]
) -> tuple[list[Row], list[Row], dict[uuid.UUID, list[str]]]:
    """The field merge of each accepted row against the server's version: rows to write,
    conflicts to record, and per written row the fields that changed (for the audit)."""
    table = sync_table.table
    current = fetch_rows(conn, table, [row["id"] for row in rows])
    columns = data_columns(table)
    to_write: list[Row] = []
    conflicts: list[Row] = []
    changed_fields: dict[uuid.UUID, list[str]] = {}
    for row in rows:
        entry = entries.get(str(row["id"]), {})
        existing = current.get(row["id"])
        merged = merge_row(
            existing,
            row,
            changed=received_fields(entry.get("fields")),
            base=received_base(table, entry.get("base")),
            columns=columns,
        )
        if merged.conflicts and existing is not None:
            conflicts.append(
                field_conflict_record(
                    table.name, existing, row, merged, detected_by=SERVER_DETECTOR
                )
            )
        if merged.row is not None:
            to_write.append(merged.row)
            changed_fields[row["id"]] = [
                column
                for column in columns
                if existing is None or merged.row.get(column) != existing.get(column)
            ]
    return to_write, conflicts, changed_fields


def _answer(
    applied: int,
    conflicts: list[Row],
    refused: list[Refusal],
    *,
    caught_up_to: int | None,
    stamped: list[Row],
    sender: Sender,
    now: datetime,
) -> dict[str, Any]:
    return {
        "applied": applied,
        "conflicts": len(conflicts),
        "conflict_ids": [str(c["id"]) for c in conflicts],
        "refused": [
            {"id": str(r.row_id) if r.row_id else None, "message": r.message} for r in refused
        ],
        "caught_up_to": caught_up_to,
        # The server's stamp on the rows it wrote, so the pusher's copies match them exactly.
        "stamped": {
            "at": now.isoformat(),
            "device_id": sender.device_id,
            "ids": [str(row["id"]) for row in stamped],
        },
    }


def _check_in_scopes(
    conn: Connection, sync_table: SyncTable, rows: list[Row], sender: Sender
) -> list[Refusal]:
    """Refusals under the device's scope; a device with several areas may send a row any one
    of them admits."""
    today = utcnow().date()
    if not sender.scopes:
        return check_rows(conn, sync_table, rows, scope=SyncScope(), today=today)
    verdicts = [check_rows(conn, sync_table, rows, scope=s, today=today) for s in sender.scopes]
    refused_everywhere = set.intersection(*({r.row_id for r in v} for v in verdicts))
    return [r for r in verdicts[0] if r.row_id in refused_everywhere]


def _server_stamped(row: Row, sender: Sender, now: datetime) -> Row:
    """The server's clock and the signing device, whatever the laptop wrote."""
    stamped = dict(row, updated_at=now, device_id=sender.device_id)
    created = stamped.get("created_at")
    if created is None or created > now:
        stamped["created_at"] = now
    return stamped


def _changed_after(conn: Connection, table_name: str, seen_upto: int) -> bool:
    """Whether anyone changed the table after the pusher's cursor. If not, after the push the
    pusher holds every row of it up to the latest seq and need not pull them back."""
    newer = select(changes.c.seq).where(
        changes.c.table_name == table_name, changes.c.seq > seen_upto
    )
    return conn.execute(newer.limit(1)).first() is not None


def _latest_seq(conn: Connection, table_name: str) -> int | None:
    latest = select(func.max(changes.c.seq)).where(changes.c.table_name == table_name)
    return conn.execute(latest).scalar()


def _record_refusals(
    conn: Connection, sender: Sender, refused: list[Refusal], now: datetime
) -> None:
    if refused:
        conn.execute(
            refusals_table.insert(),
            [
                {
                    "id": uuid.uuid4(),
                    "device_id": sender.device_id,
                    "table_name": r.table_name,
                    "row_id": r.row_id,
                    "message": r.message,
                    "created_at": now,
                }
                for r in refused
            ],
        )


def _audit_push(
    conn: Connection,
    sender: Sender,
    table_name: str,
    written: list[Row],
    changed_fields: dict[uuid.UUID, list[str]],
    refused: list[Refusal],
    now: datetime,
    *,
    clamped: list[uuid.UUID],
) -> None:
    """The server's own audit entry for a batch: who sent what, which fields it changed, and
    which rows came dated in the future (their creation time set to the server's clock)."""
    if not written and not refused:
        return
    summary = _("{n} baris diterima dari perangkat {device}").format(
        n=len(written), device=sender.name
    )
    if refused:
        summary += _("; {n} ditolak").format(n=len(refused))
    if clamped:
        summary += _("; {n} bertanggal masa depan, waktu dibuat diganti jam server").format(
            n=len(clamped)
        )
    append_rows(
        conn,
        [
            {
                "at": now,
                "username": sender.user or None,
                "device_id": sender.device_id,
                "action": "sync",
                "entity": table_name,
                "entity_id": str(written[0]["id"]) if len(written) == 1 else None,
                "summary": summary,
                "changes": {
                    "rows": [None, " ".join(str(row["id"]) for row in written)],
                    "fields": [
                        None,
                        "; ".join(
                            f"{row_id}: {','.join(names)}"
                            for row_id, names in changed_fields.items()
                            if names
                        ),
                    ],
                    "refused": [None, " ".join(str(r.row_id) for r in refused)],
                    "clamped": [None, " ".join(str(row_id) for row_id in clamped)],
                },
            }
        ],
    )


# -- pull -------------------------------------------------------------------------------------
def _scope_filter(sync_table: SyncTable, sender: Sender) -> ColumnElement[bool] | None:
    if not sender.scopes:
        return None
    conditions = [scope_condition(sync_table, scope) for scope in sender.scopes]
    if any(condition is None for condition in conditions):
        return None
    return or_(*[c for c in conditions if c is not None])


def pull_page(conn: Connection, sender: Sender, payload: dict[str, Any]) -> dict[str, Any]:
    """``{"table", "after", "limit"}`` -> ``{"rows": [...], "seqs": [...]}``: the rows of the
    table changed after ``after`` that the device's scope admits, oldest first."""
    sync_table = _sync_table(str(payload.get("table")), pushing=False)
    if sync_table.push_only:
        return {"rows": [], "seqs": []}
    after = int(payload.get("after") or 0)
    limit = max(1, min(int(payload.get("limit") or MAX_BATCH_ROWS), MAX_BATCH_ROWS))
    query = _pull_query(sync_table, sender, after).limit(limit)
    rows, seqs = [], []
    for row in conn.execute(query).mappings():
        values = dict(row)
        seqs.append(values.pop("_seq"))
        rows.append(to_json_values(sync_table.table, values))
    return {"rows": rows, "seqs": seqs}


def count_pull(conn: Connection, sender: Sender, payload: dict[str, Any]) -> dict[str, Any]:
    """``{"cursors": {table: seq}}`` -> ``{"count": n}``: rows a pull would bring."""
    cursors = payload.get("cursors") or {}
    total = 0
    for name, after in dict(cursors).items():
        sync_table = BY_NAME.get(str(name))
        if sync_table is None or sync_table.push_only:
            continue
        query = _pull_query(sync_table, sender, int(after or 0))
        total += conn.execute(
            select(func.count()).select_from(query.with_only_columns(changes.c.seq).subquery())
        ).scalar_one()
    return {"count": total}


def _pull_query(sync_table: SyncTable, sender: Sender, after_seq: int):
    table = sync_table.table
    query = (
        select(table, changes.c.seq.label("_seq"))
        .join(changes, and_(changes.c.table_name == table.name, changes.c.row_id == table.c.id))
        .where(changes.c.seq > after_seq)
        .order_by(changes.c.seq)
    )
    condition = _scope_filter(sync_table, sender)
    return query if condition is None else query.where(condition)


def rows_by(conn: Connection, sender: Sender, payload: dict[str, Any]) -> dict[str, Any]:
    """``{"table", "column", "values"}`` -> ``{"rows": [...]}``: rows whose ``column`` (the id,
    or a child's id) is among ``values``, within the device's scope. A laptop asks for parents
    it lacks and for the history of a child new to it."""
    sync_table = _sync_table(str(payload.get("table")), pushing=False)
    column_name = str(payload.get("column") or "id")
    if column_name not in ("id", sync_table.child_column):
        raise BatchRefused(_("Kolom tidak dikenal server: {name}").format(name=column_name))
    raw = payload.get("values") or []
    if not isinstance(raw, list) or len(raw) > MAX_BATCH_ROWS:
        raise BatchRefused(_("Kiriman tidak dapat dibaca server"))
    try:
        values = [uuid.UUID(str(value)) for value in raw]
    except ValueError:
        raise BatchRefused(_("Kiriman tidak dapat dibaca server")) from None
    table = sync_table.table
    condition = _scope_filter(sync_table, sender)
    found: list[dict[str, Any]] = []
    for start in range(0, len(values), 500):
        query = select(table).where(table.c[column_name].in_(values[start : start + 500]))
        if condition is not None:
            query = query.where(condition)
        found.extend(to_json_values(table, dict(row)) for row in conn.execute(query).mappings())
    return {"rows": found}


def known_devices(conn: Connection) -> dict[str, Any]:
    """Every enrolled device's public key and state, for laptops to verify signed sync files."""
    table = Device.__table__
    query = select(table.c.id, table.c.name, table.c.public_key, table.c.revoked_at).where(
        table.c.public_key.is_not(None)
    )
    return {
        "devices": [
            {
                "id": str(row.id),
                "name": row.name,
                "public_key": row.public_key,
                "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
            }
            for row in conn.execute(query)
        ]
    }
