"""Reading a date or a month as people type them in Indonesia (no Qt here, so it is testable).

A cadre types ``20062024``, ``20/06/2024``, ``20-6-2024``, ``20.06.24``, ``20 Juni 2024`` or
``20 jun 2024``; an office worker may paste ``2024-06-20``. All of them mean 20 June 2024. What
cannot be a date (``31/02/2024``, month 13) is an error that names the problem; it never becomes
another day, which is what Qt's ``QDateEdit`` did (typing over ``20/06/2024`` saved 13/06/2024).

A two-digit year is read against the clock's year: ``24`` is 2024 unless that lies beyond the
latest year the field allows (a birth date is never in the future), then it is 1924.

Errors are :class:`DateInputError`; ``incomplete`` says the text may still become a date as the
user goes on typing (``20/06``), so a field can wait before showing it in red.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from desktop_app.core.i18n import _, current_language

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "DateInputError",
    "month_number",
    "parse_date",
    "parse_month",
]

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
#: Without a latest date, a two-digit year may reach this many years past the clock's year.
FUTURE_WINDOW_YEARS = 20

# Full month names, Indonesian then English; abbreviations below. Keys are lower case.
_FULL_NAMES: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12,
}  # fmt: skip
_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "ags": 8, "agus": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11,
    "nop": 11, "des": 12, "dec": 12, "dek": 12,
}  # fmt: skip

_ID_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
_EN_MONTHS = tuple(calendar.month_name[1:])

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_SEPARATORS = re.compile(r"^[\s/.\-,]*$")


class DateInputError(ValueError):
    """Typed text that is not a date; ``message`` is shown to the user as it is."""

    def __init__(self, message: str, *, incomplete: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.incomplete = incomplete


def month_name(month: int) -> str:
    """``Juni`` (or ``June`` in English): for messages, without Babel."""
    names = _ID_MONTHS if current_language() == "id" else _EN_MONTHS
    return names[month - 1]


def _long(day: date) -> str:
    return f"{day.day} {month_name(day.month)} {day.year}"


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in Indonesian or English, else None.

    A word of three letters or more that begins only one month's names also counts
    (``Agust``, ``Septem``), so a cadre need not know which abbreviation is "right".
    """
    key = word.lower().rstrip(".")
    if key in _FULL_NAMES:
        return _FULL_NAMES[key]
    if key in _ABBREVIATIONS:
        return _ABBREVIATIONS[key]
    if len(key) >= 3:
        found = {number for name, number in _FULL_NAMES.items() if name.startswith(key)}
        if len(found) == 1:
            return found.pop()
    return None


def _tokens(text: str) -> list[str]:
    cleaned = text.strip()
    pieces = _TOKEN.findall(cleaned)
    rest = _TOKEN.sub(" ", cleaned)
    if not _SEPARATORS.match(rest):
        bad = next(ch for ch in rest if not (ch.isspace() or ch in "/.-,"))
        message = _("Karakter \u201c{char}\u201d tidak dipakai dalam tanggal")
        raise DateInputError(message.format(char=bad))
    return pieces


def _year(token: str, *, today: date, latest: date | None) -> int:
    """A four-digit year as typed; a two-digit one by the pivot described in the module."""
    if len(token) == 4:
        year = int(token)
    elif len(token) == 2:
        limit = latest.year if latest is not None else today.year + FUTURE_WINDOW_YEARS
        year = 2000 + int(token)
        if year > limit:
            year -= 100
    elif len(token) in (1, 3):
        raise DateInputError(_("Tahun ditulis 4 angka, mis. 2024"), incomplete=True)
    else:
        raise DateInputError(_("Tahun \u201c{year}\u201d terlalu panjang").format(year=token))
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateInputError(
            _("Tahun {year} di luar {low}\u2013{high}").format(
                year=year, low=EARLIEST_YEAR, high=LATEST_YEAR
            )
        )
    return year


def _month_token(token: str) -> int:
    if token.isdigit():
        number = int(token)
        if not 1 <= number <= 12:
            raise DateInputError(_("Bulan {month} tidak ada (1\u201312)").format(month=number))
        return number
    named = month_number(token)
    if named is None:
        raise DateInputError(
            _("Nama bulan \u201c{word}\u201d tidak dikenal").format(word=token),
            incomplete=len(token) < 3,
        )
    return named


def _build(day: int, month: int, year: int) -> date:
    if day < 1 or day > 31:
        raise DateInputError(_("Tanggal {day} tidak ada (1\u201331)").format(day=day))
    last = calendar.monthrange(year, month)[1]
    if day > last:
        if month == 2 and day == 29:
            raise DateInputError(
                _("29 Februari {year} tidak ada ({year} bukan tahun kabisat)").format(year=year)
            )
        raise DateInputError(
            _("{day} {month} {year} tidak ada (hanya {last} hari)").format(
                day=day, month=month_name(month), year=year, last=last
            )
        )
    return date(year, month, day)


def _split_digits(digits: str) -> tuple[str, str, str]:
    """``20062024`` -> 20, 06, 2024; ``200624`` -> 20, 06, 24; other lengths are ambiguous."""
    if len(digits) == 8:
        in_range = range(EARLIEST_YEAR, LATEST_YEAR + 1)
        if int(digits[4:]) not in in_range and int(digits[:4]) in in_range:
            return digits[6:], digits[4:6], digits[:4]  # 20240620: year first
        return digits[:2], digits[2:4], digits[4:]
    if len(digits) == 6:
        return digits[:2], digits[2:4], digits[4:]
    if len(digits) < 6:
        raise DateInputError(_("Tanggal belum lengkap (hh/bb/tttt)"), incomplete=True)
    if len(digits) == 7:
        message = _(
            "7 angka bisa dibaca dua cara; tulis 8 angka (ddmmyyyy) atau pakai \u201c/\u201d"
        )
        raise DateInputError(message, incomplete=True)
    raise DateInputError(_("Terlalu banyak angka untuk satu tanggal"))


def _check_range(value: date, earliest: date | None, latest: date | None, today: date) -> None:
    if latest is not None and value > latest:
        if latest == today:
            raise DateInputError(
                _("{date} belum terjadi: paling lambat hari ini ({today})").format(
                    date=_long(value), today=_long(today)
                )
            )
        raise DateInputError(_("Paling lambat {date}").format(date=_long(latest)))
    if earliest is not None and value < earliest:
        raise DateInputError(_("Paling awal {date}").format(date=_long(earliest)))


def parse_date(
    text: str, *, today: date, earliest: date | None = None, latest: date | None = None
) -> date | None:
    """The date ``text`` means, None for blank text; :class:`DateInputError` otherwise.

    ``today`` comes from ``core.clock`` (the pivot for two-digit years); ``earliest`` and
    ``latest`` bound the answer (inclusive) and steer the pivot.
    """
    if not text.strip():
        return None
    tokens = _tokens(text)
    for index, token in enumerate(tokens):
        if not token.isdigit() and month_number(token) is None:
            still_typing = index == len(tokens) - 1 and len(token) < 3
            raise DateInputError(
                _("Nama bulan \u201c{word}\u201d tidak dikenal").format(word=token),
                incomplete=still_typing,
            )
    if len(tokens) == 1 and tokens[0].isdigit():
        tokens = list(_split_digits(tokens[0]))
    if len(tokens) < 3:
        if len(tokens) == 2 and not tokens[1].isdigit():
            raise DateInputError(_("Tahun belum diisi"), incomplete=True)
        if len(tokens) == 2 and tokens[0].isdigit() and tokens[1].isdigit():
            _month_token(tokens[1])
            raise DateInputError(_("Tahun belum diisi"), incomplete=True)
        raise DateInputError(_("Tanggal belum lengkap (hh/bb/tttt)"), incomplete=True)
    if len(tokens) > 3:
        raise DateInputError(_("Terlalu banyak bagian; tulis hh/bb/tttt"))
    first, second, third = tokens
    if len(first) == 4 and first.isdigit():  # 2024-06-20, as exports and databases write
        first, third = third, first
    if not first.isdigit():
        if second.isdigit() and month_number(first) is not None:  # "June 20 2024"
            first, second = second, first
        else:
            raise DateInputError(_("Tanggal harus diawali angka hari, mis. 20/06/2024"))
    if not third.isdigit():
        raise DateInputError(_("Tahun harus berupa angka"))
    month = _month_token(second)
    year = _year(third, today=today, latest=latest)
    value = _build(int(first), month, year)
    _check_range(value, earliest, latest, today)
    return value


def parse_month(
    text: str, *, today: date, earliest: date | None = None, latest: date | None = None
) -> date | None:
    """The month ``text`` means as its first day, None for blank text.

    Accepts ``11/2026``, ``11-26``, ``112026``, ``2026-11``, ``Nov 2026``, ``November 2026``.
    """
    if not text.strip():
        return None
    tokens = _tokens(text)
    if len(tokens) == 1 and tokens[0].isdigit():
        digits = tokens[0]
        if len(digits) not in (4, 6):
            raise DateInputError(_("Bulan belum lengkap (bb/tttt)"), incomplete=True)
        tokens = [digits[:2], digits[2:]]
    if len(tokens) == 1:
        _month_token(tokens[0])
        raise DateInputError(_("Tahun belum diisi"), incomplete=True)
    if len(tokens) > 2:
        raise DateInputError(_("Tulis bulan dan tahun saja, mis. 11/2026"))
    first, second = tokens
    if len(first) == 4 and first.isdigit():  # 2026-11
        first, second = second, first
    if not second.isdigit():
        raise DateInputError(_("Tahun harus berupa angka"))
    month = _month_token(first)
    year = _year(second, today=today, latest=latest)
    value = date(year, month, 1)
    if latest is not None and value > latest.replace(day=1):
        raise DateInputError(
            _("Paling lambat {month} {year}").format(
                month=month_name(latest.month), year=latest.year
            )
        )
    if earliest is not None and value < earliest.replace(day=1):
        raise DateInputError(
            _("Paling awal {month} {year}").format(
                month=month_name(earliest.month), year=earliest.year
            )
        )
    return value
