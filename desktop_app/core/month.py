"""A calendar month (``yyyy-mm``): the unit of posyandu reporting, aid payments and reports.

It lives in the core because aid, reports, the dashboard, follow-up and the screens all count
by month, and none of them should need the growth package to name one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Month"]


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (``yyyy-mm``), the unit of posyandu reporting and aid payments."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, got {self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """From ``"yyyy-mm"``."""
        year, month = text.split("-")
        return cls(int(year), int(month))

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = (
            Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)
        )
        return following.first_day - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
