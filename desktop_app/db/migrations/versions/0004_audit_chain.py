"""audit_log: hash chain columns, chain the existing rows, triggers that make it append-only

The only UPDATE the triggers let through is the documented redaction: ``redacted_at`` set for
the first time, with every column but ``changes`` and ``summary`` unchanged (a data subject's
erasure, UU PDP). DELETE is refused.

Revision ID: 0004_audit_chain
Revises: 0003
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_audit_chain"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The chain rule as of this revision (frozen here: a migration must not follow later code; a
#: test checks it agrees with ``desktop_app.db.audit_chain``).
_CONTENT = (
    "id", "at", "user_id", "username", "device_id", "action", "entity", "entity_id", "summary",
    "changes",
)  # fmt: skip
_GENESIS = "0" * 64

#: Columns a redaction must leave as they are.
_FIXED = (
    "id", "at", "user_id", "username", "device_id", "action", "entity", "entity_id", "seq",
    "prev_hash", "content_hash", "row_hash",
)  # fmt: skip
_REFUSED_UPDATE = "audit_log hanya boleh ditambah: baris audit tidak dapat diubah"
_REFUSED_DELETE = "audit_log hanya boleh ditambah: baris audit tidak dapat dihapus"


def _canonical(row: dict[str, Any]) -> str:
    content: dict[str, Any] = {}
    for key in _CONTENT:
        value = row.get(key)
        if key == "at" and value is not None:
            if isinstance(value, str):
                value = datetime.fromisoformat(value)
            if value.tzinfo is not None:
                value = value.astimezone(timezone.utc).replace(tzinfo=None)
            value = value.isoformat(timespec="microseconds")
        elif isinstance(value, uuid.UUID):
            value = str(value)
        elif key == "changes":
            value = value or {}
        content[key] = value
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    table = sa.table(
        "audit_log",
        *(sa.column(name) for name in ("seq", "prev_hash", "content_hash", "row_hash")),
        sa.column("id", sa.Uuid()), sa.column("at", sa.DateTime()), sa.column("user_id", sa.Uuid()),
        sa.column("username"), sa.column("device_id"), sa.column("action"), sa.column("entity"),
        sa.column("entity_id"), sa.column("summary"), sa.column("changes", sa.JSON()),
    )  # fmt: skip
    rows = bind.execute(sa.select(table).order_by(table.c.at, table.c.id)).mappings().all()
    heads: dict[str | None, tuple[int, str]] = {}  # one chain per device
    updates = []
    for row in rows:
        seq, previous = heads.get(row["device_id"], (0, _GENESIS))
        seq += 1
        digest = hashlib.sha256(_canonical(dict(row)).encode("utf-8")).hexdigest()
        link = hashlib.sha256(f"{seq}|{previous}|{digest}".encode("ascii")).hexdigest()
        updates.append({"row_id": row["id"], "s": seq, "p": previous, "c": digest, "r": link})
        heads[row["device_id"]] = (seq, link)
    if updates:
        bind.execute(
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values(
                seq=sa.bindparam("s"),
                prev_hash=sa.bindparam("p"),
                content_hash=sa.bindparam("c"),
                row_hash=sa.bindparam("r"),
            ),
            updates,
        )


def _sqlite_triggers() -> None:
    unchanged = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _FIXED)
    op.execute(
        f"""
        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND {unchanged})
        BEGIN SELECT RAISE(ABORT, '{_REFUSED_UPDATE}'); END
        """
    )
    op.execute(
        f"""
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{_REFUSED_DELETE}'); END
        """
    )
    # A redaction made here is a change to push: the server's archive must forget the values too.
    op.execute(
        """
        CREATE TRIGGER sync_audit_log_update AFTER UPDATE ON audit_log
        WHEN NEW.redacted_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')
        BEGIN
            INSERT OR REPLACE INTO sync_changes (table_name, row_id, seq, origin)
            VALUES ('audit_log', NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_changes), 'L');
        END
        """
    )


def _postgresql_triggers() -> None:
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _FIXED)
    op.execute(
        f"""
        CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION '{_REFUSED_DELETE}';
            END IF;
            IF OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR {changed} THEN
                RAISE EXCEPTION '{_REFUSED_UPDATE}';
            END IF;
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
    )


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("seq", sa.BigInteger(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("content_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("row_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("redacted_at", sa.DateTime(), nullable=True))
    op.create_index("ix_audit_log_chain", "audit_log", ["device_id", "seq"], unique=False)
    _chain_existing_rows()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_triggers()
    elif dialect == "postgresql":
        _postgresql_triggers()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only_delete")
        op.execute("DROP TRIGGER IF EXISTS sync_audit_log_update")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    op.drop_index("ix_audit_log_chain", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch_op:
        for column in ("redacted_at", "row_hash", "content_hash", "prev_hash", "seq"):
            batch_op.drop_column(column)
