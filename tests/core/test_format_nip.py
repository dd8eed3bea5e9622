"""NIP grouping as printed on Indonesian letters: birth date, TMT, sex digit, sequence."""

from __future__ import annotations

import pytest

from desktop_app.core.formatting import format_nip


@pytest.mark.parametrize(
    ("stored", "printed"),
    [
        ("197001011995031002", "19700101 199503 1 002"),
        ("198502022010012002", "19850202 201001 2 002"),
        ("19700101 199503 1 002", "19700101 199503 1 002"),  # already grouped: same
        ("  197001011995031002 ", "19700101 199503 1 002"),
        ("199012312021212001", "19901231 202121 2 001"),  # PPPK: year + code 21
    ],
)
def test_eighteen_digits_are_grouped_8_6_1_3(stored: str, printed: str) -> None:
    assert format_nip(stored) == printed


@pytest.mark.parametrize("stored", ["", None])
def test_no_nip_prints_nothing(stored: str | None) -> None:
    assert format_nip(stored) == ""


@pytest.mark.parametrize("stored", ["12345", "1970010119950310021", "19700101199503100X"])
def test_anything_else_is_printed_as_stored(stored: str) -> None:
    assert format_nip(stored) == stored
