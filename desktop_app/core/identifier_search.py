"""Search by NIK / No. KK without keeping them readable in the search text (UU 27/2022).

``children.search_text`` (what the child list, pickers and report choices search) holds the
lower-case name and mother's name, and for each identifier only a keyed token: the first 20 hex
digits of HMAC-SHA256 over the 16 digits, under a random key of this database (setting
``search_key``, made by migration 0004). Typing a full NIK or No. KK turns that word into the
same token before matching (:func:`searchable`), so the search still finds the child inside the
database, while the column (and anything that copies it) no longer shows the numbers. Typing
part of a number finds nothing by design: a part is what the masked display shows.

Rows arriving by sync carry the sending laptop's tokens; a laptop rewrites them under its own
key where it applies them (``sync.rows.upsert_rows``; :func:`refresh_child_search_texts` for rows
already stored); the server keeps them as sent (never numbers) and searches nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

__all__ = [
    "SEARCH_KEY_SETTING",
    "child_search_text",
    "identifier_token",
    "refresh_child_search_texts",
    "search_key",
    "searchable",
]

SEARCH_KEY_SETTING = "search_key"
_TOKEN_PREFIX = "#"
_TOKEN_HEX = 20
_FULL_NUMBER = re.compile(r"^\d{16}$")


def identifier_token(digits: str, key: bytes) -> str:
    """The token that stands for a full 16-digit NIK or No. KK in the search text."""
    mac = hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
    return _TOKEN_PREFIX + mac[:_TOKEN_HEX]


def child_search_text(values: Mapping[str, Any], key: bytes | None) -> str:
    """The search text of a child row (``name``, ``mother_name``, ``nik``, ``no_kk``)."""
    parts = [values.get("name"), values.get("mother_name")]
    if key is not None:
        for field in ("nik", "no_kk"):
            number = values.get(field)
            if number and _FULL_NUMBER.match(str(number)):
                parts.append(identifier_token(str(number), key))
    return " ".join(str(p) for p in parts if p).lower()


def searchable(text: str, key: bytes | None) -> str:
    """``text`` as typed, with every full 16-digit number replaced by its token."""
    if key is None:
        return text
    words = [identifier_token(w, key) if _FULL_NUMBER.match(w) else w for w in text.split()]
    return " ".join(words)


def refresh_child_search_texts(conn: Connection, ids: list[Any]) -> None:
    """Rewrite the search text of the children ``ids`` under this database's key (rows that
    arrived by sync carry the sender's tokens). Core statements on ``conn``; the caller keeps
    the sync change triggers silent."""
    from desktop_app.db.models import Child

    key = search_key(conn)
    table = Child.__table__
    columns = (table.c.id, table.c.name, table.c.mother_name, table.c.nik, table.c.no_kk)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(select(*columns).where(table.c.id.in_(chunk))).mappings():
            conn.execute(
                table.update()
                .where(table.c.id == row["id"])
                # updated_at kept: a derived column is no edit (and sync compares it)
                .values(
                    search_text=child_search_text(dict(row), key), updated_at=table.c.updated_at
                )
            )


def search_key(source: Session | Connection) -> bytes | None:
    """This database's search key (None on a database without one, e.g. a sync server)."""
    from desktop_app.db.models import Setting

    value = source.execute(
        select(Setting.value).where(Setting.key == SEARCH_KEY_SETTING)
    ).scalar_one_or_none()
    if not isinstance(value, str):
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None
