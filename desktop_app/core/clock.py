"""Today's date and the current time, from one clock every service and screen asks.

Services used to call ``date.today()`` themselves, so a test suite that built its dates when a
module was imported and checked them against a service called minutes later failed whenever the
run crossed midnight. Now everything asks this module; the app runs on :class:`SystemClock`,
tests pin the day (:class:`PinnedDayClock`) or the moment (:class:`FixedClock`) with
:func:`set_clock` or :func:`using`.

The database layer sits below this module; it reads the time through
:mod:`desktop_app.time_source`, which :func:`set_clock` points at the clock in force, so row
stamps (``created_at``/``updated_at``) and backup names follow the same clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

__all__ = [
    "Clock",
    "FixedClock",
    "PinnedDayClock",
    "SystemClock",
    "current",
    "now",
    "set_clock",
    "today",
    "using",
    "utcnow",
]


class Clock(Protocol):
    """What a clock answers: the local date, the local time, naive UTC."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def utcnow(self) -> datetime: ...


class SystemClock:
    """The computer's clock (local time for dates people see, naive UTC for stamps)."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now()

    def utcnow(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)


class PinnedDayClock(SystemClock):
    """A clock whose date never moves: times run on, ``today()`` stays ``day``.

    The test suite runs on one: a run that starts at 23:58 still sees one day from its first
    test to its last, whatever the wall clock does.
    """

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day


class FixedClock:
    """A stopped clock at ``moment`` (local time), moved on only by :meth:`advance`."""

    def __init__(self, moment: datetime, *, utc_offset: timedelta = timedelta(0)) -> None:
        self.moment = moment
        self.utc_offset = utc_offset

    def today(self) -> date:
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment

    def utcnow(self) -> datetime:
        return self.moment - self.utc_offset

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


_current: Clock = SystemClock()


def _install_in_db_layer(clock: Clock) -> None:
    from desktop_app.time_source import set_time_source  # row stamps follow this clock

    set_time_source(clock)


_install_in_db_layer(_current)  # from the first import on, the db layer has no other clock


def current() -> Clock:
    """The clock in force."""
    return _current


def set_clock(clock: Clock) -> Clock:
    """Make ``clock`` the one everything asks; returns the previous clock."""
    global _current  # the one process-wide clock, by design
    previous, _current = _current, clock
    _install_in_db_layer(clock)
    return previous


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    """Run a block on ``clock``, then restore the previous one."""
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def today() -> date:
    """The local date (the date on a form, a visit, a payment)."""
    return _current.today()


def now() -> datetime:
    """The local date and time (file names, lock files, schedules)."""
    return _current.now()


def utcnow() -> datetime:
    """Naive UTC, as the database stores moments (lockouts, audit times)."""
    return _current.utcnow()
