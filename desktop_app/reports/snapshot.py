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
from collections.abc import Callable
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
    return typing.cast(T, _decoder(typing.cast(Any, kind))(tree))


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules.get(cls.__module__)
    return typing.get_type_hints(cls, vars(module) if module else None)


Decoder = Callable[[Any], Any]


def _identity(tree: Any) -> Any:
    return tree


@cache
def _decoder(hint: Any) -> Decoder:
    """One function per type, built once: a 50,000-row payment list is decoded without asking
    ``typing`` about each value again."""
    if hint is Any or hint is object:
        return _identity
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        optional = len(options) < len(args)
        inner = _decoder(options[0]) if len(options) == 1 else _union_decoder(tuple(options))
        if not optional:
            return inner
        return lambda tree: None if tree is None else inner(tree)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _identity:
                return tuple
            return lambda tree: tuple([item(value) for value in tree])
        items = [_decoder(a) for a in args]
        return lambda tree: tuple([d(value) for d, value in zip(items, tree, strict=True)])
    if origin is list:
        item = _decoder(args[0]) if args else _identity
        return lambda tree: [item(value) for value in tree]
    if origin is dict:
        item = _decoder(args[1]) if args else _identity
        return lambda tree: {key: item(value) for key, value in tree.items()}
    if isinstance(hint, type):
        return _plain_decoder(hint)
    return _identity  # a Literal or another form: stored as it is


def _union_decoder(options: tuple[Any, ...]) -> Decoder:
    decoders = [(option, _decoder(option)) for option in options]

    def decode_union(tree: Any) -> Any:
        for option, _d in decoders:  # first type the stored value fits
            if isinstance(option, type) and isinstance(tree, option) and option is not bool:
                return tree
        for _option, d in decoders:
            try:
                return d(tree)
            except (TypeError, ValueError, KeyError, AttributeError):
                continue
        raise TypeError(f"no type of {options} fits {tree!r}")

    return decode_union


def _plain_decoder(cls: type) -> Decoder:
    if cls is Month:  # a dataclass, stored as "yyyy-mm"
        return Month.parse
    if dataclasses.is_dataclass(cls):
        return _dataclass_decoder(cls)
    if cls is datetime:
        return datetime.fromisoformat
    if cls is date:
        return date.fromisoformat
    if issubclass(cls, Enum):
        return cls
    if cls is float:
        return float
    if cls in (int, str, bool):

        def checked(tree: Any) -> Any:
            if not isinstance(tree, cls):
                raise TypeError(f"stored {tree!r} is not a {cls.__name__}")
            return tree

        return checked
    raise TypeError(f"cannot read {cls.__name__} from a month snapshot")


def _dataclass_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        fields.append((f.name, hints[f.name], required))
    decoders = {name: _decoder(hint) for name, hint, _required in fields}

    def decode_dataclass(tree: Any) -> Any:
        values = {}
        for name, hint, required in fields:
            if name in tree:
                values[name] = decoders[name](tree[name])
            elif required:
                values[name] = _empty(hint)
        return cls(**values)

    return decode_dataclass


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
