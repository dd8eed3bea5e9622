"""children.search_text: keyed tokens instead of full NIK / No. KK

Adds the database's random search key (setting ``search_key``) and rewrites every child's search
text as name, mother's name and HMAC tokens of the identifiers (see
``desktop_app.core.identifier_search``; the rule is repeated here so that this migration keeps
doing what it did when the app's code changes). No column changes.

Revision ID: 0004_access
Revises: 0004_monthclose
Create Date: 2026-12-05 03:15:00
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_access"
down_revision: str | None = "0004_monthclose"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SETTINGS = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.JSON))
_CHILDREN = sa.table(
    "children",
    sa.column("id"),
    sa.column("name", sa.String),
    sa.column("mother_name", sa.String),
    sa.column("nik", sa.String),
    sa.column("no_kk", sa.String),
    sa.column("search_text", sa.String),
)
_FULL_NUMBER = re.compile(r"^\d{16}$")
_BATCH = 5_000


def _token(digits: str, key: bytes) -> str:
    return "#" + hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()[:20]


def _text(row, key: bytes | None) -> str:
    parts = [row.name, row.mother_name]
    if key is not None:
        parts += [_token(n, key) for n in (row.nik, row.no_kk) if n and _FULL_NUMBER.match(n)]
    else:
        parts = [row.name, row.nik, row.no_kk, row.mother_name]
    return " ".join(p for p in parts if p).lower()


def _rewrite(key: bytes | None) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_CHILDREN.c.id, _CHILDREN.c.name, _CHILDREN.c.mother_name,
                  _CHILDREN.c.nik, _CHILDREN.c.no_kk)  # fmt: skip
    ).all()
    update = (
        _CHILDREN.update()
        .where(_CHILDREN.c.id == sa.bindparam("row_id"))
        .values(search_text=sa.bindparam("text"))
    )
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        bind.execute(update, [{"row_id": r.id, "text": _text(r, key)} for r in batch])


def upgrade() -> None:
    bind = op.get_bind()
    stored = bind.execute(
        sa.select(_SETTINGS.c.value).where(_SETTINGS.c.key == "search_key")
    ).scalar_one_or_none()
    if stored is None:
        hex_key = secrets.token_hex(32)
        bind.execute(_SETTINGS.insert().values(key="search_key", value=hex_key))
    else:
        hex_key = str(stored)
    _rewrite(bytes.fromhex(hex_key))


def downgrade() -> None:
    _rewrite(None)  # the old full-number search text
    op.get_bind().execute(_SETTINGS.delete().where(_SETTINGS.c.key == "search_key"))
