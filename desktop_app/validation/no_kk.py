"""No. KK (Nomor Kartu Keluarga): 16 digits ``PPRRDD DDMMYY SSSS``.

The region comes first as in a NIK; the middle six digits are the date the card was issued
(no sex offset), which a form cannot check, so only length, digits and region are validated.
"""

from __future__ import annotations

from datetime import date

from desktop_app.validation.common import InvalidNumberError
from desktop_app.validation.nik import check_region_number

__all__ = ["make_no_kk", "no_kk_problem", "parse_no_kk"]


def parse_no_kk(value: str) -> str:
    """The No. KK as 16 digits (separators removed). Raises ``InvalidNumberError``."""
    return check_region_number(value, label="No. KK")


def no_kk_problem(value: str) -> str | None:
    """Why ``value`` cannot be a No. KK, or None."""
    try:
        parse_no_kk(value)
    except InvalidNumberError as error:
        return str(error)
    return None


def make_no_kk(*, region: str, issued_on: date, sequence: int = 1) -> str:
    """A No. KK for test and demo data: ``region`` is 6 digits (province, regency, district)."""
    if len(region) != 6 or not region.isdigit() or not 1 <= sequence <= 9999:
        raise ValueError(f"bad region {region!r} or sequence {sequence}")
    return f"{region}{issued_on:%d%m}{issued_on.year % 100:02d}{sequence:04d}"
