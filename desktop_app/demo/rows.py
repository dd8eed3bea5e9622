"""Small helpers every demo table shares: reproducible ids and timestamps, and batched inserts.

Ids come from the caller's ``random.Random`` rather than ``uuid.uuid4()`` so that one seed gives
byte-identical databases (tests compare two runs). Timestamps are derived from the day a row
"happened" (a visit's date, an enrolment), never from the clock, for the same reason; they are
naive UTC like every timestamp the app stores.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from itertools import islice
from operator import attrgetter
from typing import Any

from sqlalchemy import Column, ColumnDefault, Connection, Table, insert
from sqlalchemy.orm import Session

__all__ = [
    "BATCH_ROWS",
    "Columns",
    "Row",
    "as_columns",
    "ascending_ids",
    "insert_batches",
    "new_id",
    "synced_columns",
]

#: Rows per INSERT executemany: big enough to amortise the statement, small enough to stream
#: a million visits without holding them all as dicts.
BATCH_ROWS = 10_000

Row = dict[str, Any]
Columns = dict[str, list[Any]]  # one batch: column name -> that column's values, row by row


def new_id(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from ``rng`` (reproducible, unlike ``uuid.uuid4``)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def ascending_ids(rng: random.Random, count: int) -> list[uuid.UUID]:
    """``count`` ids from ``rng`` in ascending order. Rows written in this order append to the
    primary-key index (and to indexes that lead with a foreign key to such rows, e.g. visits
    by child) instead of inserting at random places, which matters at a million rows."""
    return sorted((new_id(rng) for _ in range(count)), key=attrgetter("int"))


def synced_columns(row_id: uuid.UUID, day: date, hour: int = 9) -> Row:
    """``id``, ``created_at`` and ``updated_at`` of a synced row that was entered on ``day``."""
    stamp = datetime.combine(day, time(hour))
    return {"id": row_id, "created_at": stamp, "updated_at": stamp}


def insert_batches(
    session: Session,
    table: Table,
    batches: Iterable[Columns],
    *,
    total: int,
    label: str,
    progress: Callable[[int, int, str], None],
) -> int:
    """Insert column batches (``{column: [values]}``, see :func:`as_columns`) inside the
    caller's transaction, reporting ``progress(done, total, label)`` after each batch.
    Returns the number of rows written.

    ``batches`` may be a generator, so a large table is built and written a batch at a time.
    These Core statements bypass the ORM's audit hook on purpose: demo rows are not user edits.
    """
    connection = session.connection()
    write = _fast_writer(connection, table) or _core_writer(connection, table)
    done = 0
    progress(0, total, label)
    for batch in batches:
        done += write(batch)
        progress(done, max(total, done), label)
    return done


def as_columns(rows: Iterable[Row], size: int = BATCH_ROWS) -> Iterator[Columns]:
    """Row dicts regrouped into column batches of ``size`` rows (a key a row lacks: absent
    from every row of the batch, or filled with the column default by the writer)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        keys = dict.fromkeys(key for row in batch[:1] for key in row)
        yield {key: [row[key] for row in batch] for key in keys}


def _length(batch: Columns) -> int:
    return len(next(iter(batch.values())))


def _core_writer(connection: Connection, table: Table) -> Callable[[Columns], int]:
    def write(batch: Columns) -> int:
        keys = list(batch)
        rows = [
            dict(zip(keys, values, strict=True)) for values in zip(*batch.values(), strict=True)
        ]
        connection.execute(insert(table), rows)
        return len(rows)

    return write


def _fast_writer(connection: Connection, table: Table) -> Callable[[Columns], int] | None:
    """An ``executemany`` that skips SQLAlchemy's per-row parameter bookkeeping, which costs
    more than SQLite's own work on a million rows. Values still go through each column type's
    own bind processor, so they are stored exactly as ``insert(table)`` would store them.
    Only for positional ("qmark") drivers such as sqlite3; others get the plain Core insert.
    """
    dialect = connection.dialect
    if dialect.paramstyle != "qmark":
        return None
    keys = [column.key for column in table.c]
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ())
    if sorted(order) != sorted(keys):
        return None
    columns = [table.c[key] for key in order]
    plan = [
        (column.key, column.type._cached_bind_processor(dialect), _default_of(column))
        for column in columns
    ]

    def write(batch: Columns) -> int:
        n = _length(batch)
        values = []
        for key, process, default in plan:
            column = batch.get(key)
            if column is None:
                column = [default] * n
            values.append(list(map(process, column)) if process else column)
        connection.exec_driver_sql(compiled.string, list(zip(*values, strict=True)))
        return n

    return write


def _default_of(column: Column[Any]) -> Any:
    """What a row that leaves ``column`` out gets: its scalar default, a fresh value of a
    context-free callable default (``list``), or None. Demo rows always set ``id`` and the
    timestamps, so the non-reproducible defaults (``uuid4``, ``utcnow``) never fire."""
    default = column.default
    if not isinstance(default, ColumnDefault) or not (default.is_scalar or default.is_callable):
        return None
    return default.arg if default.is_scalar else default.arg(None)
