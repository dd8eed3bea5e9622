"""Identity numbers and contact details for synthetic people: NIK, No. KK, NIP, phone, address.

The numbers are built with the ``make_*`` helpers of :mod:`desktop_app.validation`, so they obey
exactly the rules the forms enforce. :class:`NumberBook` hands out sequence numbers per prefix
(region + date) so no two people share a NIK, a family card or a NIP.
"""

from __future__ import annotations

import random
from datetime import date

from desktop_app.validation import make_nik, make_nip, make_no_kk

__all__ = ["NumberBook", "address", "phone_number", "rt_rw"]

# Mobile prefixes of Indonesian operators (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
_MOBILE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0814", "0815",
    "0816", "0855", "0856", "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878",
    "0831", "0832", "0838", "0895", "0896", "0897", "0898", "0881", "0882", "0887",
)  # fmt: skip
_STREETS = (
    "Jl. Melati", "Jl. Merdeka", "Jl. Pelabuhan", "Jl. Sudirman", "Jl. Anggrek", "Jl. Masjid",
    "Jl. Pantai", "Jl. Kampung Baru", "Jl. Raya", "Jl. Sekolah", "Jl. Air Raya", "Gg. Mawar",
    "Gg. Musholla", "Gg. Damai", "Jl. Pasar", "Jl. Lintas Timur",
)  # fmt: skip
_DUSUN = ("Dusun I", "Dusun II", "Dusun III", "Dusun IV", "Dusun Air Lancar", "Dusun Pangkal")


class NumberBook:
    """Unique NIK, No. KK and NIP for one demo database.

    Sequences start low and climb in small random steps per prefix, as a population register's
    would; the 4-digit (NIK, KK) and 3-digit (NIP) sequence spaces are far from exhausted.
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._last: dict[str, int] = {}

    def _next(self, prefix: str) -> int:
        sequence = self._last.get(prefix, 0) + self._rng.randint(1, 3)
        self._last[prefix] = sequence
        return sequence

    def nik(self, *, region: str, birth_date: date, sex: str) -> str:
        """A NIK registered in ``region`` (6 digits) for someone born on ``birth_date``."""
        prefix = f"nik{region}{birth_date:%y%m%d}{sex}"
        return make_nik(region=region, birth_date=birth_date, sex=sex, sequence=self._next(prefix))

    def no_kk(self, *, region: str, issued_on: date) -> str:
        """A family card number issued in ``region`` on ``issued_on``."""
        prefix = f"kk{region}{issued_on:%y%m%d}"
        return make_no_kk(region=region, issued_on=issued_on, sequence=self._next(prefix))

    def nip(self, *, birth_date: date, appointment_month: date, sex: str) -> str:
        """An 18-digit NIP (PNS form)."""
        prefix = f"nip{birth_date:%Y%m%d}{appointment_month:%Y%m}{sex}"
        return make_nip(
            birth_date=birth_date,
            appointment_month=appointment_month,
            sex=sex,
            sequence=self._next(prefix),
        )


def phone_number(rng: random.Random) -> str:
    """A mobile number in national form, 11-13 digits (``0812...``)."""
    rest = rng.randint(7, 9)
    return rng.choice(_MOBILE_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(rest))


def rt_rw(rng: random.Random) -> tuple[str, str]:
    """RT and RW as printed on a KTP: three digits each (``003``, ``002``)."""
    return f"{rng.randint(1, 18):03d}", f"{rng.randint(1, 6):03d}"


def address(rng: random.Random) -> str:
    """A street or hamlet address; the RT/RW and desa are stored in their own columns."""
    if rng.random() < 0.35:
        return rng.choice(_DUSUN)
    return f"{rng.choice(_STREETS)} No. {rng.randint(1, 120)}"
