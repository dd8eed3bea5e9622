"""Where the db layer reads the time: row stamps (``created_at``/``updated_at``) and the
pre-upgrade backup's name.

The app's one clock is :mod:`desktop_app.core.clock`, a layer above; it installs itself here
whenever it is set (:func:`desktop_app.core.clock.set_clock`), so a test that pins or stops the
clock sees the database stamp rows by the same clock. Until then the computer's clock is used.
No SQLAlchemy here: start-up and the growth tables must not load it through this module.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class TimeSource(Protocol):
    def now(self) -> datetime: ...

    def utcnow(self) -> datetime: ...


_source: TimeSource | None = None


def set_time_source(source: TimeSource | None) -> None:
    """Read the time from ``source`` (None: the computer's clock)."""
    global _source  # the one process-wide source, by design
    _source = source


def now() -> datetime:
    """Local date and time."""
    return _source.now() if _source is not None else datetime.now()


def utcnow() -> datetime:
    """Naive UTC, the form stored in every timestamp column."""
    return _source.utcnow() if _source is not None else datetime.now(UTC).replace(tzinfo=None)
