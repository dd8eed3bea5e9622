"""Calendar arithmetic the demo needs: whole months, random days in a range."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from functools import cache

__all__ = ["add_months", "day_in_month", "month_index", "month_start", "random_day"]


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_index(day: date) -> int:
    """Months since year 0: consecutive months differ by one."""
    return day.year * 12 + day.month - 1


def day_in_month(index: int, day: int) -> date:
    """Day ``day`` of the month ``index`` (see :func:`month_index`), clamped to its length."""
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day, _month_length(index)))


@cache
def _month_length(index: int) -> int:
    # Called for every planned visit; calendar.monthrange also works out a weekday.
    year, month = divmod(index, 12)
    return calendar.monthrange(year, month + 1)[1]


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A uniformly random day in ``[first, last]`` (``first`` if the range is empty)."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, span)) if span > 0 else first
