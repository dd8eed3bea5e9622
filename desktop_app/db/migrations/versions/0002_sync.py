"""sync: change log, sync cursors, conflict log; SQLite triggers that record local edits

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables whose local edits the triggers record (frozen here: a migration must not follow the
#: app's later lists). ``audit_log`` is append-only and only ever pushed.
TRACKED_TABLES = (
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
    "audit_log",
)


def upgrade() -> None:
    op.create_table(
        "sync_changes",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("origin", sa.String(length=1), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_changes")),
        sa.UniqueConstraint("seq", name=op.f("uq_sync_changes_seq")),
    )
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.create_index("ix_sync_changes_table_seq", ["table_name", "seq"], unique=False)

    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("winner_device", sa.String(length=36), nullable=True),
        sa.Column("loser_device", sa.String(length=36), nullable=True),
        sa.Column("winner_updated_at", sa.DateTime(), nullable=True),
        sa.Column("loser_updated_at", sa.DateTime(), nullable=True),
        sa.Column("winner_values", sa.JSON(), nullable=False),
        sa.Column("loser_values", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_row_id"), ["row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflicts_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sync_conflicts_updated_at"), ["updated_at"], unique=False
        )

    if op.get_bind().dialect.name == "sqlite":
        _create_sqlite_triggers()
        _record_existing_rows()


def _record_statement(table: str) -> str:
    return (
        "INSERT OR REPLACE INTO sync_changes (table_name, row_id, seq, origin) "
        f"VALUES ('{table}', NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_changes), 'L');"
    )


def _create_sqlite_triggers() -> None:
    # The guard row ``sync_state.applying`` is present only while sync applies received rows
    # (inside its own transaction), so those are not mistaken for local edits.
    guard = "WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"
    for table in TRACKED_TABLES:
        events = ("INSERT",) if table == "audit_log" else ("INSERT", "UPDATE")
        for event in events:
            op.execute(
                f"CREATE TRIGGER sync_{table}_{event.lower()} AFTER {event} ON {table} "
                f"{guard} BEGIN {_record_statement(table)} END"
            )


def _record_existing_rows() -> None:
    """An upgraded laptop's existing rows were never pushed: record them as local changes."""
    for table in TRACKED_TABLES:
        # The KBM rows seeded by 0001 are identical on every laptop and the server: not news.
        unseeded = " WHERE updated_at <> '2026-01-01 00:00:00.000000'" if table == "kbm_thresholds" else ""
        op.execute(
            "INSERT OR IGNORE INTO sync_changes (table_name, row_id, seq, origin) "
            f"SELECT '{table}', id, (SELECT coalesce(max(seq), 0) FROM sync_changes) "
            f"+ row_number() OVER (ORDER BY id), 'L' FROM {table}{unseeded}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TRACKED_TABLES:
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{event}")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_updated_at"))
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_status"))
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_row_id"))
    op.drop_table("sync_conflicts")
    op.drop_table("sync_state")
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_changes_table_seq")
    op.drop_table("sync_changes")
