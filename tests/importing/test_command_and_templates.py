"""``asuh import`` as cli.py will call it, and the downloadable templates (which must import
back, keep NIK digits as Text and explain every column)."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.importing import import_file, write_error_report
from desktop_app.importing.command import add_import_parser, run_import_command
from desktop_app.importing.fields import KIND_FIELDS
from desktop_app.importing.templates import write_template
from tests.conftest import add_cli_admin
from tests.importing.sheets import kk, nik, table_counts, write_sheet

HEADER = ["Nama Anak", "NIK", "No. KK", "Jenis Kelamin", "Tanggal Lahir", "Nama Ibu"]
BORN = date(2024, 4, 2)


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="asuh")
    commands = parser.add_subparsers(dest="command")
    add_import_parser(commands, lambda p: p.add_argument("--db"))
    return parser.parse_args(argv)


@pytest.fixture
def mixed_file(tmp_path):
    rows = [
        ["Siti", nik(BORN, "P", 1), kk(1), "P", "02/04/2024", "Nur"],
        ["Budi", "3.27101E+15", kk(2), "L", "02/04/2024", "Ani"],
        ["Rudi", None, None, "L", "02/04/2024", "Ina"],
    ]
    return write_sheet(tmp_path / "anak.xlsx", HEADER, rows)


def test_cli_refuses_everything_and_lists_rows(database, mixed_file, capsys):
    before = table_counts(database)
    assert run_import_command(database, parse(["import", "children", str(mixed_file)])) == 1
    out = capsys.readouterr().out
    assert "diimpor 0, ditolak 2" in out
    assert ("Baris 3: Kolom NIK: NIK tertulis dalam format ilmiah (3.27101E+15) sehingga "
            "digitnya hilang; format kolom sebagai Teks lalu ketik ulang") in out  # fmt: skip
    assert "Baris 4: Kolom No. KK: No. KK wajib diisi jika anak belum memiliki NIK" in out
    assert "Tidak ada yang disimpan" in out
    assert table_counts(database) == before


def test_cli_dry_run_and_valid_only(database, mixed_file, tmp_path, capsys):
    argv = ["import", "children", str(mixed_file)]
    assert run_import_command(database, parse([*argv, "--dry-run", "--valid-only"])) == 1
    assert "Pratinjau" in capsys.readouterr().out
    assert table_counts(database)["children"] == 0
    report = tmp_path / "ditolak.csv"
    assert (
        run_import_command(database, parse([*argv, "--valid-only", "--laporan", str(report)])) == 1
    )
    assert "diimpor 1, ditolak 2" in capsys.readouterr().out
    assert table_counts(database)["children"] == 1
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Baris;Status;Data;Alasan" and lines[1].startswith("3;Ditolak;Budi")


def test_cli_clean_file_exits_zero(database, tmp_path, capsys):
    path = write_sheet(tmp_path / "ok.xlsx", HEADER, [["Siti", nik(BORN, "P", 1), kk(1), "P",
                                                       "02/04/2024", "Nur"]])  # fmt: skip
    assert run_import_command(database, parse(["import", "children", str(path)])) == 0
    assert "diimpor 1, ditolak 0" in capsys.readouterr().out


def test_cli_unreadable_file_and_missing_columns(database, tmp_path, capsys):
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"PK\x03\x04 bukan zip")
    assert run_import_command(database, parse(["import", "visits", str(junk)])) == 1
    assert "bukan berkas Excel (.xlsx) yang utuh" in capsys.readouterr().err
    other = write_sheet(tmp_path / "lain.xlsx", ["Barang", "Harga"], [["Beras", 10000]])
    assert run_import_command(database, parse(["import", "children", str(other)])) == 1
    assert ("Kolom wajib tidak ditemukan di berkas: Nama Anak, Jenis Kelamin (L/P), "
            "Tanggal Lahir") in capsys.readouterr().err  # fmt: skip


@pytest.mark.parametrize("kind", ["children", "guardians", "visits"])
def test_template_headers_text_format_and_instructions(kind, tmp_path, capsys):
    path = tmp_path / f"templat-{kind}.xlsx"
    assert run_import_command(None, parse(["import", "template", kind, str(path)])) == 0
    workbook = load_workbook(path)
    data, help_sheet = workbook.worksheets
    specs = KIND_FIELDS[kind]
    assert [c.value for c in data[1]] == [s.header for s in specs]
    for index, spec in enumerate(specs, start=1):
        if spec.parser in ("id16", "nip"):
            assert data.cell(row=2, column=index).number_format == "@"
    assert help_sheet.title == "Petunjuk"
    explained = {row[0].value: row[2].value for row in help_sheet.iter_rows(min_row=5)}
    assert explained == {s.header: s.help for s in specs}


def test_filled_template_imports(database, tmp_path):
    path = write_template("children", tmp_path / "templat.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    values = {"nik": nik(BORN, "P", 1), "name": "SITI AMINAH", "sex": "P",
              "birth_date": "02/04/2024", "desa": "Air Saga", "kecamatan": "Badau"}  # fmt: skip
    for index, spec in enumerate(KIND_FIELDS["children"], start=1):
        sheet.cell(row=2, column=index, value=values.get(spec.name))
    workbook.save(path)
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path)
        session.commit()
    assert (result.imported, result.rejected) == (1, 0)
    assert result.created_areas == ("Kecamatan Badau", "Desa Air Saga (Kecamatan Badau)")


def test_error_report_xlsx(session, mixed_file, tmp_path):
    result = import_file(session, kind="children", path=mixed_file, dry_run=True)
    out = tmp_path / "laporan.xlsx"
    assert write_error_report(result, out) == 2
    rows = list(load_workbook(out).worksheets[0].values)
    assert rows[0] == ("Baris", "Status", "Data", "Alasan") and rows[2][0] == 4


def test_pimpinan_may_not_import(database, mixed_file):
    from desktop_app.core.errors import PermissionDeniedError

    before = table_counts(database)
    with database.sessions() as session:
        session.info["role"] = "pimpinan"
        for dry_run in (True, False):
            with pytest.raises(PermissionDeniedError):
                import_file(session, kind="children", path=mixed_file, dry_run=dry_run)
        session.commit()
    assert table_counts(database) == before
