"""The import wizard driven as a user would: type the file, Lanjut, read the preview, tick
"Impor baris yang valid saja", Impor; and the mapping step for unrecognised headers."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from desktop_app.db.models import Child
from desktop_app.ui.importing import ImportWizard
from tests.importing.sheets import kk, nik, table_counts, write_sheet

BORN = date(2024, 4, 2)
HEADER = ["NAMA BALITA", "NIK", "NO KK", "L/P", "TGL LAHIR", "NAMA IBU", "DESA", "KECAMATAN"]


@pytest.fixture
def district_file(tmp_path):
    rows = [
        ["SITI AMINAH", nik(BORN, "P", 1), kk(1), "P", "02/04/2024", "Nur", "Lassar", "Membalong"],
        ["Budi", "3.27101E+15", kk(2), "L", "2 April 2024", "Ani", "Lassar", "Membalong"],
        ["Rina", nik(BORN, "P", 3), kk(3), "P", "2 Apr 2024", "Ina", None, None],
    ]
    return write_sheet(tmp_path / "balita.xlsx", HEADER, rows, titles=("DATA BALITA 2026",))


def open_file(qtbot, wizard: ImportWizard, path) -> None:
    qtbot.keyClicks(wizard.choose.path, str(path))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)


def test_preview_shows_rejected_reason_then_imports_valid_rows(qtbot, runner, database,
                                                               district_file):  # fmt: skip
    wizard = ImportWizard(runner, kind="children")
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, district_file)
    assert wizard.pages.currentWidget() is wizard.preview
    model = wizard.preview.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["4", "5", "6"]
    assert model.index(1, 1).data() == "Ditolak"
    assert model.index(1, 3).data() == (
        "Kolom NIK: NIK tertulis dalam format ilmiah (3.27101E+15) sehingga digitnya hilang; "
        "format kolom sebagai Teks lalu ketik ulang"
    )
    assert model.index(0, 2).data() == "Siti Aminah, lahir 02/04/2024"
    assert "1 ditolak" in wizard.preview.counts.text()
    places = [wizard.preview.places.item(i).text() for i in range(wizard.preview.places.count())]
    assert places == ["Kecamatan Membalong", "Desa Lassar (Kecamatan Membalong)"]
    assert not wizard.next.isEnabled()  # all-or-nothing with a refused row: nothing to do
    before = table_counts(database)

    wizard.preview.problems_only.setChecked(True)
    assert model.rowCount() == 1
    box = wizard.preview.valid_only
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert wizard.next.isEnabled() and wizard.next.text() == "Impor"
    with qtbot.waitSignal(wizard.imported) as signal:
        qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert signal.args[0].imported == 2
    assert wizard.pages.currentWidget() is wizard.result_page
    assert wizard.result_page.summary.text() == (
        "2 baris diimpor dari balita.xlsx. 1 baris ditolak dan tidak disimpan."
    )
    after = table_counts(database)
    assert after["children"] == before["children"] + 2
    assert (after["kecamatan"], after["desa"]) == (1, 1)
    with database.sessions() as session:
        names = sorted(session.scalars(select(Child.name)))
    assert names == ["Rina", "Siti Aminah"]


def test_mapping_step_for_unknown_headers(qtbot, runner, database, tmp_path):
    path = write_sheet(tmp_path / "lain.xlsx", ["Anak", "Lahir pada", "Kelamin", "No KK"],
                       [["Dedi", "01/03/2025", "L", kk(5)]])  # fmt: skip
    wizard = ImportWizard(runner, kind="children")
    qtbot.addWidget(wizard)
    wizard.show()
    open_file(qtbot, wizard, path)
    assert wizard.pages.currentWidget() is wizard.map_page
    assert set(wizard.map_page.combos) == {"name", "sex", "birth_date"}
    assert wizard.map_page.combos["sex"].currentText() == "Kelamin"  # recognised: preselected
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.message.text() == "Pilih kolom berkas untuk setiap data wajib."
    wizard.map_page.combos["name"].setCurrentText("Anak")
    wizard.map_page.combos["birth_date"].setCurrentText("Lahir pada")
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentWidget() is wizard.preview
    assert wizard.next.isEnabled()
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    with database.sessions() as session:
        child = session.scalars(select(Child)).one()
    assert (child.name, child.birth_date, child.no_kk) == ("Dedi", date(2025, 3, 1), kk(5))


def test_unreadable_file_message_and_template_download(qtbot, runner, tmp_path, monkeypatch):
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"bukan excel")
    wizard = ImportWizard(runner)
    qtbot.addWidget(wizard)
    open_file(qtbot, wizard, junk)
    assert wizard.pages.currentWidget() is wizard.choose
    assert wizard.message.text() == "Berkas rusak.xlsx bukan berkas Excel (.xlsx) yang utuh"
    target = tmp_path / "templat-kunjungan.xlsx"
    monkeypatch.setattr(
        "desktop_app.ui.importing.wizard.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(target), "Excel (*.xlsx)"),
    )
    qtbot.mouseClick(wizard.choose.findChild(type(wizard.next), "template_visits"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert target.stat().st_size > 0
    assert wizard.message.text() == f"Templat disimpan di {target}"


def test_preview_model_passes_qtmodeltester(qtmodeltester):
    from desktop_app.importing import RowResult
    from desktop_app.ui.importing.preview_model import PreviewModel

    model = PreviewModel()
    model.set_results([
        RowResult(5, "ok", (), "Siti"),
        RowResult(6, "rejected", ("Kolom NIK: salah", "Kolom L/P: salah"), "Budi"),
        RowResult(7, "duplicate", ("Sama dengan baris 5",), "Siti"),
    ])  # fmt: skip
    qtmodeltester.check(model)
    assert model.index(1, 3).data() == "Kolom NIK: salah\nKolom L/P: salah"
    model.set_problems_only(True)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["6", "7"]
