"""CSV/XLSX writing: formula neutralisation, real dates and money, header style, widths."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop_app.export.cells import inert_text
from desktop_app.export.tabular import Column, write_csv, write_xlsx

DANGEROUS = ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '=HYPERLINK("http://x")']
HEADERS = ["Nama", Column("Lahir", "date"), Column("Bantuan", "money"), "Z-skor", "Dicatat"]
ROWS = [
    ["=1+1", date(2024, 3, 15), 450_000, -2.31, datetime(2026, 11, 22, 8, 5)],
    ["Siti Aminah", date(2023, 1, 5), 1_350_000, 0.5, None],
    ["-", None, None, -3, None],
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert inert_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Siti", "3271014501230001", "", "a=b", "Rp450.000", " =1"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert inert_text(text) == text


def test_csv_neutralises_text_keeps_numbers_and_writes_indonesian_formats(tmp_path: Path) -> None:
    path = tmp_path / "anak.csv"
    assert write_csv(path, HEADERS, ROWS) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 correctly
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows == [
        ["Nama", "Lahir", "Bantuan", "Z-skor", "Dicatat"],
        ["'=1+1", "15/03/2024", "450000", "-2,31", "22/11/2026 08:05"],
        ["Siti Aminah", "05/01/2023", "1350000", "0,5", ""],
        ["'-", "", "", "-3", ""],
    ]


def test_xlsx_cells_have_real_types_formats_and_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "anak.xlsx"
    assert write_xlsx(path, HEADERS, ROWS, sheet_title="Daftar anak") == 3
    sheet = load_workbook(path)["Daftar anak"]
    name = sheet["A2"]
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+1", "s", True)
    assert sheet["A3"].quotePrefix is False
    assert sheet["B2"].value == datetime(2024, 3, 15) and sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["C2"].value == 450_000 and sheet["C2"].number_format == "#,##0"
    assert sheet["D2"].value == -2.31 and sheet["D2"].data_type == "n"
    assert sheet["D4"].value == -3 and sheet["D4"].data_type == "n"
    assert sheet["E2"].number_format == "dd/mm/yyyy hh:mm"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E1"
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDE"}
    assert widths["A"] == len("Siti Aminah") + 1
    assert widths["E"] == len("22/11/2026 08:05") + 1
    assert all(6 <= w <= 60 for w in widths.values())


def test_xlsx_has_no_formula_anywhere_even_for_dangerous_text(tmp_path: Path) -> None:
    path = tmp_path / "bahaya.xlsx"
    write_xlsx(path, ["=Kolom"], [[t] for t in DANGEROUS], sheet_title="x")
    sheet = load_workbook(path)["x"]
    cells = [row[0] for row in sheet.iter_rows()]
    # XML stores a carriage return as a line feed; the text is otherwise kept exactly.
    assert [c.value for c in cells] == ["=Kolom", *(t.replace("\r", "\n") for t in DANGEROUS)]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)


def test_sheet_title_with_forbidden_characters_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ["a"], [["b"]], sheet_title="Anak [2025/2026]: daftar panjang sekali ya")
    assert load_workbook(path).sheetnames == ["Anak -2025-2026-- daftar panjan"]  # 31 chars


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_any_text_round_trips_through_xlsx_without_becoming_a_formula(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    cleaned = ["".join(ch for ch in t if ch.isprintable() or ch in "\t") for t in texts]
    write_xlsx(path, [f"k{i}" for i in range(len(cleaned))], [cleaned], sheet_title="f")
    row = next(load_workbook(path)["f"].iter_rows(min_row=2))
    for cell, text in zip(row, cleaned, strict=True):
        assert cell.data_type != "f"
        assert (cell.value or "") == text


def test_characters_an_xlsx_cannot_hold_are_replaced_in_both_formats(tmp_path: Path) -> None:
    assert inert_text("Budi\x07Santoso") == "Budi\ufffdSantoso"
    assert inert_text("=\x00") == "'=\ufffd"
    path = tmp_path / "bel.xlsx"
    write_xlsx(path, ["Nama"], [["Budi\x07Santoso"]], sheet_title="x")
    assert load_workbook(path)["x"]["A2"].value == "Budi\ufffdSantoso"
