"""The SQLAlchemy URL of an SQLite file, without importing SQLAlchemy (start-up reads it first)."""

from __future__ import annotations

from pathlib import Path


def sqlite_url(path: Path | str) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"
