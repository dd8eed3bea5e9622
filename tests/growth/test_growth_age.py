"""Age in days for WHO, completed calendar months ("bulan penuh") for people."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.growth import age_days_between, completed_months


def test_age_in_days() -> None:
    assert age_days_between(date(2024, 1, 1), date(2024, 1, 1)) == 0
    assert age_days_between(date(2024, 1, 1), date(2025, 1, 1)) == 366  # leap year
    assert age_days_between(date(2022, 3, 1), date(2024, 3, 1)) == 731  # 24 months: height
    with pytest.raises(ValueError):
        age_days_between(date(2024, 1, 2), date(2024, 1, 1))


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 15), date(2024, 4, 14), 2),  # 2 months 29 days is 2
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # February's last day completes the month
        (date(2023, 1, 31), date(2023, 2, 28), 1),
        (date(2024, 1, 31), date(2024, 3, 30), 1),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2020, 6, 10), date(2025, 6, 9), 59),
        (date(2020, 6, 10), date(2025, 6, 10), 60),
        (date(2023, 12, 20), date(2024, 1, 19), 0),  # across a year end
        (date(2023, 12, 20), date(2024, 1, 20), 1),
    ],
)
def test_completed_months(birth: date, on: date, months: int) -> None:
    assert completed_months(birth, on) == months


def test_completed_months_refuses_dates_before_birth() -> None:
    with pytest.raises(ValueError):
        completed_months(date(2024, 5, 1), date(2024, 4, 30))
