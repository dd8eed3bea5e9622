"""Reading one spreadsheet cell the way a person meant it, or saying clearly why not.

Real district files hold numbers typed as text and text stored as numbers: NIKs as numeric cells
(fine when all 16 digits survived) or in scientific notation (refused: the digits are gone),
dates as date cells, Excel serial numbers or text such as ``05/01/2023``, ``5 Januari 2023`` or
``05-Jan-2023``, decimals with a comma. Every parser takes the raw cell value (``None``, ``str``,
``int``, ``float``, ``bool``, ``datetime``, ``date``) and returns a Python value or raises
:class:`CellProblem` with an Indonesian message; the caller adds the column name. Pure Python.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.core import clock
from desktop_app.core.i18n import _

__all__ = [
    "CellProblem",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_flag",
    "parse_id_number",
    "parse_sex",
    "parse_text",
]

_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$", re.ASCII)
_INTEGER_FLOAT_TEXT = re.compile(r"^(\d+)[.,]0+$", re.ASCII)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})$", re.ASCII)
_NAMED_DATE = re.compile(r"^(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.,]*(\d{2,4})$", re.ASCII)
_ISO_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", re.ASCII)
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1 Jan 1900 (Excel's 1900 leap-year bug absorbed)
_SERIAL_RANGE = (1, 2_958_465)  # 1 Jan 1900 .. 31 Dec 9999
#: Significant digits Excel keeps in a number; later digits are stored as zeros.
_EXCEL_DIGITS = 15
#: Below this every integer is exactly a double (a spreadsheet number).
_EXACT_LIMIT = 2**53
_UNITS = re.compile(r"\s*(kg|cm|gram|gr|g)\.?$", re.IGNORECASE)

_MONTHS = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "aug", "agus"),
    9: ("september", "sep", "sept"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}
MONTH_NUMBERS = {name: number for number, names in _MONTHS.items() for name in names}

_SEXES = {
    "l": "L", "lk": "L", "laki": "L", "laki-laki": "L", "laki laki": "L", "lakilaki": "L",
    "pria": "L", "male": "L", "m": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
}  # fmt: skip
_FLAGS = {
    "ya": True, "y": True, "ada": True, "1": True, "true": True, "benar": True, "v": True,
    "tidak": False, "t": False, "tidak ada": False, "0": False, "false": False, "-": False,
    "salah": False, "n": False,
}  # fmt: skip


class CellProblem(ValueError):
    """A cell that cannot be read; ``str()`` is the Indonesian reason without the column name."""


def _shown(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_text(value: Any) -> str:
    """Text as typed; a whole number stored as a number reads as ``3``, not ``3.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def parse_id_number(value: Any, *, label: str, length: int) -> str:
    """A NIK, No. KK or NIP as its digits. A numeric cell is accepted only when it is a whole
    number of exactly ``length`` digits that Excel could not have damaged: Excel keeps 15
    significant digits and turns the rest into zeros (1902011412241237 is stored as
    1902011412241230, a valid-looking wrong NIK), and a double holds every integer only below
    2**53; such a cell is refused rather than guessed. Scientific notation is refused because the
    digits are gone. Length and checksum rules stay with the services' validators."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellProblem(_lost_digits(label, value))
        number = int(value)
    else:
        text = str(value).strip().lstrip("'")
        if _SCIENTIFIC.match(text.replace(" ", "")):
            raise CellProblem(_scientific(label, text))
        whole = _INTEGER_FLOAT_TEXT.match(text)
        return whole.group(1) if whole and len(whole.group(1)) == length else text
    digits = str(number)
    if len(digits) != length:
        raise CellProblem(_lost_digits(label, value))
    if number >= _EXACT_LIMIT or not digits[_EXCEL_DIGITS:].strip("0"):
        raise CellProblem(
            _(
                "{label} tersimpan sebagai angka di Excel; ubah kolom menjadi Teks dan salin ulang"
            ).format(label=label)
        )
    return digits


def _scientific(label: str, shown: str) -> str:
    return _(
        "{label} tertulis dalam format ilmiah ({value}) sehingga digitnya hilang; "
        "format kolom sebagai Teks lalu ketik ulang"
    ).format(label=label, value=_shown(shown))


def _lost_digits(label: str, value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and abs(value) >= 1e11:
        return _scientific(label, f"{value:.5E}".replace("E+0", "E+"))
    return _(
        "{label} tersimpan sebagai angka ({value}) dan bukan {label} yang utuh; "
        "format kolom sebagai Teks lalu ketik ulang"
    ).format(label=label, value=_shown(value))


def _from_serial(serial: float) -> date:
    if not math.isfinite(serial) or not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise CellProblem(_("angka {value} bukan tanggal").format(value=_shown(serial)))
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _full_year(year: int, today: date) -> int:
    if year >= 100:
        return year
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellProblem(
            _("tanggal {value} tidak ada di kalender (tulis hari/bulan/tahun)").format(
                value=_shown(text)
            )
        ) from None


def parse_date(value: Any, *, today: date | None = None) -> date | None:
    """A date from a date cell, an Excel serial, ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``d/m/yy``,
    ``yyyy-mm-dd``, ``5 Januari 2023`` or ``05-Jan-2023``; None for an empty cell."""
    today = today or clock.today()
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellProblem(_("nilai {value} bukan tanggal").format(value=value))
    if isinstance(value, int | float):
        return _from_serial(float(value))
    text = " ".join(str(value).split())
    iso = _ISO_WITH_TIME.match(text)
    if iso:
        text = iso.group(1)
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return _from_serial(float(text))
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, second, third = numeric.groups()
        if len(first) == 4:  # yyyy-mm-dd
            return _make_date(int(first), int(second), int(third), text)
        if len(third) in (2, 4):
            return _make_date(_full_year(int(third), today), int(second), int(first), text)
    named = _NAMED_DATE.match(text)
    if named:
        day, month_name, year = named.groups()
        month = MONTH_NUMBERS.get(month_name.casefold())
        if month is not None:
            return _make_date(_full_year(int(year), today), month, int(day), text)
    raise CellProblem(
        _("{value} tidak dikenali sebagai tanggal (contoh: 05/01/2023 atau 5 Januari 2023)").format(
            value=_shown(text)
        )
    )


def parse_decimal(value: Any) -> float | None:
    """A measurement such as ``10,5``, ``10.5``, ``10,5 kg`` or a numeric cell; None if empty."""
    if value is None or isinstance(value, datetime | date):
        if value is None:
            return None
        raise CellProblem(_("berisi tanggal, bukan angka"))
    if isinstance(value, bool):
        raise CellProblem(_("nilai {value} bukan angka").format(value=value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _UNITS.sub("", str(value).strip()).replace(" ", "")
        if not text:
            return None
        if "," in text and "." in text:  # 1.234,5
            text = text.replace(".", "")
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise CellProblem(
                _("{value} bukan angka (contoh: 10,5)").format(value=_shown(value))
            ) from None
    if not math.isfinite(number):
        raise CellProblem(_("{value} bukan angka").format(value=_shown(value)))
    return number


def _key(value: Any) -> str:
    return " ".join(parse_text(value).casefold().replace(".", " ").split())


def parse_sex(value: Any) -> str:
    """``L`` or ``P`` from L/P, Laki-laki/Perempuan, Pria/Wanita, LK/PR; "" when empty."""
    key = _key(value)
    if not key:
        return ""
    if key in _SEXES:
        return _SEXES[key]
    raise CellProblem(
        _("{value} bukan jenis kelamin (isi L atau P, Laki-laki atau Perempuan)").format(
            value=_shown(value)
        )
    )


def parse_flag(value: Any) -> bool | None:
    """Ya/Tidak (also Y/T, 1/0, Ada/Tidak ada); None when empty."""
    key = _key(value)
    if not key:
        return None
    if key in _FLAGS:
        return _FLAGS[key]
    raise CellProblem(_("{value} bukan Ya atau Tidak").format(value=_shown(value)))


def parse_choice(value: Any, choices: dict[str, str], allowed: str) -> str:
    """A code from ``choices`` (spelling -> code, spellings case-folded); "" when empty.
    ``allowed`` is how the message lists the accepted values."""
    key = _key(value)
    if not key:
        return ""
    if key in choices:
        return choices[key]
    raise CellProblem(
        _("{value} tidak dikenal (isi salah satu: {allowed})").format(
            value=_shown(value), allowed=allowed
        )
    )
