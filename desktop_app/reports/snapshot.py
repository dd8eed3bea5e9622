"""Report data <-> canonical JSON, generically, so a closed month keeps every printed figure.

A closed month's snapshot is the report data objects themselves (frozen dataclasses such as
:class:`~desktop_app.reports.monthly_model.MonthlySummaryData`), written field by field from
their type hints. Nothing here names a report field: a section another change adds to a data
model is captured, stored and restored without touching this module.

Canonical form (what is hashed): keys sorted, no spaces, UTF-8, ``date`` as ``"2026-11-30"``,
``datetime`` as ISO text, :class:`Month` as ``"2026-11"``, tuples as lists, floats as Python's
shortest round-trip ``repr``. Supported field types: the JSON scalars, ``date``, ``datetime``,
``Month``, enums (by value), nested dataclasses, ``tuple[X, ...]``, fixed tuples, ``list[X]``,
``dict[str, X]`` and ``X | None``.

Reading an older snapshot with a newer model: a field the snapshot lacks takes its default,
or (without one) the type's empty value (0, "", (), None) so the old paper's figures still print;
a field the model no longer has is ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from desktop_app.core.month import Month

__all__ = ["canonical_json", "decode", "encode", "sha256_hex"]

T = TypeVar("T")


def encode(value: Any) -> Any:
    """A JSON-safe tree of ``value`` (dataclasses by field name)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Enum):
        return encode(value.value)
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    raise TypeError(f"cannot store {type(value).__name__} in a month snapshot")


def canonical_json(tree: Any) -> str:
    """The one text form of ``tree``: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(tree, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)  # fmt: skip


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(kind: type[T], tree: Any) -> T:
    """Rebuild an instance of ``kind`` from :func:`encode`'s tree (type hints drive it)."""
    return typing.cast(T, _decode(kind, tree))


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules.get(cls.__module__)
    return typing.get_type_hints(cls, vars(module) if module else None)


def _decode(hint: Any, tree: Any) -> Any:
    if hint is Any:
        return tree
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if tree is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], tree)
        return _decode_union(options, tree)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in tree)
        return tuple(_decode(a, item) for a, item in zip(args, tree, strict=True))
    if origin is list:
        return [_decode(args[0] if args else Any, item) for item in tree]
    if origin is dict:
        return {key: _decode(args[1] if args else Any, item) for key, item in tree.items()}
    if isinstance(hint, type):
        return _decode_plain(hint, tree)
    return tree  # a Literal or another form: stored as it is


def _decode_union(options: list[Any], tree: Any) -> Any:
    for option in options:  # first type the stored value fits
        if isinstance(option, type) and isinstance(tree, option) and option is not bool:
            return tree
    for option in options:
        try:
            return _decode(option, tree)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    raise TypeError(f"no type of {options} fits {tree!r}")


def _decode_plain(cls: type, tree: Any) -> Any:
    if cls is Month:  # a dataclass, stored as "yyyy-mm"
        return Month.parse(tree)
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        values = {}
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            if f.name in tree:
                values[f.name] = _decode(hints[f.name], tree[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                values[f.name] = _empty(hints[f.name])
        return cls(**values)
    if cls is datetime:
        return datetime.fromisoformat(tree)
    if cls is date:
        return date.fromisoformat(tree)
    if issubclass(cls, Enum):
        return cls(tree)
    if cls is float:
        return float(tree)
    if cls in (int, str, bool) and isinstance(tree, cls):
        return tree
    if cls is object:
        return tree
    raise TypeError(f"stored {tree!r} is not a {cls.__name__}")


def _empty(hint: Any) -> Any:
    """The value a field missing from an older snapshot takes (see the module docstring)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        return None
    if origin is tuple:
        return ()
    if origin is list:
        return []
    if origin is dict:
        return {}
    if hint in (int, float):
        return hint()
    if hint is str:
        return ""
    if hint is bool:
        return False
    raise TypeError(f"an older snapshot lacks a field of type {hint}")
