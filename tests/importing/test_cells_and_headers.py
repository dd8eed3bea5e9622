"""Reading single cells and recognising headers: the spellings real district files use."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.importing.cells import (
    CellProblem,
    parse_date,
    parse_decimal,
    parse_id_number,
    parse_sex,
    parse_text,
)
from desktop_app.importing.headers import recognise_headers
from desktop_app.importing.readers import RawTable

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2023, 1, 5, 0, 0), date(2023, 1, 5)),
        (date(2023, 1, 5), date(2023, 1, 5)),
        (44931, date(2023, 1, 5)),
        (44931.0, date(2023, 1, 5)),
        ("44931", date(2023, 1, 5)),
        ("05/01/2023", date(2023, 1, 5)),
        ("5/1/2023", date(2023, 1, 5)),
        ("05-01-2023", date(2023, 1, 5)),
        ("05.01.2023", date(2023, 1, 5)),
        ("5/1/23", date(2023, 1, 5)),
        ("2023-01-05", date(2023, 1, 5)),
        ("2023-01-05 00:00:00", date(2023, 1, 5)),
        ("5 Januari 2023", date(2023, 1, 5)),
        ("5 JANUARI 2023", date(2023, 1, 5)),
        ("05-Jan-2023", date(2023, 1, 5)),
        ("17 Agu 2024", date(2024, 8, 17)),
        ("17 Agt 2024", date(2024, 8, 17)),
        ("17-Aug-24", date(2024, 8, 17)),
        ("1 Okt 2024", date(2024, 10, 1)),
        ("1 Mei 2024", date(2024, 5, 1)),
        ("25 Des 2023", date(2023, 12, 25)),
        ("25 Pebruari 2024", date(2024, 2, 25)),
        ("  9 Nopember 2024 ", date(2024, 11, 9)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates(value, expected):
    assert parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize("value", ["31/02/2023", "2023/13/01", "kemarin", "5 Januarx 2023", True,
                                   -3, 99999999, "12/2023"])  # fmt: skip
def test_bad_dates_are_refused_in_indonesian(value):
    with pytest.raises(CellProblem) as error:
        parse_date(value, today=TODAY)
    assert "tanggal" in str(error.value)


def test_two_digit_years_never_land_in_the_future():
    assert parse_date("5/1/26", today=TODAY) == date(2026, 1, 5)
    assert parse_date("5/1/27", today=TODAY) == date(1927, 1, 5)


def test_nik_cells():
    assert parse_id_number(1902014501230001, label="NIK", length=16) == "1902014501230001"
    assert parse_id_number(1902014501230001.0, label="NIK", length=16) == "1902014501230001"
    assert parse_id_number("1902014501230001.0", label="NIK", length=16) == "1902014501230001"
    assert parse_id_number("'1902014501230001", label="NIK", length=16) == "1902014501230001"
    assert parse_id_number(" 1902 0145 0123 0001 ", label="NIK", length=16) == "1902 0145 0123 0001"
    assert parse_id_number(None, label="NIK", length=16) == ""
    with pytest.raises(CellProblem) as error:
        parse_id_number("3.27101E+15", label="NIK", length=16)
    assert str(error.value) == (
        "NIK tertulis dalam format ilmiah (3.27101E+15) sehingga digitnya hilang; format kolom "
        "sebagai Teks lalu ketik ulang"
    )
    with pytest.raises(CellProblem, match="format ilmiah"):
        parse_id_number("3,27101e+15", label="NIK", length=16)
    with pytest.raises(CellProblem, match="bukan NIK yang utuh"):
        parse_id_number(12345, label="NIK", length=16)
    with pytest.raises(CellProblem, match="format ilmiah"):
        parse_id_number(1.9850412201003e16, label="NIP", length=18)


@pytest.mark.parametrize(("value", "expected"), [("10,5", 10.5), ("10.5", 10.5), (10, 10.0),
                         ("10,5 kg", 10.5), (" 80,2cm", 80.2), ("1.234,5", 1234.5), ("", None),
                         (None, None)])  # fmt: skip
def test_decimals(value, expected):
    assert parse_decimal(value) == expected


@pytest.mark.parametrize("value", ["sepuluh", "nan", "inf", "10,5,5", True])
def test_bad_decimals(value):
    with pytest.raises(CellProblem):
        parse_decimal(value)


def test_sex_and_text():
    assert [parse_sex(v) for v in ("L", "p", "Laki-laki", "LAKI LAKI", "Perempuan", "Pr", "")] == [
        "L", "P", "L", "L", "P", "P", ""]  # fmt: skip
    with pytest.raises(CellProblem):
        parse_sex("X")
    assert (parse_text(3.0), parse_text(None), parse_text(" a "), parse_text(7)) == (
        "3",
        "",
        "a",
        "7",
    )


def table(*rows: tuple) -> RawTable:
    return RawTable(list(rows), "Data")


def test_header_row_found_below_titles_with_variants():
    layout = recognise_headers(
        table(
            ("DATA BALITA STUNTING",),
            ("Bulan Oktober 2026",),
            (),
            ("No.", "NAMA  BALITA", "NIK ANAK", "NOMOR KK", "JK", "Tgl. Lahir", "NAMA ORANG TUA",
             "DESA / KEL.", "Kec.", "POSYANDU", "BERAT BADAN LAHIR (KG)", "catatan"),
        ),
        "children",
    )  # fmt: skip
    assert layout.header_row == 4
    assert layout.columns == {"name": 1, "nik": 2, "no_kk": 3, "sex": 4, "birth_date": 5,
                              "mother_name": 6, "desa": 7, "kecamatan": 8, "posyandu": 9,
                              "birth_weight_kg": 10, "notes": 11}  # fmt: skip
    assert layout.missing == ()


def test_visit_header_variants():
    layout = recognise_headers(
        table(("NIK", "TGL UKUR", "BERAT BADAN (KG)", "PANJANG BADAN", "LiLA (cm)")), "visits"
    )
    assert layout.columns == {"nik": 0, "visit_date": 1, "weight_kg": 2, "lenhei_cm": 3,
                              "muac_cm": 4}  # fmt: skip


def test_mapping_overrides_and_missing():
    raw = table(("Anak", "Lahir pada", "Kelamin"))
    layout = recognise_headers(raw, "children")
    assert [s.name for s in layout.missing] == ["name", "birth_date"]
    mapped = recognise_headers(raw, "children", {"name": "Anak", "birth_date": "Lahir pada"})
    assert mapped.missing == () and mapped.columns == {"sex": 2, "name": 0, "birth_date": 1}


@pytest.mark.parametrize(
    ("value", "label", "length"),
    [
        (1902011412241230, "NIK", 16),  # 1902011412241237 after Excel kept 15 digits
        (1902011412241230.0, "NIK", 16),
        (9271011412241237, "NIK", 16),  # >= 2**53: not every integer there is a double
        (1902011412240000, "No. KK", 16),
        (198504122010031000, "NIP", 18),
        (198504122010031000.0, "NIP", 18),
    ],
)
def test_identity_numbers_excel_cannot_hold_are_refused(value, label, length):
    with pytest.raises(CellProblem) as error:
        parse_id_number(value, label=label, length=length)
    assert str(error.value) == (
        f"{label} tersimpan sebagai angka di Excel; ubah kolom menjadi Teks dan salin ulang"
    )
