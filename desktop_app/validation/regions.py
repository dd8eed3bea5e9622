"""Indonesian region codes (kode wilayah Kemendagri) as far as a NIK or No. KK can be checked.

Both numbers start with six digits: province (2), regency/city (2), district (2). We can check the
province against the official list below; the regency and district lists change every few years
and are long, so for them only the impossible value ``00`` is refused.

Source: Kepmendagri No. 100.1.1-6117 Tahun 2022 (the four new Papua provinces, codes 93-96, and
Papua Barat Daya 96 added 2022).
"""

from __future__ import annotations

from desktop_app.core.i18n import _

__all__ = ["PROVINCE_CODES", "region_code_problem"]

PROVINCE_CODES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def region_code_problem(digits: str, *, label: str) -> str | None:
    """Why the first six digits of ``digits`` cannot be a region code, or None if plausible.

    ``label`` names the field in the message ("NIK", "No. KK"), so one check serves both.
    """
    province, regency, district = digits[0:2], digits[2:4], digits[4:6]
    if province not in PROVINCE_CODES:
        return _("{label} tidak valid: kode provinsi {code} tidak dikenal").format(
            label=label, code=province
        )
    if regency == "00":
        return _("{label} tidak valid: kode kabupaten/kota 00 tidak ada").format(label=label)
    if district == "00":
        return _("{label} tidak valid: kode kecamatan 00 tidak ada").format(label=label)
    return None
