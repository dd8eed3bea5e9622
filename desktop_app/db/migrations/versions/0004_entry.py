"""visits: checks_confirmed, the warnings a user confirmed when saving a visit

A visit checked against the child's history (same day, shorter than before, implausible weight
change; :mod:`desktop_app.visits.checks`) is saved only after the user confirms; the confirmed
warnings are kept on the visit as a JSON list of ``{"check": code, "message": text}``. NULL for
visits saved before this revision and for visits nothing was asked about.

Revision ID: 0004_entry
Revises: 0004_legal_basis
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_entry"
down_revision: str | None = "0004_legal_basis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.add_column(sa.Column("checks_confirmed", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("checks_confirmed")
