"""Which SQLite file Asuh opens, without importing SQLAlchemy (start-up reads it first)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import default_database_path


def database_file(db_path: str | Path | None) -> Path:
    """``--db``/``ASUH_DB`` if given, else the per-user default file; absolute."""
    path = Path(db_path) if db_path else default_database_path()
    return path.expanduser().resolve()


def sqlite_url(path: Path | str) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"
