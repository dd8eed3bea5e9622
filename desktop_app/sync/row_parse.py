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

import math
import uuid
from collections.abc import Mapping
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


def _uuid(value: Any, label: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    raise _BadValue(_("{label} bukan ID yang sah").format(label=label))


def _datetime(value: Any, label: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise _BadValue(_("{label} bukan tanggal dan jam yang sah").format(label=label))
    if parsed.tzinfo is not None:
        raise _BadValue(_("{label} harus waktu UTC tanpa zona waktu").format(label=label))
    return parsed


def _date(value: Any, label: str) -> date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _BadValue(_("{label} bukan tanggal yang sah (TTTT-BB-HH)").format(label=label))


def _integer(value: Any, label: str, bound: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValue(_("{label} harus bilangan bulat").format(label=label))
    if not -bound <= value < bound:
        raise _BadValue(_("{label} terlalu besar").format(label=label))
    return value


def _number(value: Any, label: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadValue(_("{label} harus angka").format(label=label))
    number = float(value)
    if not math.isfinite(number):
        raise _BadValue(_("{label} harus angka yang terhingga").format(label=label))
    return number


def _text(value: Any, label: str, column: Column[Any]) -> str:
    if not isinstance(value, str):
        raise _BadValue(_("{label} harus teks").format(label=label))
    value = nfc(value)
    limit = column.type.length if isinstance(column.type, String) else None
    problem = text_problem(value, label, limit=limit, multiline=True)
    if problem:
        raise _BadValue(problem)
    return value


def _typed(column: Column[Any], value: Any) -> Any:
    """``value`` as ``column``'s Python type, or ``_BadValue``."""
    label = field_label(column.name)
    kind = column.type
    if isinstance(kind, Uuid):
        return _uuid(value, label)
    if isinstance(kind, DateTime):
        return _datetime(value, label)
    if isinstance(kind, Date):
        return _date(value, label)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise _BadValue(_("{label} harus ya atau tidak (true/false)").format(label=label))
        return value
    if isinstance(kind, Integer):  # BigInteger is an Integer
        return _integer(value, label, _INT64 if isinstance(kind, BigInteger) else _INT32)
    if isinstance(kind, Float):
        return _number(value, label)
    if isinstance(kind, String):  # Text is a String without a length
        return _text(value, label, column)
    if isinstance(kind, JSON):
        return value  # the shape of list columns is a domain rule (``field_rules``)
    raise _BadValue(_("{label}: jenis kolom tidak dikenal").format(label=label))


def parse_row(table: Table, values: Mapping[str, Any]) -> tuple[Row, list[str]]:
    """The typed row (unknown keys ignored, missing ones None) and the problems found."""
    row: Row = {}
    problems: list[str] = []
    derived = _DERIVED.get(table.name, frozenset())
    for column in table.columns:
        value = values.get(column.name)
        if value is None:
            required = not column.nullable and column.name not in _FILLED_BY_RECEIVER
            if required and column.name not in derived:
                label = field_label(column.name)
                problems.append(_("{label} wajib diisi").format(label=label))
            row[column.name] = None
            continue
        try:
            row[column.name] = _typed(column, value)
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
