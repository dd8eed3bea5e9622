"""NIK (Nomor Induk Kependudukan): 16 digits ``PPRRDD DDMMYY SSSS``.

Region (province, regency, district), the birth date as DDMMYY with 40 added to the day for
women, and a 4-digit sequence. The birth date must agree with the person's recorded birth date
and sex, which catches most typing mistakes and numbers copied from the wrong family member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core import clock
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.validation.common import InvalidNumberError, digits_only, is_ascii_digits
from desktop_app.validation.regions import region_code_problem

__all__ = ["NikFill", "NikInfo", "make_nik", "nik_fill", "nik_problem", "parse_nik"]

NIK_LENGTH = 16
_FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikInfo:
    """What a NIK says. ``birth_date``'s century is guessed (the NIK has two year digits): the
    latest one not after ``today``."""

    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: str  # "L" | "P"
    sequence: int


def _check_digits(value: str, label: str, length: int) -> str:
    digits = digits_only(value)
    if digits and not is_ascii_digits(digits):
        raise InvalidNumberError(_("{label} hanya boleh berisi angka").format(label=label))
    if len(digits) != length:
        raise InvalidNumberError(
            _("{label} harus {length} angka (tertulis {count} angka)").format(
                label=label, length=length, count=len(digits)
            )
        )
    return digits


def check_region_number(value: str, *, label: str) -> str:
    """``value`` as 16 digits with a plausible region code (NIK and No. KK share this start)."""
    digits = _check_digits(value, label, NIK_LENGTH)
    problem = region_code_problem(digits, label=label)
    if problem:
        raise InvalidNumberError(problem)
    return digits


def _resolve_century(day: int, month: int, yy: int, today: date) -> date | None:
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            continue  # 29 February of a non-leap year: try the other century
        if candidate <= today:
            return candidate
    return None


def parse_nik(value: str, *, today: date | None = None) -> NikInfo:
    """Decode a NIK (spaces, dots and dashes allowed). Raises ``InvalidNumberError``."""
    digits = check_region_number(value, label="NIK")
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "P" if day > _FEMALE_DAY_OFFSET else "L"
    if sex == "P":
        day -= _FEMALE_DAY_OFFSET
    birth = _resolve_century(day, month, yy, today or clock.today())
    if birth is None:
        raise InvalidNumberError(
            _(
                "NIK tidak valid: angka ke-7 sampai 12 ({ddmmyy}) bukan tanggal lahir yang ada"
            ).format(ddmmyy=digits[6:12])
        )
    sequence = int(digits[12:16])
    if sequence == 0:
        raise InvalidNumberError(_("NIK tidak valid: nomor urut 0000 tidak ada"))
    return NikInfo(digits[0:2], digits[2:4], digits[4:6], birth, sex, sequence)


def _ddmmyy(birth_date: date, sex: str) -> str:
    day = birth_date.day + (_FEMALE_DAY_OFFSET if sex == "P" else 0)
    return f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"


def nik_problem(
    value: str,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    today: date | None = None,
) -> str | None:
    """Why ``value`` cannot be the NIK of a person born on ``birth_date`` with ``sex``, or None.

    Birth date and sex are compared only when given (a form may not have them yet).
    """
    try:
        info = parse_nik(value, today=today)
    except InvalidNumberError as error:
        return str(error)
    if birth_date is None:
        return None
    written = digits_only(value)[6:12]
    if sex not in ("L", "P"):  # sex not chosen yet: either encoding of the date will do
        if written in (_ddmmyy(birth_date, "L"), _ddmmyy(birth_date, "P")):
            return None
    elif written == _ddmmyy(birth_date, sex):
        return None
    elif written == _ddmmyy(birth_date, "P" if sex == "L" else "L"):
        if sex == "L":
            return _(
                "NIK ini milik perempuan (tanggal lahir ditambah 40), tetapi jenis kelamin "
                "anak laki-laki"
            )
        return _(
            "NIK ini milik laki-laki, tetapi jenis kelamin anak perempuan (pada NIK "
            "perempuan tanggal lahir ditambah 40)"
        )
    return _(
        "Tanggal lahir pada NIK ({nik_date}) tidak sama dengan tanggal lahir anak ({birth})"
    ).format(nik_date=format_date(info.birth_date), birth=format_date(birth_date))


@dataclass(frozen=True)
class NikFill:
    """What a form should do with a typed NIK: fill ``sex``/``birth_date`` (None: leave the
    field as it is) and show ``problem`` (None: the NIK agrees with what was typed)."""

    sex: str | None = None
    birth_date: date | None = None
    problem: str | None = None


def nik_fill(
    value: str,
    *,
    sex: str | None,
    birth_date: date | None,
    today: date | None = None,
) -> NikFill:
    """Fill what a complete, valid NIK knows into empty fields; compare it with filled ones.

    Only empty fields are filled (a typed value is the user's, never overwritten); a filled
    field that disagrees is reported with :func:`nik_problem`'s message (women's day + 40),
    judged against the values after filling. An incomplete or invalid NIK fills nothing.
    """
    try:
        info = parse_nik(value, today=today)
    except InvalidNumberError as error:
        if len(digits_only(value)) < NIK_LENGTH:
            return NikFill()
        return NikFill(problem=str(error))
    fill_sex = info.sex if sex not in ("L", "P") else None
    fill_birth = info.birth_date if birth_date is None else None
    problem = nik_problem(
        value,
        birth_date=birth_date or info.birth_date,
        sex=sex if fill_sex is None else info.sex,
        today=today,
    )
    return NikFill(fill_sex, fill_birth, problem)


def make_nik(*, region: str, birth_date: date, sex: str, sequence: int = 1) -> str:
    """A NIK for test and demo data: ``region`` is 6 digits (province, regency, district)."""
    if len(region) != 6 or not region.isdigit() or not 1 <= sequence <= 9999:
        raise ValueError(f"bad region {region!r} or sequence {sequence}")
    return f"{region}{_ddmmyy(birth_date, sex)}{sequence:04d}"
