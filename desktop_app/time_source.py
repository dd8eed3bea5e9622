"""Where the db layer reads the time: row stamps (``created_at``/``updated_at``) and the
pre-upgrade backup's name.

It lives beside the layers, not in ``db``: ``desktop_app/__init__.py`` imports the clock, which
installs itself here, so every process has it before any row exists, without loading the db
package (the growth layer must not).

The app's one clock is :mod:`desktop_app.core.clock`: it installs itself here when it is
imported and again whenever it is set (:func:`desktop_app.core.clock.set_clock`), so a test that
pins or stops the clock sees the database stamp rows by the same clock. This module never reads
the computer's clock itself: a stamp asked for before any clock is installed is an error, not a
silent second clock.
No SQLAlchemy here: start-up and the growth tables must not load it through this module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class TimeSource(Protocol):
    def now(self) -> datetime: ...

    def utcnow(self) -> datetime: ...


_source: TimeSource | None = None


def set_time_source(source: TimeSource) -> None:
    """Read the time from ``source`` (the clock in force, installed by ``core.clock``)."""
    global _source  # the one process-wide source, by design
    _source = source


def _installed() -> TimeSource:
    if _source is None:
        raise RuntimeError("no clock installed: import desktop_app.core.clock first")
    return _source


def now() -> datetime:
    """Local date and time."""
    return _installed().now()


def utcnow() -> datetime:
    """Naive UTC, the form stored in every timestamp column."""
    return _installed().utcnow()
