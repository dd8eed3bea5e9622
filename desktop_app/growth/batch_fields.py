"""Cell parsers for the batch z-score CSV, tolerant of how Indonesian spreadsheets write data.

Each parser takes the raw cell text and returns a value, ``None`` for an empty cell, or raises
:class:`CellError` with an Indonesian message naming the column and the problem (shown to the
user in the output's ``error`` column).
"""

from __future__ import annotations

import math
from datetime import date, datetime

from desktop_app.core.i18n import _
from desktop_app.growth.bulk import MEASURE_HEIGHT, MEASURE_LENGTH, MEASURE_UNKNOWN

__all__ = [
    "CellError",
    "parse_date",
    "parse_measure",
    "parse_number",
    "parse_oedema",
    "parse_sex",
]


class CellError(ValueError):
    """A cell that cannot be read; ``str()`` is the Indonesian message for the user."""


_SEXES = {
    "1": 1, "l": 1, "lk": 1, "laki-laki": 1, "laki laki": 1, "laki": 1, "m": 1, "male": 1,
    "2": 2, "p": 2, "pr": 2, "perempuan": 2, "f": 2, "female": 2,
}  # fmt: skip
_MEASURES = {
    "l": MEASURE_LENGTH, "pb": MEASURE_LENGTH, "terlentang": MEASURE_LENGTH,
    "h": MEASURE_HEIGHT, "tb": MEASURE_HEIGHT, "berdiri": MEASURE_HEIGHT,
}  # fmt: skip
# "t" is "tidak" (the Indonesian Y/T convention); 1/2 is WHO Anthro's oedema coding.
_OEDEMA = {
    "y": True, "ya": True, "yes": True, "1": True, "true": True,
    "n": False, "t": False, "tidak": False, "no": False, "0": False, "2": False, "false": False,
}  # fmt: skip
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def _key(text: str) -> str:
    return text.strip().lower()


def parse_sex(text: str, column: str = "sex") -> int | None:
    """WHO code 1 (laki-laki) or 2 (perempuan) from 1/2, L/P, laki-laki/perempuan, M/F."""
    if not text.strip():
        return None
    try:
        return _SEXES[_key(text)]
    except KeyError:
        message = _("Kolom {column}: nilai '{value}' bukan 1/2 atau L/P")
        raise CellError(message.format(column=column, value=text.strip())) from None


def parse_number(text: str, column: str) -> float | None:
    """A decimal number with a point or a decimal comma ("10,5"); ``None`` if empty."""
    raw = text.strip()
    if not raw:
        return None
    normal = raw.replace(",", ".") if raw.count(",") == 1 and "." not in raw else raw
    try:
        value = float(normal)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        message = _("Kolom {column}: nilai '{value}' bukan angka")
        raise CellError(message.format(column=column, value=raw))
    return value


def parse_date(text: str, column: str) -> date | None:
    """A date as yyyy-mm-dd or dd/mm/yyyy (also dd-mm-yyyy); ``None`` if empty."""
    raw = text.strip()
    if not raw:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    message = _(
        "Kolom {column}: tanggal '{value}' tidak dikenali (gunakan yyyy-mm-dd atau dd/mm/yyyy)"
    )
    raise CellError(message.format(column=column, value=raw))


def parse_measure(text: str, column: str = "measure") -> int:
    """Position code: l/PB/terlentang lying, h/TB/berdiri standing, empty unknown."""
    if not text.strip():
        return MEASURE_UNKNOWN
    try:
        return _MEASURES[_key(text)]
    except KeyError:
        message = _("Kolom {column}: nilai '{value}' bukan l (terlentang) atau h (berdiri)")
        raise CellError(message.format(column=column, value=text.strip())) from None


def parse_oedema(text: str, column: str = "oedema") -> bool:
    """Oedema y/n (also ya/tidak, Y/T, 1/2 as WHO Anthro codes it); empty is no oedema."""
    if not text.strip():
        return False
    try:
        return _OEDEMA[_key(text)]
    except KeyError:
        message = _("Kolom {column}: nilai '{value}' bukan y atau n")
        raise CellError(message.format(column=column, value=text.strip())) from None
