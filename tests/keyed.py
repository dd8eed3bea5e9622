"""Tests read database files the way Asuh writes them: SQLCipher with the key this process knows
(the fixed test key, see tests/conftest.py). ``connect`` takes what ``sqlite3.connect`` took."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from desktop_app.db import cipher

Error = cipher.Error
DatabaseError = (cipher.dbapi.DatabaseError, __import__("sqlite3").DatabaseError)


def connect(target: str | Path, *, uri: bool = False, **kwargs: Any) -> cipher.dbapi.Connection:
    """``sqlite3.connect(target, uri=uri)`` for an encrypted file (read-only if the URI says
    so); a plaintext file (a fixture from before encryption) is read as it is."""
    text, read_only = str(target), False
    if uri and text.startswith("file:"):
        parsed = urlparse(text)
        text, read_only = unquote(parsed.path), "mode=ro" in parsed.query
    path = Path(text)
    plaintext = cipher.is_plaintext_sqlite(path)
    return cipher.connect(path, read_only=read_only, plaintext=plaintext, **kwargs)
