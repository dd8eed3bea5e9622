"""Import messages say what was refused and that nothing changed when nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from desktop_app.cli import main
from desktop_app.importing import import_file
from desktop_app.ui.importing import ImportWizard
from tests.conftest import add_cli_admin
from tests.importing.sheets import data_counts, kk, nik, write_sheet

BORN = date(2024, 4, 2)
HEADER = ["Nama Anak", "NIK", "No. KK", "Jenis Kelamin", "Tanggal Lahir", "Nama Ibu", "Desa",
          "Kecamatan"]  # fmt: skip


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _rows_with_one_refused() -> list[list[object]]:
    return [
        ["Siti", nik(BORN, "P", 1), kk(1), "P", "02/04/2024", "Nur", "Lassar", "Membalong"],
        ["Budi", nik(BORN, "L", 2), kk(2), "X", "02/04/2024", "Ani", "Lassar", "Membalong"],
    ]


def test_a_refused_all_or_nothing_import_lists_no_created_places(database, tmp_path, capsys):
    path = write_sheet(tmp_path / "anak.xlsx", HEADER, _rows_with_one_refused())
    before = data_counts(database)
    assert main(["--db", str(database.path), "import", "children", str(path)]) == 1
    out = capsys.readouterr().out
    assert "dibuat" not in out
    assert "Tidak ada yang disimpan karena ada baris yang ditolak (1 baris valid)" in out
    assert data_counts(database) == before


def test_an_import_with_every_row_refused_says_nothing_was_saved(database, tmp_path, capsys):
    rows = [_rows_with_one_refused()[1]]
    path = write_sheet(tmp_path / "anak.xlsx", HEADER, rows)
    assert main(["--db", str(database.path), "import", "children", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Tidak ada yang disimpan: 1 baris ditolak, tidak ada baris yang valid." in out
    assert "dibuat" not in out


def test_a_dry_run_says_the_places_would_be_created(database, tmp_path, capsys):
    path = write_sheet(tmp_path / "anak.xlsx", HEADER, _rows_with_one_refused()[:1])
    assert main(["--db", str(database.path), "import", "children", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "akan dibuat: Kecamatan Membalong" in out and "  dibuat:" not in out


def test_a_formula_without_a_value_is_named_as_such(session, tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER[:6])
    sheet.append(['=PROPER("siti")', nik(BORN, "P", 1), kk(1), "P", "02/04/2024", "Nur"])
    for cell in sheet[2][1:3]:
        cell.number_format = "@"
    path = tmp_path / "rumus.xlsx"
    workbook.save(path)  # openpyxl stores the formula and no computed value
    result = import_file(session, kind="children", path=path, dry_run=True)
    [row] = result.rows
    assert row.reasons == (
        "Kolom Nama Anak: sel berisi rumus tanpa nilai; buka dan simpan berkas di Excel dulu, "
        "atau salin kolomnya lalu tempel sebagai nilai",
    )


def test_the_preview_does_not_claim_an_unregistered_desa_is_registered(
    qtbot, runner, database, tmp_path
) -> None:
    rows = [["Siti", nik(BORN, "P", 1), kk(1), "P", "02/04/2024", "Nur", "Lassar", None]]
    path = write_sheet(tmp_path / "anak.xlsx", HEADER, rows)
    wizard = ImportWizard(runner, kind="children")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.choose.path, str(path))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentWidget() is wizard.preview
    assert "belum terdaftar" in wizard.preview.model.index(0, 3).data()
    label = wizard.preview.places_label.text()
    assert "terdaftar" not in label and label == "Tidak ada wilayah/OPD baru yang akan dibuat."
