"""Small pieces the list queries share: id strings, LIKE patterns, sort directions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, true

#: Characters that LIKE treats specially; escaped so a search for "50%" means the text "50%".
_LIKE_ESCAPE = "\\"


def id_text(column: Any) -> ColumnElement[str]:
    """A UUID column as text, so 100,000 ids arrive as str without per-row UUID parsing."""
    return cast(column, String)


def to_uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    """Id strings from :func:`id_text` (hex or dashed form) back to UUIDs (one batch only)."""
    return [uuid.UUID(value) for value in ids]


def search_terms(text: str) -> list[str]:
    """The lower-cased words of a search box; every word must match (AND)."""
    return [word for word in text.lower().split() if word]


def like_all(column: Any, text: str) -> ColumnElement[bool]:
    """``column LIKE '%word%'`` for every word of ``text`` (column is lower-case already)."""
    clauses = [
        column.like(f"%{_escape(word)}%", escape=_LIKE_ESCAPE) for word in search_terms(text)
    ]
    return and_(*clauses) if clauses else true()


def _escape(word: str) -> str:
    return word.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")


def in_order(rows_by_id: dict[str, Any], ids: Sequence[str]) -> list[Any]:
    """Rows in the order of ``ids`` (SQL ``IN`` returns them in any order); missing ids skipped."""
    return [rows_by_id[key] for key in ids if key in rows_by_id]


@dataclass(frozen=True)
class SearchBase:
    """The ids of a filtered, sorted list with each row's lower-case search text.

    Search-as-you-type narrows this in memory instead of re-scanning the table per keystroke:
    a LIKE scan of 100,000 children costs 100+ ms on SQLite (measured, bench/bench_search.py),
    narrowing the cached texts ~5-15 ms. The match rule is the SQL one (:func:`like_all`):
    every typed word must occur in the text. SQL still does every filter and the sort; the
    base is re-read whenever they or the data change.
    """

    ids: list[str]
    texts: list[str]
    #: The database's search key: a typed full NIK / No. KK is matched as its keyed token
    #: (``core.identifier_search``); None where the texts hold no tokens.
    key: bytes | None = None

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str | None]], *, key: bytes | None = None
    ) -> SearchBase:
        ids: list[str] = []
        texts: list[str] = []
        for row_id, text in rows:
            ids.append(row_id)
            texts.append(text or "")
        return cls(ids, texts, key)

    def narrow(self, search: str) -> SearchBase:
        """The rows whose text contains every word of ``search`` (all rows if it is empty).

        The result is itself a base: narrowing it further for a longer search (the user typed
        on) gives the same rows as narrowing the whole base, faster.
        """
        from desktop_app.core.identifier_search import searchable

        ids, texts = self.ids, self.texts
        for word in search_terms(searchable(search, self.key)):
            mask = [word in text for text in texts]
            ids, texts = list(compress(ids, mask)), list(compress(texts, mask))
        return SearchBase(ids, texts, self.key)


def without_index(column: Any) -> ColumnElement[str]:
    """``column || ''``: the same text, but the query planner can no longer use its index.

    Without ANALYZE statistics SQLite guesses ``status = 'aktif'`` to be as selective as
    ``child_id = ?`` and may look assignments up by the status index, scanning every active
    assignment once per child: 2.4 s for one batch of 100 children in a 100,000-child database
    (measured). Low-selectivity status columns are therefore compared through this.
    """
    return column.concat("")
