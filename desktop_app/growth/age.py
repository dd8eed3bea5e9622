"""Ages: whole days for z-scores (WHO), completed calendar months for people ("bulan penuh").

WHO's method keys every age table by the age in days (``resources/who/README.md``); Indonesian
practice (Buku KIA, KMS, Permenkes 2/2020) shows the age in completed months, so a child of
2 months 29 days is "2 bulan".
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["DAYS_PER_MONTH", "age_days_between", "age_months_exact", "completed_months"]

DAYS_PER_MONTH = 30.4375  # WHO: 365.25 / 12


def age_days_between(birth: date, visit: date) -> int:
    """Age in whole days on ``visit`` (0 on the birth date). Raises ``ValueError`` if before."""
    days = (visit - birth).days
    if days < 0:
        raise ValueError(f"visit {visit.isoformat()} is before birth {birth.isoformat()}")
    return days


def age_months_exact(age_days: float) -> float:
    """WHO's age in months (days / 30.4375): z-scores stop at 60.0, standing is odd below 9.0."""
    return age_days / DAYS_PER_MONTH


def completed_months(birth: date, on: date) -> int:
    """Completed calendar months from ``birth`` to ``on`` ("bulan penuh").

    A month is completed on the same day of a later month; when that month is shorter (born on
    the 31st), on its last day. So born 15 Jan: 14 Mar is 1, 15 Mar is 2; born 31 Jan: 28 Feb
    2025 is 1. Raises ``ValueError`` if ``on`` is before ``birth``.
    """
    if on < birth:
        raise ValueError(f"{on.isoformat()} is before birth {birth.isoformat()}")
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day >= birth.day:  # the anniversary (at most the birth day) has been reached
        return months
    # The month's length matters only now (the monthly report asks 300,000 times).
    anniversary = min(birth.day, calendar.monthrange(on.year, on.month)[1])
    if on.day < anniversary:
        months -= 1
    return months
