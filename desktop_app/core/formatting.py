"""Indonesian display formats: ``22 November 2026``, ``Rp450.000``, ``12,5`` (decimal comma).

Babel's CLDR data does the locale work, so English output follows the same calls.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from desktop_app.core.i18n import current_language

_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _locale() -> str:
    return "id_ID" if current_language() == "id" else "en_GB"


def format_date(value: date | datetime | None) -> str:
    """``22 November 2026`` (long date without weekday); empty for None."""
    if value is None:
        return ""
    return _babel_date(value, format="d MMMM y", locale=_locale())


def format_short_date(value: date | None) -> str:
    """``22/11/2026``: the numeric form people type (date fields, imports)."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_table_date(value: date | None) -> str:
    """``22 Nov 2026``: the one date style of table cells (screens and PDF tables); running
    text uses :func:`format_date` (``22 November 2026``)."""
    if value is None:
        return ""
    return _babel_date(value, format="d MMM y", locale=_locale()).replace(".", "")


def format_month(value: date | None) -> str:
    """``November 2026`` for a month (any day of it)."""
    if value is None:
        return ""
    return _babel_date(value, format="LLLL y", locale=_locale())


def format_rupiah(amount: int | None) -> str:
    """``Rp450.000``: integer rupiah, dot as thousands separator, no decimals, no space."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    digits = _babel_decimal(abs(int(amount)), format="#,##0", locale="id_ID")
    return f"{sign}Rp{digits}"


def format_count(value: int) -> str:
    """``1.234``: a whole count with the thousands separator of the current language."""
    return _babel_decimal(int(value), format="#,##0", locale=_locale())


def format_number(value: float | None, decimals: int = 1) -> str:
    """A measurement with a decimal comma, e.g. ``12,5`` (kg or cm) or ``-2,01`` (z-score)."""
    if value is None:
        return ""
    pattern = "0." + "0" * decimals if decimals else "0"
    return _babel_decimal(round_half_away(value, decimals), format=pattern, locale=_locale())


def round_half_away(value: float, decimals: int = 2) -> Decimal:
    """Round half away from zero on the number as written (its shortest repr), not on the binary
    float: -2.005 is -2,01, as a person rounding the printed value would get."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # never show "-0,00"


def format_percent(numerator: int, denominator: int, decimals: int = 1) -> str:
    """``38,8%``; ``-`` when the denominator is zero."""
    if not denominator:
        return "-"
    return format_number(100 * numerator / denominator, decimals) + "%"


def month_name_id(month: int) -> str:
    """Indonesian month name (1-12), for parsing and for places where Babel is not wanted."""
    return _MONTHS_ID[month - 1]


def format_nip(value: str | None) -> str:
    """A NIP as printed on Indonesian letters, ``19700101 199503 1 002`` (birth date, TMT, sex,
    sequence): the one grouping every report and screen uses. Anything that is not 18 digits
    (a NIP typed short, an old 9-digit NIP) is returned as stored, stripped; None gives ""."""
    if not value:
        return ""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 18 or len(digits) != len(value.replace(" ", "").strip()):
        return value.strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
