"""visits: the month figures' covering index also carries what makes a visit a measurement

``ix_visits_month_facts`` (by date) gains ``weight_kg``, ``lenhei_cm`` and ``flen``: the one
stunting definition (``reports/figures.py``: a registered child's latest measurement of the
month, its HAZ unless WHO flags it) reads them for every visit of a month, and Beranda counts
it for six months. Without them each visit was looked up in the table (0.8 s per month at
50,000 children instead of 0.06 s). Rebuilding the index takes a few seconds on a million
visits.

Revision ID: 0005_month_facts_index
Revises: 0005_fieldmerge
Create Date: 2026-12-05 06:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_month_facts_index"
down_revision: str | None = "0005_fieldmerge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ["visit_date", "deleted_at", "child_id", "guardian_id", "zlen", "created_at"]
AFTER = [*BEFORE, "weight_kg", "lenhei_cm", "flen"]


def upgrade() -> None:
    op.drop_index("ix_visits_month_facts", table_name="visits")
    op.create_index("ix_visits_month_facts", "visits", AFTER, unique=False)


def downgrade() -> None:
    op.drop_index("ix_visits_month_facts", table_name="visits")
    op.create_index("ix_visits_month_facts", "visits", BEFORE, unique=False)
