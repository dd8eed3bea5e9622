"""Asuh: offline-first desktop app for foster-parent programmes against stunting.

Layers, each importing only those below it: ``ui`` (all Qt) -> the feature packages
(``children``, ``visits``, ``aid``, ...: services, queries, rules) -> ``core`` -> ``db``.
"""

__version__ = "0.1.0"
APP_NAME = "Asuh"

# The one clock, installed in the db layer before any row can be stamped (core.clock).
from desktop_app.core import clock as _clock  # noqa: E402, F401
