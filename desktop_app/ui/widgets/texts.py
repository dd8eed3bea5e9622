"""Short display texts shared by forms and pages: ages, masked identity numbers, decoded numbers.

Pure functions (no widgets) so pages and tests agree on exactly what the user reads.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.formatting import format_date, format_month
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.core.kemendagri import nik_region_note
from desktop_app.growth.age import completed_months
from desktop_app.validation.common import InvalidNumberError
from desktop_app.validation.nik import parse_nik
from desktop_app.validation.nip import parse_nip

SEX_LABELS = {"L": N_("Laki-laki"), "P": N_("Perempuan")}


def age_text(months: int) -> str:
    """``2 tahun 3 bulan (27 bulan)``; under a year ``7 bulan``."""
    years, rest = divmod(months, 12)
    if not years:
        return ngettext("{m} bulan", "{m} bulan", rest).format(m=rest)
    if not rest:
        return _("{y} tahun ({n} bulan)").format(y=years, n=months)
    return _("{y} tahun {m} bulan ({n} bulan)").format(y=years, m=rest, n=months)


def age_on(birth: date | None, on: date) -> str:
    """Age text on ``on``; "" when unknown or not yet born."""
    if birth is None or birth > on:
        return ""
    return age_text(completed_months(birth, on))


def nik_summary(value: str, *, regency_code: str = "") -> tuple[str, bool]:
    """What a complete NIK says (``Lahir 12 Maret 2024 · Perempuan · Kec. Tanjung Pandan,
    Kab. Belitung``) or its problem; ok flag (False too when the kecamatan is outside the
    district ``regency_code``)."""
    try:
        info = parse_nik(value)
    except InvalidNumberError as error:
        return str(error), False
    place, ok = nik_region_note(value, regency_code=regency_code)
    text = f"{_('Lahir')} {format_date(info.birth_date)} · {_(SEX_LABELS[info.sex])}"
    return (f"{text} · {place}" if place else text), ok


def nip_summary(value: str) -> tuple[str, bool]:
    """``Lahir 12 Maret 1985 · TMT Januari 2010 · Laki-laki`` or the NIP's problem; ok flag."""
    try:
        info = parse_nip(value)
    except InvalidNumberError as error:
        return str(error), False
    return (
        f"{_('Lahir')} {format_date(info.birth_date)} · "
        f"TMT {format_month(info.appointment_month)} · {_(SEX_LABELS[info.sex])}",
        True,
    )
