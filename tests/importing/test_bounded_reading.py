"""Hostile spreadsheets and CSV files: refused cleanly, in bounded memory, or read.

Each file is small on disk and built in ``tmp_path``; each is read in a child process whose
address space is capped (tests/memory_probe.py), so a missing limit fails the test with a
``memory_error`` instead of swapping the machine.
"""

from __future__ import annotations

import random
import zipfile

import pytest

from desktop_app.importing.file_limits import MAX_COLUMNS, MAX_LINE_CHARS, MAX_ROWS
from desktop_app.importing.readers import read_table
from tests.hostile_files import cell, lie_about_size, repeated, row, wide_rows, write_xlsx
from tests.memory_probe import PEAK_LIMIT_MB, Outcome, probe

READER = "desktop_app.importing.readers:read_table"


def refused(outcome: Outcome, *words: str) -> str:
    assert outcome.refused is not None, outcome
    assert outcome.peak_mb < PEAK_LIMIT_MB, outcome
    for word in words:
        assert word in outcome.refused, outcome.refused
    return outcome.refused


def test_a_cell_in_column_xfd_on_20000_rows_is_refused_as_too_wide(tmp_path):
    path = write_xlsx(tmp_path / "lebar.xlsx", wide_rows(20_000))
    assert path.stat().st_size < 200_000  # the 165 KB file that used 2.66 GB
    refused(probe(READER, path), "Lembar terlalu lebar: kolom XFD", "lebar.xlsx", "kolom IV")


def test_a_declared_dimension_past_the_limits_is_refused_before_streaming(tmp_path):
    path = write_xlsx(tmp_path / "dimensi.xlsx", [row(1, [cell("A1", "Nama")])],
                      dimension="A1:XFD20000")  # fmt: skip
    refused(probe(READER, path), "kolom XFD")
    tall = write_xlsx(tmp_path / "tinggi.xlsx", [row(1, [cell("A1", "Nama")])],
                      dimension="A1:B1048576")  # fmt: skip
    refused(probe(READER, tall), "lebih dari 200.000 baris")


def test_a_sheet_as_wide_as_the_limit_still_reads(tmp_path):
    last = "IV"  # column 256
    path = write_xlsx(tmp_path / "pas.xlsx", wide_rows(50, column=last))
    table = read_table(path)
    assert len(table.rows) == 50 and len(table.rows[0]) == MAX_COLUMNS


def test_a_zip_bomb_part_is_refused_from_the_zip_directory(tmp_path):
    bomb = b"".join(repeated(b" ", 40 * 1024 * 1024, batch=1024 * 1024))
    path = write_xlsx(tmp_path / "bom.xlsx", [row(1, [cell("A1", "Nama")])],
                      extra={"xl/styles.xml": bomb})  # fmt: skip
    assert path.stat().st_size < 200_000
    refused(probe(READER, path), "Berkas terlalu besar setelah dibuka", "xl/styles.xml", "32 MB")


def test_a_sheet_declaring_a_huge_uncompressed_size_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "besar.xlsx", wide_rows(10, column="B"))
    lie_about_size(path, "xl/worksheets/sheet1.xml", 3_000_000_000)
    refused(probe(READER, path), "Berkas terlalu besar setelah dibuka", "besar.xlsx")


def test_a_header_understating_a_bomb_stops_at_the_declared_size(tmp_path):
    path = write_xlsx(tmp_path / "bohong.xlsx", repeated(row(1, [cell("A1", "x" * 200)]), 400_000))
    lie_about_size(path, "xl/worksheets/sheet1.xml", 1_000)
    refused(probe(READER, path), "bohong.xlsx")  # zipfile stops at the declared size


def test_a_huge_shared_strings_table_is_refused_before_it_is_built(tmp_path):
    strings = (b"<si><t>%d</t></si>" % number for number in range(1_000_001))
    path = write_xlsx(tmp_path / "teks.xlsx", [row(1, [cell("A1", "Nama")])],
                      shared_strings=strings)  # fmt: skip
    refused(probe(READER, path), "lebih dari 1.000.000 teks berbeda")


def test_a_zip_with_many_members_is_refused_before_its_directory_is_parsed(tmp_path):
    path = tmp_path / "bagian.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(5_000):
            archive.writestr(f"xl/media/{number}.bin", b"")
    refused(probe(READER, path), "terlalu banyak bagian", "5.000", "2000")


def test_a_row_of_two_million_empty_cells_is_refused_before_openpyxl_builds_it(tmp_path):
    many = b'<row r="2">' + b"<c/>" * 2_000_000 + b"</row>"
    path = write_xlsx(tmp_path / "sel.xlsx", [row(1, [cell("A1", "Nama")]), many])
    refused(probe(READER, path), "Lembar terlalu lebar")


def test_millions_of_unknown_elements_in_a_sheet_are_refused(tmp_path):
    junk = repeated(b"<foo/>", 3_000_000)
    path = write_xlsx(tmp_path / "unsur.xlsx", [row(1, [cell("A1", "Nama")]), *junk])
    refused(probe(READER, path), "terlalu banyak unsur")


def test_a_csv_row_past_the_column_limit_is_refused(tmp_path):
    path = tmp_path / "lebar.csv"
    path.write_text("Nama;NIK\n" + ("x;" * 20_000 + "1\n") * 50, encoding="utf-8")
    refused(probe(READER, path), "Lembar terlalu lebar")


def test_a_csv_line_without_breaks_is_refused_at_the_line_cap(tmp_path):
    path = tmp_path / "panjang.csv"
    path.write_bytes(b"Nama;NIK\n" + b"x" * (MAX_LINE_CHARS * 3))
    refused(probe(READER, path), "Baris 2", "lebih panjang")


def test_a_csv_past_the_row_limit_is_refused(tmp_path):
    path = tmp_path / "tinggi.csv"
    path.write_bytes(b"Nama\n" + b"a\n" * MAX_ROWS)
    refused(probe(READER, path), "lebih dari 200.000 baris")


def _random_xlsx(rng: random.Random, path):
    shape = rng.choice(["wide", "tall", "dimension", "strings", "junk", "plain"])
    rows = rng.choice([1, 100, 5_000, 30_000])
    column = rng.choice(["B", "AZ", "IV", "IW", "ZZ", "XFD"])
    if shape == "wide":
        return write_xlsx(path, wide_rows(rows, column=column))
    if shape == "tall":
        return write_xlsx(
            path,
            [
                row(1, [cell("A1", "x")]),
                row(rng.choice([9, 200_001, 1_048_576]), [cell("A2", "y")]),
            ],
        )
    if shape == "dimension":
        return write_xlsx(
            path, wide_rows(rows, column="B"), dimension=f"A1:{column}{rows * rng.choice([1, 100])}"
        )
    if shape == "strings":
        count = rng.choice([10, 500_000, 1_000_001])
        strings = (b"<si><t>%d</t></si>" % n for n in range(count))
        return write_xlsx(path, wide_rows(rows, column="C"), shared_strings=strings)
    return write_xlsx(
        path, (row(n, [cell(f"{c}{n}", "abc") for c in "ABCDEFGHIJ"]) for n in range(1, rows + 1))
    )


@pytest.mark.parametrize("seed", range(6))
def test_generated_sheets_are_read_or_refused_never_past_the_bound(tmp_path, seed):
    rng = random.Random(seed)
    for number in range(3):
        outcome = probe(READER, _random_xlsx(rng, tmp_path / f"acak{number}.xlsx"))
        assert not outcome.memory_error, outcome
        assert outcome.read or outcome.refused, outcome
        assert outcome.peak_mb < PEAK_LIMIT_MB, outcome
