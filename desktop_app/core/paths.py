"""Where bundled resources and per-user data live.

Bundled resources (WHO tables, fonts, icons, catalogs) are read-only and ship with the code:
in a source checkout they sit in ``resources/`` beside the package, in a PyInstaller build under
``sys._MEIPASS``. User data (the database, backups, logs) lives in the platformdirs user data
directory, or wherever ``ASUH_DATA_DIR`` points (tests use that to isolate themselves).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from desktop_app import APP_NAME

__all__ = [
    "data_dir",
    "database_file",
    "default_database_path",
    "resource_path",
    "resources_dir",
    "sqlite_url",
]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # desktop_app/


def resources_dir() -> Path:
    """Root of the read-only bundled resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one bundled resource, e.g. ``resource_path("who", "lenanthro.txt")``."""
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """Per-user writable folder (created on first use)."""
    override = os.environ.get("ASUH_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """The embedded SQLite file used when neither ``--db`` nor ``ASUH_DB`` is given."""
    override = os.environ.get("ASUH_DB")
    return Path(override) if override else data_dir() / "asuh.sqlite3"


def database_file(db_path: str | Path | None) -> Path:
    """``--db``/``ASUH_DB`` if given, else the per-user default file; absolute."""
    path = Path(db_path) if db_path else default_database_path()
    return path.expanduser().resolve()


def sqlite_url(path: Path | str) -> str:
    """The SQLAlchemy URL of an SQLite file (the db layer's rule, loaded only when asked: the
    growth tables read their files through this module and must not load the db package)."""
    from desktop_app.db.location import sqlite_url as url_of

    return url_of(path)
