"""The one rule for free text entering Asuh (forms, import rows, services): what may be stored.

Text is NFC-normalised (an "é" typed as e + combining accent and one pasted as a single
character are the same name, found by the same search). Characters nobody types on purpose are
refused, naming the field, rather than silently stored: control characters (a BEL pasted from an
old system breaks every Excel export, since XML cannot hold it) and the invisible format
characters (U+202E right-to-left override makes "Budi" read backwards, U+200B zero-width space
makes two equal-looking names differ). A multi-line field (visit notes) may hold tab and line
breaks; in one-line fields the normalisers have already turned those into spaces. The length
limit (the column's) is checked here too. Forms call it through
:meth:`desktop_app.core.records.FieldErrors.check_text`, received sync rows in ``sync.rows``.
"""

from __future__ import annotations

import unicodedata

from desktop_app.core.i18n import _

__all__ = ["nfc", "text_problem"]

#: Unicode categories refused: controls, format (bidi, zero-width, BOM), line/paragraph
#: separators, surrogates and noncharacters/unassigned.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})
_MULTILINE_ALLOWED = frozenset("\t\n\r")


def nfc(value: str) -> str:
    """``value`` in Unicode normal form C (composed characters)."""
    return unicodedata.normalize("NFC", value)


def text_problem(
    value: str, label: str, *, limit: int | None = None, multiline: bool = False
) -> str | None:
    """Why ``value`` may not be stored in the field called ``label`` (a refused character, or
    more than ``limit`` characters, the column's length), or None."""
    for char in value:
        if unicodedata.category(char) in _REFUSED_CATEGORIES and not (
            multiline and char in _MULTILINE_ALLOWED
        ):
            return _(
                "{label} berisi karakter tersembunyi atau karakter kendali ({code}); "
                "hapus karakter itu lalu ketik ulang"
            ).format(label=label, code=f"U+{ord(char):04X}")
    if limit is not None and len(value) > limit:
        return _("{label} terlalu panjang (paling banyak {limit} huruf)").format(
            label=label, limit=limit
        )
    return None
