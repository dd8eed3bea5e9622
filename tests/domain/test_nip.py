"""NIP: birth date yyyymmdd, appointment yyyymm after the 18th birthday, sex digit, sequence."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.validation import InvalidNumberError, make_nip, nip_problem, parse_nip

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("nip", "birth", "appointed", "sex", "sequence"),
    [
        ("198506122010031001", date(1985, 6, 12), date(2010, 3, 1), "L", 1),
        ("199202292019022015", date(1992, 2, 29), date(2019, 2, 1), "P", 15),  # leap day
        ("199005152008061999", date(1990, 5, 15), date(2008, 6, 1), "L", 999),  # month after 18
        ("1985 0612 2010 03 1 001", date(1985, 6, 12), date(2010, 3, 1), "L", 1),
        ("200001012026111001", date(2000, 1, 1), date(2026, 11, 1), "L", 1),  # this month
    ],
)
def test_valid_nip_decodes(nip: str, birth: date, appointed: date, sex: str, sequence: int) -> None:
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.appointment_month, info.sex, info.sequence) == (
        birth,
        appointed,
        sex,
        sequence,
    )
    assert info.kind == "pns"
    assert nip_problem(nip, today=TODAY) is None


def test_pppk_nip_has_code_21_instead_of_a_month() -> None:
    info = parse_nip("199001012022212003", today=TODAY)
    assert info.kind == "pppk"
    assert info.appointment_month == date(2022, 1, 1)
    assert (info.sex, info.sequence) == ("P", 3)


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("19850612201003100", "NIP harus 18 angka (tertulis 17 angka)"),
        ("1985061220100310011", "NIP harus 18 angka (tertulis 19 angka)"),
        ("19850612201003100a", "NIP hanya boleh berisi angka"),
        ("198502302010031001", "angka ke-1 sampai 8 (19850230) bukan tanggal lahir"),
        ("198302292010031001", "angka ke-1 sampai 8 (19830229) bukan tanggal lahir"),
        ("189912312010031001", "bukan tanggal lahir"),  # before 1900
        ("202701012010031001", "bukan tanggal lahir"),  # born in the future
        ("198506122010131001", "angka ke-9 sampai 14 (201013) bukan bulan pengangkatan"),
        ("198506122010001001", "bukan bulan pengangkatan"),
        ("198506122026121001", "bulan pengangkatan Desember 2026 belum terjadi"),
        (
            "199005152008051001",
            "pengangkatan Mei 2008 sebelum berusia 18 tahun (lahir 15 Mei 1990)",
        ),
        ("199005152000011001", "sebelum berusia 18 tahun"),
        ("195001012016011001", "usia saat pengangkatan lebih dari 65 tahun"),
        ("198506122010033001", "angka ke-15 (jenis kelamin) harus 1 atau 2, bukan 3"),
        ("198506122010030001", "angka ke-15 (jenis kelamin) harus 1 atau 2, bukan 0"),
        ("198506122010031000", "nomor urut 000 tidak ada"),
        ("200501012022211001", "pengangkatan tahun 2022 sebelum berusia 18 tahun"),  # PPPK
    ],
)
def test_invalid_nip_says_why(nip: str, expected: str) -> None:
    problem = nip_problem(nip, today=TODAY)
    assert problem is not None and expected in problem
    with pytest.raises(InvalidNumberError):
        parse_nip(nip, today=TODAY)


@pytest.mark.parametrize("pppk", [False, True])
def test_make_nip_round_trips(pppk: bool) -> None:
    nip = make_nip(
        birth_date=date(1991, 7, 9),
        appointment_month=date(2015, 4, 1),
        sex="P",
        sequence=7,
        pppk=pppk,
    )
    info = parse_nip(nip, today=TODAY)
    assert info.birth_date == date(1991, 7, 9)
    assert info.appointment_month == (date(2015, 1, 1) if pppk else date(2015, 4, 1))
    assert (info.sex, info.sequence) == ("P", 7)
