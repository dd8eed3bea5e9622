"""Text clean-up and the small formats every form shares: names, phone numbers, e-mail.

Pure functions, no database: forms call them before validating, so what is checked is what is
stored (no stray spaces, one spelling of a phone number).
"""

from __future__ import annotations

import re

from desktop_app.core.i18n import _
from desktop_app.validation.text import nfc

__all__ = [
    "InvalidNumberError",
    "collapse_spaces",
    "comparison_key",
    "digits_only",
    "is_ascii_digits",
    "email_problem",
    "normalise_name",
    "normalise_phone",
    "phone_problem",
]

_SPACES = re.compile(r"\s+")
_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class InvalidNumberError(ValueError):
    """An identity number (NIK, No. KK, NIP) that cannot be right; ``str()`` is the user message
    in Indonesian, naming the number and what is wrong with it."""


def collapse_spaces(value: str | None) -> str:
    """NFC-normalise, strip and collapse runs of whitespace (tabs, newlines too) to one space;
    None -> "". Characters no one types on purpose are left for ``text_problem`` to refuse."""
    return _SPACES.sub(" ", nfc(value or "")).strip()


def is_ascii_digits(value: str) -> bool:
    """Only 0-9 (``str.isdigit`` also accepts "²" and Arabic-Indic digits, which int() or a
    region code would choke on). False for the empty string."""
    return value.isascii() and value.isdigit()


def comparison_key(value: str | None) -> str:
    """How two names are compared for "the same": spaces collapsed, case folded."""
    return collapse_spaces(value).casefold()


def digits_only(value: str | None) -> str:
    """``value`` without spaces, dots and dashes, which people type inside long numbers."""
    return _PHONE_SEPARATORS.sub("", value or "")


def _title_word(word: str) -> str:
    # str.title() would write "Nur'Aini" and "Muh.Ali"; capitalise only after a space or hyphen.
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def normalise_name(value: str | None) -> str:
    """Collapse spaces; a name typed ALL IN CAPITALS becomes Title Case ("SITI NUR'AINI" ->
    "Siti Nur'aini"). Mixed case is left as typed: the user chose it (e.g. "La Ode", "van")."""
    text = collapse_spaces(value)
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return " ".join(_title_word(w) for w in text.split(" "))
    return text


def normalise_phone(value: str | None) -> str:
    """Phone number as digits in national form: ``+62 812-3456-7890`` -> ``081234567890``.

    Invalid input is returned with only the separators removed, for ``phone_problem`` to reject.
    """
    text = digits_only(value)
    if text.startswith("+62"):
        return "0" + text[3:]
    if text.startswith("62") and len(text) >= 10:
        return "0" + text[2:]
    return text


def phone_problem(normalised: str) -> str | None:
    """Why a normalised phone number is not one, or None. Empty is not checked here.

    Indonesian numbers start with 0 (mobile 08..., landline with area code such as 0719) and
    have 9 to 13 digits in national form.
    """
    if not is_ascii_digits(normalised):
        return _("Nomor telepon hanya boleh berisi angka (boleh diawali +62)")
    if not normalised.startswith("0") or normalised.startswith("00"):
        return _("Nomor telepon harus diawali 08, kode area (mis. 0719) atau +62")
    if not 9 <= len(normalised) <= 13:
        return _("Nomor telepon harus 9 sampai 13 angka")
    return None


def email_problem(value: str) -> str | None:
    """Why ``value`` is not an e-mail address, or None. Empty is not checked here."""
    if not _EMAIL.match(value):
        return _("Alamat email tidak valid (contoh: nama@kantor.go.id)")
    return None
