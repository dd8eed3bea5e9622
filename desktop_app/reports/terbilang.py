"""Rupiah in Indonesian words ("terbilang"), as printed under totals on payment lists.

450000 -> "empat ratus lima puluh ribu rupiah". Indonesian contracts 1 before a unit:
"seratus", "seribu" (but "satu juta", "satu miliar"), and 11-19 use "belas" ("sebelas").
The words are Indonesian whatever the UI language: the list is a legal receipt.
"""

from __future__ import annotations

__all__ = ["terbilang", "terbilang_rupiah"]

_DIGITS = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
)  # fmt: skip
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append("seratus" if hundreds == 1 else f"{_DIGITS[hundreds]} ratus")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(f"{_DIGITS[tens]} puluh")
        if ones:
            words.append(_DIGITS[ones])
    elif rest >= 12:
        words.append(f"{_DIGITS[rest - 10]} belas")
    elif rest == 11:
        words.append("sebelas")
    elif rest == 10:
        words.append("sepuluh")
    elif rest:
        words.append(_DIGITS[rest])
    return words


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: 1350000 -> "satu juta tiga ratus lima puluh ribu"."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    words: list[str] = []
    for unit, name in _SCALES:
        count, n = divmod(n, unit)
        if count:
            words.extend([terbilang(count), name])
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words.extend([*_below_thousand(thousands), "ribu"])
    words.extend(_below_thousand(n))
    return " ".join(words)


def terbilang_rupiah(amount: int) -> str:
    """``450000`` -> ``"empat ratus lima puluh ribu rupiah"`` (integer rupiah)."""
    return f"{terbilang(int(amount))} rupiah"
