"""The audit log's hash chain: each row carries the hash of the row before it.

Why: triggers stop the app and a careless SQL statement from changing or deleting audit rows,
but whoever holds the file (and its key) can drop a trigger. The chain makes that visible: a row
whose content no longer matches its ``content_hash``, a ``row_hash`` that does not follow from the
previous row, or a gap in ``seq`` is found by :func:`verify_chain`, which names the first broken
row. Without a secret key an attacker could in principle recompute every later hash; the chain
head is therefore also copied into each backup's audit entry and the sync archive on the server,
where an old copy contradicts a rewritten history.

There is one chain per device (``device_id``): a laptop's own rows form its chain, and audit rows
it received from other laptops (sync files relay them towards the server) keep the chain of the
laptop that wrote them. The own chain is checked strictly; a received chain may have gaps (a
file that never arrived), so there only the rows present must link up.

``content_hash`` = SHA-256 of the row's canonical JSON (what it says), ``row_hash`` = SHA-256 of
``seq | prev_hash | content_hash``. A redaction (a data subject's erasure, UU PDP) may blank the
content once and stamp ``redacted_at``; the chain keeps its ``content_hash`` and verification
then checks the links only and counts the row as redacted.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from desktop_app.db.models import AuditEntry

GENESIS = "0" * 64
#: Columns a chained row's content is made of (everything a reader of the trail sees).
CONTENT_COLUMNS = (
    "id", "at", "user_id", "username", "device_id", "action", "entity", "entity_id", "summary",
    "changes",
)  # fmt: skip
_BATCH = 2000


def _canonical_time(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _canonical_value(key: str, value: Any) -> Any:
    if key == "at":
        return _canonical_time(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if key == "changes":
        return value or {}
    return value


def content_hash(row: Mapping[str, Any]) -> str:
    """SHA-256 of what the row says (stable across SQLite and PostgreSQL round trips)."""
    content = {key: _canonical_value(key, row.get(key)) for key in CONTENT_COLUMNS}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_hash(seq: int, prev_hash: str, content: str) -> str:
    return hashlib.sha256(f"{seq}|{prev_hash}|{content}".encode("ascii")).hexdigest()


def _same_device(column: Any, device_id: str | None) -> Any:
    return column.is_(None) if device_id is None else column == device_id


def chain_head(connection: Connection, device_id: str | None) -> tuple[int, str]:
    """``(seq, row_hash)`` of the last row of ``device_id``'s chain, or ``(0, GENESIS)``."""
    table = AuditEntry.__table__
    row = connection.execute(
        select(table.c.seq, table.c.row_hash)
        .where(table.c.seq.is_not(None), _same_device(table.c.device_id, device_id))
        .order_by(table.c.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return 0, GENESIS
    return int(row.seq), str(row.row_hash)


def seal(values: dict[str, Any], seq: int, prev_hash: str) -> str:
    """Fill the chain columns of ``values`` (a new row) as number ``seq`` after ``prev_hash``;
    returns its ``row_hash`` for the next one."""
    digest = content_hash(values)
    values["seq"] = seq
    values["prev_hash"] = prev_hash
    values["content_hash"] = digest
    values["row_hash"] = link_hash(seq, prev_hash, digest)
    return values["row_hash"]


def seal_entries(connection: Connection, entries: Iterable[AuditEntry]) -> None:
    """Chain new ORM entries after the head of their device's chain, in the order given."""
    heads: dict[str | None, tuple[int, str]] = {}
    for entry in entries:
        device = entry.device_id
        seq, previous = heads.get(device) or chain_head(connection, device)
        values = {key: getattr(entry, key) for key in CONTENT_COLUMNS}
        previous = seal(values, seq + 1, previous)
        entry.seq = seq + 1
        entry.prev_hash = values["prev_hash"]
        entry.content_hash = values["content_hash"]
        entry.row_hash = previous
        heads[device] = (seq + 1, previous)


def append_rows(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert audit rows through SQLAlchemy Core, chained (for bulk paths such as sync apply
    that bypass the ORM hook). Each dict needs the content columns but ``id``."""
    if not rows:
        return
    heads: dict[str | None, tuple[int, str]] = {}
    for row in rows:
        row.setdefault("id", uuid.uuid4())
        row.setdefault("changes", {})
        device = row.get("device_id")
        seq, previous = heads.get(device) or chain_head(connection, device)
        heads[device] = (seq + 1, seal(row, seq + 1, previous))
    connection.execute(AuditEntry.__table__.insert(), rows)


@dataclass(frozen=True)
class ChainReport:
    """What the verification found. ``broken_seq`` is None when the chain is intact."""

    rows: int
    redacted: int
    unchained: int
    broken_seq: int | None = None
    broken_at: datetime | None = None
    broken_summary: str | None = None
    reason: str | None = None  # "content" | "link" | "gap"

    @property
    def intact(self) -> bool:
        """No broken link and no row outside the chain (every row the app writes is chained,
        and the migration chained the older ones: an unchained row was written behind its back)."""
        return self.broken_seq is None and self.unchained == 0


def verify_chain(connection: Connection, own_device: str | None = None) -> ChainReport:
    """Walk every device's chain in ``seq`` order (in batches: a district log has millions of
    rows) and stop at the first row that does not follow from the one before it. The chain of
    ``own_device`` (this laptop) must be complete; received chains may skip missing rows."""
    table = AuditEntry.__table__
    unchained_count = int(
        connection.scalar(select(func.count()).select_from(table).where(table.c.seq.is_(None))) or 0
    )
    devices = list(
        connection.scalars(select(table.c.device_id).where(table.c.seq.is_not(None)).distinct())
    )
    rows = redacted = 0
    for device in sorted(devices, key=lambda d: (d != own_device, d or "")):
        strict = device == own_device or own_device is None
        checked = _verify_device(connection, device, strict=strict)
        if isinstance(checked, ChainReport):
            return ChainReport(
                rows + checked.rows, redacted + checked.redacted, unchained_count,
                checked.broken_seq, checked.broken_at, checked.broken_summary, checked.reason,
            )  # fmt: skip
        rows += checked[0]
        redacted += checked[1]
    return ChainReport(rows, redacted, unchained_count)


def _verify_device(
    connection: Connection, device: str | None, *, strict: bool
) -> ChainReport | tuple[int, int]:
    table = AuditEntry.__table__
    expected_seq, previous = 1, GENESIS
    rows = redacted = 0
    last_seq = 0
    while True:
        batch = (
            connection.execute(
                select(table)
                .where(_same_device(table.c.device_id, device), table.c.seq > last_seq)
                .order_by(table.c.seq)
                .limit(_BATCH)
            )
            .mappings()
            .all()
        )
        if not batch:
            return rows, redacted
        for row in batch:
            seq = int(row["seq"])
            if seq > expected_seq and not strict:  # rows of another laptop that never came
                expected_seq, previous = seq, str(row["prev_hash"])
            reason = None
            if seq != expected_seq:
                reason = "gap"
            elif row["prev_hash"] != previous:
                reason = "link"
            elif row["redacted_at"] is None and content_hash(dict(row)) != row["content_hash"]:
                reason = "content"
            elif link_hash(seq, previous, str(row["content_hash"])) != row["row_hash"]:
                reason = "link"
            if reason is not None:
                return ChainReport(rows, redacted, 0, seq, row["at"], row["summary"], reason)
            rows += 1
            redacted += row["redacted_at"] is not None
            previous = str(row["row_hash"])
            expected_seq += 1
            last_seq = seq
