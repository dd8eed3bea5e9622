"""children: legal basis for health data other than consent (UU PDP), with its note

Revision ID: 0004_legal_basis
Revises: 0004_audit_chain
Create Date: 2026-12-05 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_legal_basis"
down_revision: str | None = "0004_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("children", sa.Column("legal_basis", sa.String(length=20), nullable=True))
    op.add_column("children", sa.Column("legal_basis_note", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("children") as batch_op:
        batch_op.drop_column("legal_basis_note")
        batch_op.drop_column("legal_basis")
