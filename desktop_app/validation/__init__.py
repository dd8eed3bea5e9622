"""Validation of Indonesian identity numbers and common form fields. Pure Python, no database.

Every ``*_problem`` function returns the Indonesian message to show (naming the field) or None;
every ``parse_*`` raises ``InvalidNumberError`` with the same message; every ``make_*`` builds a
valid number for demo and test data.
"""

from __future__ import annotations

from desktop_app.validation.common import (
    InvalidNumberError,
    collapse_spaces,
    comparison_key,
    digits_only,
    email_problem,
    is_ascii_digits,
    normalise_name,
    normalise_phone,
    phone_problem,
)
from desktop_app.validation.nik import NikFill, NikInfo, make_nik, nik_fill, nik_problem, parse_nik
from desktop_app.validation.nip import NipInfo, make_nip, nip_problem, parse_nip
from desktop_app.validation.no_kk import make_no_kk, no_kk_problem, parse_no_kk
from desktop_app.validation.regions import PROVINCE_CODES, region_code_problem
from desktop_app.validation.text import nfc, text_problem

__all__ = [
    "PROVINCE_CODES",
    "InvalidNumberError",
    "NikFill",
    "NikInfo",
    "NipInfo",
    "collapse_spaces",
    "comparison_key",
    "digits_only",
    "email_problem",
    "is_ascii_digits",
    "make_nik",
    "make_nip",
    "make_no_kk",
    "nik_fill",
    "nfc",
    "nik_problem",
    "nip_problem",
    "no_kk_problem",
    "normalise_name",
    "normalise_phone",
    "parse_nik",
    "parse_nip",
    "parse_no_kk",
    "phone_problem",
    "region_code_problem",
    "text_problem",
]
