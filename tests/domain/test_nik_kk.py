"""NIK and No. KK: length, digits, region code, the DDMMYY birth date (women +40) and sex."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.validation import (
    InvalidNumberError,
    make_nik,
    make_no_kk,
    nik_problem,
    no_kk_problem,
    parse_nik,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("nik", "birth", "sex"),
    [
        ("1902011503240001", date(2024, 3, 15), "L"),
        ("1902015503240001", date(2024, 3, 15), "P"),  # women: 15 + 40 = 55
        ("1902017112250002", date(2025, 12, 31), "P"),  # 31 + 40 = 71, the highest day
        ("1902012902240003", date(2024, 2, 29), "L"),  # leap day
        ("3171016902240004", date(2024, 2, 29), "P"),  # leap day, woman, DKI Jakarta
        ("9601010101230001", date(2023, 1, 1), "L"),  # Papua Barat Daya (new province 96)
        ("9301010101230001", date(2023, 1, 1), "L"),  # Papua Selatan (93)
        ("1902 0115 0324 0001", date(2024, 3, 15), "L"),  # spaces as people type them
        ("19.02.01-150324-0001", date(2024, 3, 15), "L"),
    ],
)
def test_valid_nik_matches_the_child(nik: str, birth: date, sex: str) -> None:
    assert nik_problem(nik, birth_date=birth, sex=sex, today=TODAY) is None
    info = parse_nik(nik, today=TODAY)
    assert (info.birth_date, info.sex) == (birth, sex)


def test_parse_nik_decodes_every_part() -> None:
    info = parse_nik("1902015503240012", today=TODAY)
    assert info.province_code == "19"
    assert info.regency_code == "02"
    assert info.district_code == "01"
    assert info.birth_date == date(2024, 3, 15)
    assert info.sex == "P"
    assert info.sequence == 12


def test_two_digit_year_takes_the_latest_century_not_in_the_future() -> None:
    assert parse_nik("1902011503850001", today=TODAY).birth_date == date(1985, 3, 15)
    assert parse_nik("1902011503260001", today=TODAY).birth_date == date(2026, 3, 15)
    assert parse_nik("1902011512260001", today=TODAY).birth_date == date(1926, 12, 15)


@pytest.mark.parametrize(
    ("nik", "expected"),
    [
        ("190201150324000", "NIK harus 16 angka (tertulis 15 angka)"),
        ("19020115032400011", "NIK harus 16 angka (tertulis 17 angka)"),
        ("19020115032400A1", "NIK hanya boleh berisi angka"),
        ("１９０２０１１５０３２４０００１", "NIK hanya boleh berisi angka"),  # full-width digits
        ("190201150324000²", "NIK hanya boleh berisi angka"),
        ("", "NIK harus 16 angka (tertulis 0 angka)"),
        ("9902011503240001", "NIK tidak valid: kode provinsi 99 tidak dikenal"),
        ("2002011503240001", "NIK tidak valid: kode provinsi 20 tidak dikenal"),
        ("1900011503240001", "NIK tidak valid: kode kabupaten/kota 00 tidak ada"),
        ("1902001503240001", "NIK tidak valid: kode kecamatan 00 tidak ada"),
        ("1902012902230001", "bukan tanggal lahir yang ada"),  # 29 Feb 2023 (and 1923)
        ("1902016902230001", "bukan tanggal lahir yang ada"),  # same, for a woman
        ("1902013203240001", "bukan tanggal lahir yang ada"),  # day 32
        ("1902017203240001", "bukan tanggal lahir yang ada"),  # woman's day 72 = 32
        ("1902010003240001", "bukan tanggal lahir yang ada"),  # day 00
        ("1902011513240001", "bukan tanggal lahir yang ada"),  # month 13
        ("1902011503240000", "NIK tidak valid: nomor urut 0000 tidak ada"),
    ],
)
def test_invalid_nik_says_why(nik: str, expected: str) -> None:
    problem = nik_problem(nik, today=TODAY)
    assert problem is not None and expected in problem
    with pytest.raises(InvalidNumberError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        parse_nik(nik, today=TODAY)


def test_woman_without_the_40_offset_is_refused() -> None:
    problem = nik_problem("1902011503240001", birth_date=date(2024, 3, 15), sex="P", today=TODAY)
    assert problem == (
        "NIK ini milik laki-laki, tetapi jenis kelamin anak perempuan "
        "(pada NIK perempuan tanggal lahir ditambah 40)"
    )


def test_man_with_the_40_offset_is_refused() -> None:
    problem = nik_problem("1902015503240001", birth_date=date(2024, 3, 15), sex="L", today=TODAY)
    assert problem == (
        "NIK ini milik perempuan (tanggal lahir ditambah 40), tetapi jenis kelamin anak laki-laki"
    )


def test_nik_birth_date_must_equal_the_childs() -> None:
    problem = nik_problem("1902011603240001", birth_date=date(2024, 3, 15), sex="L", today=TODAY)
    assert problem == (
        "Tanggal lahir pada NIK (16 Maret 2024) tidak sama dengan tanggal lahir anak "
        "(15 Maret 2024)"
    )


def test_nik_with_unknown_sex_accepts_either_encoding_only() -> None:
    birth = date(2024, 3, 15)
    assert nik_problem("1902015503240001", birth_date=birth, sex="", today=TODAY) is None
    assert nik_problem("1902011503240001", birth_date=birth, sex="", today=TODAY) is None
    assert nik_problem("1902011603240001", birth_date=birth, sex="", today=TODAY) is not None


@pytest.mark.parametrize("sex", ["L", "P"])
def test_make_nik_round_trips(sex: str) -> None:
    birth = date(2024, 2, 29)
    nik = make_nik(region="190201", birth_date=birth, sex=sex, sequence=42)
    assert len(nik) == 16
    assert nik_problem(nik, birth_date=birth, sex=sex, today=TODAY) is None
    assert parse_nik(nik, today=TODAY).sequence == 42


@pytest.mark.parametrize(
    "no_kk", ["1902010101200001", "1902 0101 0120 0001", "9501013112240001", "3171012902240003"]
)
def test_valid_no_kk(no_kk: str) -> None:
    assert no_kk_problem(no_kk) is None


@pytest.mark.parametrize(
    ("no_kk", "expected"),
    [
        ("190201010120000", "No. KK harus 16 angka (tertulis 15 angka)"),
        ("19020101012000011", "No. KK harus 16 angka (tertulis 17 angka)"),
        ("1902010101200O01", "No. KK hanya boleh berisi angka"),  # letter O, not zero
        ("0002010101200001", "No. KK tidak valid: kode provinsi 00 tidak dikenal"),
        ("1900010101200001", "No. KK tidak valid: kode kabupaten/kota 00 tidak ada"),
    ],
)
def test_invalid_no_kk(no_kk: str, expected: str) -> None:
    assert no_kk_problem(no_kk) == expected


def test_make_no_kk_is_valid_and_encodes_the_issue_date() -> None:
    no_kk = make_no_kk(region="190201", issued_on=date(2020, 1, 7), sequence=9)
    assert no_kk == "1902010701200009"
    assert no_kk_problem(no_kk) is None
