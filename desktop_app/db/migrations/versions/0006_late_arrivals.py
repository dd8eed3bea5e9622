"""late_arrivals: closed months' records that reached this laptop by sync after the closure

An edit made offline before a month was closed and synced afterwards keeps its older
``updated_at``; the "Koreksi setelah tutup bulan" list also reads when the version arrived
here (``desktop_app.reports.late_arrivals``). Local only, never synced.

Revision ID: 0006_late_arrivals
Revises: 0005_month_facts_index
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_late_arrivals"
down_revision: str | None = "0005_month_facts_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "late_arrivals",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("was_new", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )


def downgrade() -> None:
    op.drop_table("late_arrivals")
