"""month_closures: the frozen figures of closed months (Tutup bulan), synced like other rows

Adds the table and, on SQLite, the change-log triggers every synced table has (migration 0002),
so a closure made on one laptop travels to the server and the other laptops.

Revision ID: 0004_monthclose
Revises: 0004_entry
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_monthclose"
down_revision: str | None = "0004_entry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GUARD = "WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"
_RECORD = (
    "INSERT OR REPLACE INTO sync_changes (table_name, row_id, seq, origin) "
    "VALUES ('month_closures', NEW.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_changes), 'L');"
)


def upgrade() -> None:
    op.create_table(
        "month_closures",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("closed_by", sa.String(length=60), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_month_closures")),
        sa.UniqueConstraint("month", name=op.f("uq_month_closures_month")),
    )
    with op.batch_alter_table("month_closures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_month_closures_updated_at"), ["updated_at"], unique=False
        )
    if op.get_bind().dialect.name == "sqlite":
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER sync_month_closures_{event.lower()} AFTER {event} "
                f"ON month_closures {_GUARD} BEGIN {_RECORD} END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_month_closures_{event}")
    with op.batch_alter_table("month_closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_month_closures_updated_at"))
    op.drop_table("month_closures")
