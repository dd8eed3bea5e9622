"""Number texts for report cells: counts with a thousands dot, ratios, signed changes.

Builds on :mod:`desktop_app.core.formatting` (Indonesian formats) for what it lacks in tables.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from desktop_app.core.formatting import format_number
from desktop_app.core.i18n import current_language

__all__ = ["fmt_change", "fmt_int", "fmt_ratio"]


def fmt_int(value: int) -> str:
    """``12345`` -> ``12.345`` (Indonesian thousands dot)."""
    locale = "id_ID" if current_language() == "id" else "en_GB"
    return format_decimal(value, format="#,##0", locale=locale)


def fmt_ratio(fraction: float | None) -> str:
    """A fraction as a percentage with one decimal (``0.388`` -> ``38,8%``); ``-`` if none."""
    return "-" if fraction is None else format_number(100 * fraction, 1) + "%"


def fmt_change(change: int) -> str:
    """``+2``, ``-1`` or ``0``: a month-on-month change of a count."""
    return f"{change:+d}" if change else "0"
