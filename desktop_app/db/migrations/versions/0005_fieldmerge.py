"""field-level sync: which fields a local edit changed and their values before it; refusals

Revision ID: 0005_fieldmerge
Revises: 0004_server
Create Date: 2026-12-05 06:00:00

A laptop's UPDATE triggers now record, besides the row, *which columns* changed (``fields``,
``,name,name,`` text; NULL for a row inserted and not changed since) and the row as it was
before the first of its not-yet-sent edits (``base``, JSON of the stored values). A row new
to the receiver is inserted whole whatever its fields say. With both, the
server (and a laptop importing a sync file) merges per field, three ways: a field the sender
changed from the value the receiver still holds is applied cleanly; a field both changed is a
conflict kept on record, never a silent loss. ``sync_refusals`` lists rows the server refused
(on the server: per device, for the status page; on a laptop: the "Ditolak server" list);
``server_nonces`` the signed requests the server served (its replay guard, kept across restarts).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_fieldmerge"
down_revision: str | None = "0004_server"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables whose local UPDATEs the triggers record (frozen here, as in 0002 and 0004_monthclose).
UPDATE_TRACKED = (
    "kecamatan",
    "desa",
    "posyandu",
    "opd",
    "guardians",
    "programmes",
    "kbm_thresholds",
    "children",
    "assignments",
    "visits",
    "aid_payments",
    "sync_conflicts",
    "month_closures",
)
#: Not user data: their difference alone is not a change worth merging (sync.tables keeps the
#: same list for the app).
_BOOKKEEPING = ("id", "device_id", "updated_at", "created_at", "search_text")
_GUARD = "WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"
_PENDING = "sync_changes.origin IN ('L', 'F', 'R')"


def _update_trigger(table: str, columns: list[str]) -> str:
    data = [c for c in columns if c not in _BOOKKEEPING]
    changed = " || ".join(
        f"CASE WHEN OLD.\"{c}\" IS NOT NEW.\"{c}\" THEN '{c},' ELSE '' END" for c in data
    )
    base = ", ".join(f"'{c}', OLD.\"{c}\"" for c in data)
    return (
        f"CREATE TRIGGER sync_{table}_update AFTER UPDATE ON {table} {_GUARD} BEGIN "
        "INSERT INTO sync_changes (table_name, row_id, seq, origin, fields, base) "
        f"VALUES ('{table}', NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_changes), 'L', "
        f"',' || {changed}, json_object({base})) "
        "ON CONFLICT (table_name, row_id) DO UPDATE SET seq = excluded.seq, origin = 'L', "
        f"fields = CASE WHEN {_PENDING} AND sync_changes.fields IS NOT NULL "
        "THEN sync_changes.fields || excluded.fields ELSE excluded.fields END, "
        f"base = CASE WHEN {_PENDING} AND sync_changes.base IS NOT NULL "
        "THEN sync_changes.base ELSE excluded.base END; "
        "END"
    )


def _old_update_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER sync_{table}_update AFTER UPDATE ON {table} {_GUARD} BEGIN "
        "INSERT OR REPLACE INTO sync_changes (table_name, row_id, seq, origin) "
        f"VALUES ('{table}', NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_changes), 'L'); "
        "END"
    )


def upgrade() -> None:
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fields", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("base", sa.Text(), nullable=True))
    op.create_table(
        "sync_refusals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_refusals")),
    )
    with op.batch_alter_table("sync_refusals", schema=None) as batch_op:
        batch_op.create_index("ix_sync_refusals_row", ["table_name", "row_id"], unique=False)
    op.create_table(
        "server_nonces",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_server_nonces")),
    )
    with op.batch_alter_table("server_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_server_nonces_seen_at"), ["seen_at"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in UPDATE_TRACKED:
            columns = [row[1] for row in bind.exec_driver_sql(f"PRAGMA table_info({table})")]
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_update")
            op.execute(_update_trigger(table, columns))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in UPDATE_TRACKED:
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_update")
            op.execute(_old_update_trigger(table))
    with op.batch_alter_table("server_nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_server_nonces_seen_at"))
    op.drop_table("server_nonces")
    with op.batch_alter_table("sync_refusals", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_refusals_row")
    op.drop_table("sync_refusals")
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.drop_column("base")
        batch_op.drop_column("fields")
