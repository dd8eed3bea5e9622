"""Reading and writing whole rows with SQLAlchemy Core, on SQLite and PostgreSQL alike.

Received rows are applied with Core ``INSERT ... ON CONFLICT DO UPDATE`` statements, never the
ORM: the audit hook (ORM flushes only) must not log them as this laptop's user editing, and the
remote ``updated_at``/``device_id`` must be kept as they are.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Date, DateTime, String, Table, Uuid, bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from desktop_app.core.identifier_search import child_search_text, search_key
from desktop_app.validation import nfc, text_problem

Row = dict[str, Any]


def fetch_rows(conn: Connection, table: Table, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Row]:
    """The current rows with these ids, by id (missing ids are simply absent)."""
    found: dict[uuid.UUID, Row] = {}
    id_list = list(ids)
    for start in range(0, len(id_list), 500):  # stay below bound-parameter limits
        chunk = id_list[start : start + 500]
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
    return found


def _insert(conn: Connection, table: Table):
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


def upsert_rows(conn: Connection, table: Table, rows: list[Row]) -> None:
    """Insert ``rows`` or overwrite every column of the rows that exist (matched by id)."""
    if not rows:
        return
    if table.name == "children":  # tokens under this database's own search key
        key = search_key(conn)
        rows = [{**row, "search_text": child_search_text(row, key)} for row in rows]
    statement = _insert(conn, table)
    columns = [c.name for c in table.columns if c.name != "id"]
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.id], set_={name: statement.excluded[name] for name in columns}
    )
    conn.execute(statement, rows)


def insert_missing_rows(conn: Connection, table: Table, rows: list[Row]) -> None:
    """Insert ``rows`` whose id is not there yet (append-only tables such as the audit log)."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(index_elements=["id"]), rows)


def apply_redactions(conn: Connection, table: Table, rows: list[Row]) -> int:
    """Carry a data subject's erasure to a copy of the audit log (the server's archive, another
    laptop): received rows marked ``redacted_at`` blank the same values in rows held here that
    are not redacted yet (the one UPDATE the log's triggers allow). Returns rows changed."""
    if "redacted_at" not in table.c:
        return 0
    redacted = [
        {"row_id": row["id"], "c": row["changes"], "s": row["summary"], "r": row["redacted_at"]}
        for row in rows
        if row.get("redacted_at") is not None
    ]
    if not redacted:
        return 0
    statement = (
        table.update()
        .where(table.c.id == bindparam("row_id"), table.c.redacted_at.is_(None))
        .values(changes=bindparam("c"), summary=bindparam("s"), redacted_at=bindparam("r"))
    )
    return conn.execute(statement, redacted).rowcount or 0


#: Values that travel as they are (everything but UUIDs, dates and times).
_PLAIN = (str, int, float, list, dict)


def json_value(value: Any) -> Any:
    """One value as JSON-safe text: UUIDs and dates as ISO text, the rest as it is."""
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@functools.cache
def _column_names(table: Table) -> tuple[str, ...]:
    return tuple(column.name for column in table.columns)


def to_json_values(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as JSON-safe values (UUIDs and dates as ISO text) for files and the conflict log.
    Every pulled row passes here on the server: the column names are looked up once."""
    return {name: json_value(row.get(name)) for name in _column_names(table)}


def _reader(table: Table, column: Column[Any]) -> Callable[[Any], Any] | None:
    """How :func:`from_json_values` reads one column's JSON value (None: as it is)."""
    if isinstance(column.type, Uuid):
        return lambda value: uuid.UUID(str(value))
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat
    if isinstance(column.type, Date):
        return date.fromisoformat
    if isinstance(column.type, String):

        def text(value: Any) -> Any:
            return _checked_text(table, column, value) if isinstance(value, str) else value

        return text
    return None


@functools.cache
def _readers(table: Table) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    return tuple((column.name, _reader(table, column)) for column in table.columns)


def from_json_values(table: Table, values: Mapping[str, Any]) -> Row:
    """The inverse of :func:`to_json_values`; unknown keys are ignored, missing ones stay None."""
    row: Row = {}
    for name, read in _readers(table):
        value = values.get(name)
        row[name] = read(value) if read is not None and value is not None else value
    return row


def _checked_text(table: Table, column: Column[Any], value: str) -> str:
    """A received text value under the forms' rule (``validation.text``): NFC, no control or
    invisible format characters, within the column's length. Another laptop's forms applied
    it already; a file made or edited elsewhere is refused (``ValueError``) as a whole."""
    value = nfc(value)
    limit = column.type.length if isinstance(column.type, String) else None
    problem = text_problem(value, f"{table.name}.{column.name}", limit=limit, multiline=True)
    if problem:
        raise ValueError(problem)
    return value
