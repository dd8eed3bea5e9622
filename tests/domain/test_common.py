"""Text normalisation, phone numbers, e-mail and the province list."""

from __future__ import annotations

import pytest

from desktop_app.validation import (
    PROVINCE_CODES,
    comparison_key,
    email_problem,
    normalise_name,
    normalise_phone,
    phone_problem,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  budi   santoso ", "budi santoso"),  # lower case is the user's choice: only spaces
        ("BUDI  SANTOSO", "Budi Santoso"),
        ("SITI NUR'AINI", "Siti Nur'aini"),
        ("MUH. ALI", "Muh. Ali"),
        ("NUR-HIDAYAH", "Nur-Hidayah"),
        ("La Ode Muhammad", "La Ode Muhammad"),
        ("\tSiti\nAminah ", "Siti Aminah"),
        ("", ""),
    ],
)
def test_normalise_name(typed: str, stored: str) -> None:
    assert normalise_name(typed) == stored


def test_comparison_key_ignores_case_and_spaces() -> None:
    assert comparison_key("  SITI   aminah ") == comparison_key("Siti Aminah")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("62812345678", "0812345678"),
        ("(0719) 21234", "071921234"),
    ],
)
def test_valid_phone_is_normalised(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored
    assert phone_problem(stored) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812abc", "Nomor telepon hanya boleh berisi angka (boleh diawali +62)"),
        ("812345678", "Nomor telepon harus diawali 08, kode area (mis. 0719) atau +62"),
        ("0081234567", "Nomor telepon harus diawali 08, kode area (mis. 0719) atau +62"),
        ("0812345", "Nomor telepon harus 9 sampai 13 angka"),
        ("08123456789012", "Nomor telepon harus 9 sampai 13 angka"),
    ],
)
def test_invalid_phone(typed: str, expected: str) -> None:
    assert phone_problem(normalise_phone(typed)) == expected


@pytest.mark.parametrize(
    ("email", "valid"),
    [("andi@dinkes.belitungkab.go.id", True), ("andi@", False), ("andi dinkes@x.id", False)],
)
def test_email(email: str, valid: bool) -> None:
    assert (email_problem(email) is None) is valid


def test_province_list_has_38_provinces_including_new_papua() -> None:
    assert len(PROVINCE_CODES) == 38
    assert PROVINCE_CODES["19"] == "Kepulauan Bangka Belitung"
    assert [PROVINCE_CODES[c] for c in ("93", "94", "95", "96")] == [
        "Papua Selatan",
        "Papua Tengah",
        "Papua Pegunungan",
        "Papua Barat Daya",
    ]
