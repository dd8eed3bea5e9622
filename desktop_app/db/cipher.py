"""SQLCipher: every SQLite file Asuh opens is encrypted with a 32-byte data key.

The database file, its ``-wal`` and every backup are AES-256 pages (SQLCipher 4 defaults: HMAC
per page, 4 KiB pages); without the key the file reads as noise (``file is not a database``).
The raw key is handed to SQLCipher as ``PRAGMA key = "x'<64 hex>'"`` as the very first
statement of every connection, so SQLCipher skips its own PBKDF2 step (the key already is
random; the slow derivation from passwords happens once, at login, in
:mod:`desktop_app.core.vault`).

Which key belongs to which file is known only in this process: the vault unwraps it at login and
:func:`remember_key` files it under the database's resolved path; every connection to that path
(the engine, backups, restores, integrity checks) looks it up here, so no caller passes keys
around and none is ever written to disk or to a URL. :func:`set_fallback_key` is for the test
suite and benchmark scripts only (a fixed key instead of a login for files they make).

Errors raised by these connections are ``sqlcipher3.dbapi2`` classes, not ``sqlite3`` ones:
catch :data:`Error` (both kinds).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as dbapi

__all__ = [
    "Error",
    "apply_key",
    "errors_and",
    "KEY_BYTES",
    "MissingKeyError",
    "connect",
    "dbapi",
    "export_encrypted",
    "forget_key",
    "is_plaintext_sqlite",
    "key_for",
    "key_literal",
    "remember_key",
    "set_fallback_key",
]

KEY_BYTES = 32
#: Both drivers' base error: code may still meet the stdlib's (a plaintext file it peeks at).
Error: tuple[type[Exception], ...] = (dbapi.Error, sqlite3.Error)


def errors_and(*others: type[BaseException]) -> tuple[type[BaseException], ...]:
    """:data:`Error` and ``others``, for one ``except`` clause."""
    return (*Error, *others)


_SQLITE_MAGIC = b"SQLite format 3\x00"
_lock = threading.Lock()
_keys: dict[str, bytes] = {}
_fallback: bytes | None = None


class MissingKeyError(RuntimeError):
    """No data key is known for this file: nobody has logged in to it in this process."""


def _name(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


def remember_key(path: str | Path, key: bytes) -> None:
    """File ``key`` under ``path`` for this process (after a login unwrapped it)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a data key has 32 bytes")
    with _lock:
        _keys[_name(path)] = bytes(key)


def forget_key(path: str | Path) -> None:
    with _lock:
        _keys.pop(_name(path), None)


def set_fallback_key(key: bytes | None) -> None:
    """Tests and benchmark scripts only: the key of files nobody logged in to."""
    global _fallback
    _fallback = bytes(key) if key is not None else None


def key_for(path: str | Path) -> bytes | None:
    """The data key of ``path`` known to this process (or the test fallback), else None."""
    with _lock:
        return _keys.get(_name(path), _fallback)


def key_literal(key: bytes) -> str:
    """The blob literal SQLCipher takes as a raw key (no PBKDF2)."""
    return f"\"x'{key.hex()}'\""


def connect(
    path: str | Path,
    *,
    key: bytes | None = None,
    read_only: bool = False,
    plaintext: bool = False,
    **kwargs: Any,
) -> dbapi.Connection:
    """A SQLCipher connection to ``path`` with its key applied first.

    ``key`` defaults to the remembered one; :class:`MissingKeyError` when none is known, unless
    ``plaintext`` (reading a file from before encryption, to migrate it)."""
    if key is None and not plaintext:
        key = key_for(path)
        if key is None:
            raise MissingKeyError(str(path))
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if read_only else str(path)
    connection = dbapi.connect(target, uri=read_only, **kwargs)
    try:
        if key is not None:
            connection.execute(f"PRAGMA key = {key_literal(key)}")
    except BaseException:
        connection.close()
        raise
    return connection


def apply_key(connection: dbapi.Connection, path: str | Path) -> None:
    """Key a connection the engine opened (its first statement); :class:`MissingKeyError` if no
    key is known for ``path``."""
    key = key_for(path)
    if key is None:
        connection.close()
        raise MissingKeyError(str(path))
    connection.execute(f"PRAGMA key = {key_literal(key)}")


def is_plaintext_sqlite(path: str | Path) -> bool:
    """Whether ``path`` is an ordinary (unencrypted) SQLite file: its first 16 bytes say so."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def export_encrypted(source: dbapi.Connection, destination: str | Path, key: bytes) -> None:
    """Write everything ``source`` holds into a new file encrypted with ``key``.

    ``sqlcipher_export`` copies schema and rows through SQL into the attached, keyed file:
    plaintext -> encrypted (migration) or encrypted -> encrypted. The destination must not exist.
    """
    quoted = str(destination).replace("'", "''")
    source.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY {key_literal(key)}")
    try:
        source.execute("SELECT sqlcipher_export('encrypted')")
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE encrypted")
