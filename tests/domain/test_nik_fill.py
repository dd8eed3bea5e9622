"""A typed NIK fills the empty sex and birth date and reports a disagreement with typed ones."""

from __future__ import annotations

from datetime import date

from desktop_app.validation import NikFill, nik_fill

TODAY = date(2026, 11, 23)
GIRL = "1902015503240001"  # 15 + 40 = 55: a girl born 15 March 2024


def test_empty_fields_are_filled_from_a_valid_nik() -> None:
    assert nik_fill(GIRL, sex=None, birth_date=None, today=TODAY) == NikFill(
        sex="P", birth_date=date(2024, 3, 15), problem=None
    )


def test_typed_values_are_never_overwritten_and_agreement_is_quiet() -> None:
    assert nik_fill(GIRL, sex="P", birth_date=date(2024, 3, 15), today=TODAY) == NikFill()


def test_a_boy_typed_for_a_girls_nik_is_explained_with_the_40() -> None:
    fill = nik_fill(GIRL, sex="L", birth_date=None, today=TODAY)
    assert (fill.sex, fill.birth_date) == (None, date(2024, 3, 15))
    assert fill.problem is not None and "ditambah 40" in fill.problem


def test_another_birth_date_is_named_with_both_dates() -> None:
    fill = nik_fill(GIRL, sex=None, birth_date=date(2024, 3, 16), today=TODAY)
    assert fill.sex == "P" and fill.birth_date is None
    assert fill.problem == (
        "Tanggal lahir pada NIK (15 Maret 2024) tidak sama dengan tanggal lahir anak "
        "(16 Maret 2024)"
    )


def test_an_incomplete_nik_fills_nothing_and_an_invalid_one_says_why() -> None:
    assert nik_fill(GIRL[:10], sex=None, birth_date=None, today=TODAY) == NikFill()
    bad = nik_fill("1902019913240001", sex=None, birth_date=None, today=TODAY)
    assert (bad.sex, bad.birth_date) == (None, None)
    assert bad.problem is not None and "bukan tanggal lahir" in bad.problem
