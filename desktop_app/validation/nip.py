"""NIP (Nomor Induk Pegawai) of an ASN: 18 digits.

PNS: birth date ``yyyymmdd``, appointment (TMT CPNS) ``yyyymm``, sex digit (1 man, 2 woman),
sequence ``001``-``999``. PPPK (contract ASN, UU 20/2023) have the appointment year followed by
the code ``21`` in place of the month; both kinds are ASN and may be foster parents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core import clock
from desktop_app.core.formatting import format_date, format_month
from desktop_app.core.i18n import _
from desktop_app.validation.common import InvalidNumberError, digits_only, is_ascii_digits

__all__ = ["NipInfo", "make_nip", "nip_problem", "parse_nip"]

NIP_LENGTH = 18
_PPPK_CODE = "21"
_SEX_DIGITS = {"1": "L", "2": "P"}
MIN_AGE_AT_APPOINTMENT = 18
MAX_AGE_AT_APPOINTMENT = 65


@dataclass(frozen=True)
class NipInfo:
    """What a NIP says. ``appointment_month`` is the first day of the month of appointment
    (for PPPK, whose NIP carries only the year, 1 January of that year)."""

    birth_date: date
    appointment_month: date
    sex: str  # "L" | "P"
    sequence: int
    kind: str = "pns"  # "pns" | "pppk"


def _birthday(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born 29 February: the birthday falls on 1 March in common years
        return date(birth.year + years, 3, 1)


def _fail(message: str) -> InvalidNumberError:
    return InvalidNumberError(message)


def parse_nip(value: str, *, today: date | None = None) -> NipInfo:
    """Decode and check a NIP (spaces allowed). Raises ``InvalidNumberError`` saying why."""
    today = today or clock.today()
    digits = digits_only(value)
    if digits and not is_ascii_digits(digits):
        raise _fail(_("NIP hanya boleh berisi angka"))
    if len(digits) != NIP_LENGTH:
        raise _fail(_("NIP harus 18 angka (tertulis {count} angka)").format(count=len(digits)))
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900 or birth > today:
        raise _fail(
            _("NIP tidak valid: angka ke-1 sampai 8 ({value}) bukan tanggal lahir yang ada").format(
                value=digits[0:8]
            )
        )
    kind = "pppk" if digits[12:14] == _PPPK_CODE else "pns"
    month = 1 if kind == "pppk" else int(digits[12:14])
    if not 1 <= month <= 12 or int(digits[8:12]) < 1900:
        raise _fail(
            _("NIP tidak valid: angka ke-9 sampai 14 ({value}) bukan bulan pengangkatan").format(
                value=digits[8:14]
            )
        )
    appointed = date(int(digits[8:12]), month, 1)
    if appointed > today:
        raise _fail(
            _("NIP tidak valid: bulan pengangkatan {month} belum terjadi").format(
                month=format_month(appointed)
            )
        )
    if appointed < _birthday(birth, MIN_AGE_AT_APPOINTMENT) and kind == "pns":
        raise _fail(
            _(
                "NIP tidak valid: pengangkatan {month} sebelum berusia 18 tahun (lahir {birth})"
            ).format(month=format_month(appointed), birth=format_date(birth))
        )
    if kind == "pppk" and appointed.year < _birthday(birth, MIN_AGE_AT_APPOINTMENT).year:
        raise _fail(
            _("NIP tidak valid: pengangkatan tahun {year} sebelum berusia 18 tahun").format(
                year=appointed.year
            )
        )
    if appointed >= _birthday(birth, MAX_AGE_AT_APPOINTMENT + 1):
        raise _fail(_("NIP tidak valid: usia saat pengangkatan lebih dari 65 tahun"))
    sex = _SEX_DIGITS.get(digits[14])
    if sex is None:
        raise _fail(
            _("NIP tidak valid: angka ke-15 (jenis kelamin) harus 1 atau 2, bukan {digit}").format(
                digit=digits[14]
            )
        )
    sequence = int(digits[15:18])
    if sequence == 0:
        raise _fail(_("NIP tidak valid: nomor urut 000 tidak ada"))
    return NipInfo(birth, appointed, sex, sequence, kind)


def nip_problem(value: str, *, today: date | None = None) -> str | None:
    """Why ``value`` cannot be a NIP, or None."""
    try:
        parse_nip(value, today=today)
    except InvalidNumberError as error:
        return str(error)
    return None


def make_nip(
    *, birth_date: date, appointment_month: date, sex: str, sequence: int = 1, pppk: bool = False
) -> str:
    """A NIP for test and demo data (the caller chooses plausible dates)."""
    if sex not in _SEX_DIGITS.values() or not 1 <= sequence <= 999:
        raise ValueError(f"bad sex {sex!r} or sequence {sequence}")
    sex_digit = "1" if sex == "L" else "2"
    month = _PPPK_CODE if pppk else f"{appointment_month.month:02d}"
    return f"{birth_date:%Y%m%d}{appointment_month.year:04d}{month}{sex_digit}{sequence:03d}"
