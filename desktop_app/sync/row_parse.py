"""Received JSON values -> typed rows, each column checked against its type, row by row.

A value the database would refuse must never reach it: on PostgreSQL one over-long NIK
(``StringDataRightTruncation``), a text in a number column or an integer beyond 32 bits stops
the whole batch, and with it every later sync of that laptop. So each column is read here by
its SQLAlchemy type (UUID, date, naive UTC time, integer within the column's range, finite
number, true/false, text under the one text rule of ``validation.text`` within the column's
length) and required columns must be filled; a value that fails refuses its row only, naming
the field. The domain rules come after, in :mod:`desktop_app.sync.field_rules`.
"""

from __future__ import annotations

import functools
import math
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Uuid,
)

from desktop_app.core.i18n import _
from desktop_app.sync.refusals import Refusal, field_label, refusal
from desktop_app.sync.rows import Row
from desktop_app.validation import nfc, text_problem

__all__ = ["parse_row", "parse_rows"]

_INT32 = 2**31
_INT64 = 2**63
#: Filled by the receiving side, not required from the sender: the server stamps its own
#: times, and a child's search tokens are derived per database (``sync.rows.upsert_rows``).
_FILLED_BY_RECEIVER = frozenset({"created_at", "updated_at"})
_DERIVED = {"children": frozenset({"search_text"})}


class _BadValue(ValueError):
    """A value its column cannot hold; ``str()`` is the user message naming the field."""


def _bad(template: str, column: Column[Any]) -> _BadValue:
    """The refusal of ``column``'s value, its label looked up only now (rows are many)."""
    return _BadValue(template.format(label=field_label(column.name)))


def _uuid(value: Any, column: Column[Any]) -> uuid.UUID:
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    raise _bad(_("{label} bukan ID yang sah"), column)


def _datetime(value: Any, column: Column[Any]) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise _bad(_("{label} bukan tanggal dan jam yang sah"), column)
    if parsed.tzinfo is not None:
        raise _bad(_("{label} harus waktu UTC tanpa zona waktu"), column)
    return parsed


def _date(value: Any, column: Column[Any]) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _bad(_("{label} bukan tanggal yang sah (TTTT-BB-HH)"), column)


def _boolean(value: Any, column: Column[Any]) -> bool:
    if not isinstance(value, bool):
        raise _bad(_("{label} harus ya atau tidak (true/false)"), column)
    return value


def _integer(value: Any, column: Column[Any]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(_("{label} harus bilangan bulat"), column)
    bound = _INT64 if isinstance(column.type, BigInteger) else _INT32
    if not -bound <= value < bound:
        raise _bad(_("{label} terlalu besar"), column)
    return value


def _number(value: Any, column: Column[Any]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(_("{label} harus angka"), column)
    number = float(value)
    if not math.isfinite(number):
        raise _bad(_("{label} harus angka yang terhingga"), column)
    return number


def _text(value: Any, column: Column[Any]) -> str:
    if not isinstance(value, str):
        raise _bad(_("{label} harus teks"), column)
    value = nfc(value)
    limit = column.type.length if isinstance(column.type, String) else None
    if value.isascii() and value.isprintable() and (limit is None or len(value) <= limit):
        return value  # the common case, decided without looking at each character
    problem = text_problem(value, field_label(column.name), limit=limit, multiline=True)
    if problem:
        raise _BadValue(problem)
    return value


def _json(value: Any, column: Column[Any]) -> Any:
    return value  # the shape of list columns is a domain rule (``field_rules``)


_Reader = Callable[[Any, Column[Any]], Any]
#: Column type -> reader, most specific first (BigInteger is an Integer, Text a String).
_READERS: tuple[tuple[type[Any], _Reader], ...] = (
    (Uuid, _uuid),
    (DateTime, _datetime),
    (Date, _date),
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _number),
    (String, _text),
    (JSON, _json),
)


@functools.cache
def _plan(table: Table) -> tuple[tuple[Column[Any], _Reader, bool], ...]:
    """Each column of ``table`` with its reader and whether it must be filled."""
    derived = _DERIVED.get(table.name, frozenset())
    plan = []
    for column in table.columns:
        reader = next(r for kind, r in _READERS if isinstance(column.type, kind))
        required = not column.nullable and column.name not in _FILLED_BY_RECEIVER | derived
        plan.append((column, reader, required))
    return tuple(plan)


def parse_row(table: Table, values: Mapping[str, Any]) -> tuple[Row, list[str]]:
    """The typed row (unknown keys ignored, missing ones None) and the problems found."""
    row: Row = {}
    problems: list[str] = []
    for column, reader, required in _plan(table):
        value = values.get(column.name)
        if value is None:
            if required:
                problems.append(str(_bad(_("{label} wajib diisi"), column)))
            row[column.name] = None
            continue
        try:
            row[column.name] = reader(value, column)
        except _BadValue as error:
            problems.append(str(error))
            row[column.name] = None
    return row, problems


def parse_rows(table: Table, values: list[dict[str, Any]]) -> tuple[list[Row], list[Refusal]]:
    """JSON values -> typed rows; a value that cannot be read (a bad UUID or date, text over
    the column's length or with control characters, a number that is not one, a required
    field empty, a row that is not an object) refuses that row only, in the order received."""
    rows: list[Row] = []
    refused: list[Refusal] = []
    for item in values:
        if not isinstance(item, Mapping):
            problem = _("baris bukan objek JSON")
            refused.append(refusal(table.name, {}, [problem]))
            continue
        row, problems = parse_row(table, item)
        if problems:
            refused.append(refusal(table.name, item, problems, row_id=row.get("id")))
        else:
            rows.append(row)
    return rows, refused
