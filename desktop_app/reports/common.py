"""Small pieces the report data builders share: masked identifiers, months, the KBM table."""

from __future__ import annotations

import re
from datetime import date

from desktop_app.core import clock
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.core.month import Month

__all__ = ["masked", "parse_month", "reference_day"]

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def masked(identifier: str | None) -> str:
    """NIK / No. KK as printed: masked by :func:`desktop_app.children.privacy.mask_nik` (UU 27/2022,
    ``3271**********01``), ``-`` when there is none."""
    return mask_nik(identifier) or "-"


def parse_month(text: str, *, field: str = "bulan") -> Month:
    """``"2026-11"`` -> ``Month(2026, 11)``; a clear :class:`ValidationError` otherwise."""
    match = _MONTH_RE.match(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(
            [FieldError(field, _("Bulan harus ditulis TTTT-BB, misalnya 2026-11."))]
        )
    return Month(int(match.group(1)), int(match.group(2)))


def reference_day(month: Month, today: date | None) -> date:
    """The last day that counts for ``month``: its last day, or today while it is running."""
    today = today or clock.today()
    return min(month.last_day, max(today, month.first_day))
