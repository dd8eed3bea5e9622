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

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """Root of the read-only bundled resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one bundled resource, e.g. ``resource_path("who", "lenanthro.txt")``."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic script folder; it ships inside the package (Alembic loads it by path)."""
    return _PACKAGE_DIR / "db" / "migrations"


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
