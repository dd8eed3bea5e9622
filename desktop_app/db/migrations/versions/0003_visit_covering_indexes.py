"""visits: covering indexes for the month figures and follow-up lists at province scale

Replaces ``ix_visits_child_date`` (child_id, visit_date) and ``ix_visits_visit_date``
(visit_date) by indexes with the same leading columns that also carry what Beranda's month
figures and the follow-up lists read, so that those never look a visit row up (see the
``Visit`` model). Building them takes a few seconds on a million visits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHILD_FACTS = ["child_id", "visit_date", "deleted_at", "guardian_id", "zlen", "zwei", "weight_kg"]
MONTH_FACTS = ["visit_date", "deleted_at", "child_id", "guardian_id", "zlen", "created_at"]


def upgrade() -> None:
    op.create_index("ix_visits_child_facts", "visits", CHILD_FACTS, unique=False)
    op.create_index("ix_visits_month_facts", "visits", MONTH_FACTS, unique=False)
    op.drop_index("ix_visits_child_date", table_name="visits")
    op.drop_index("ix_visits_visit_date", table_name="visits")


def downgrade() -> None:
    op.create_index("ix_visits_visit_date", "visits", ["visit_date"], unique=False)
    op.create_index("ix_visits_child_date", "visits", ["child_id", "visit_date"], unique=False)
    op.drop_index("ix_visits_month_facts", table_name="visits")
    op.drop_index("ix_visits_child_facts", table_name="visits")
