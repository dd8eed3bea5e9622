"""The app's icons: small SVGs in ``resources/icons`` (drawn for Asuh, one stroke colour)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop_app.core.paths import resource_path


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as a QIcon (an empty icon if the file is missing)."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
