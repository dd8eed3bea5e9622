"""Tindak lanjut as a cadre works from it: area filters, phones and reasons in the rows,
"Catat kunjungan" from the row, and the round sheet saved as PDF and Excel then offered for
opening."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from desktop_app.db.models import AuditEntry, Child, Guardian, Visit
from desktop_app.ui.followup import FollowUpPage
from desktop_app.ui.followup.page import ACTION_COLUMN
from desktop_app.ui.widgets import saved_file
from tests.listing.builders import TODAY, World
from tests.ui import form_fixtures
from tests.ui.form_fixtures import shown

message_boxes = form_fixtures.message_boxes  # the fixture, shared
pytestmark = pytest.mark.usefixtures("message_boxes")
LEFT = Qt.MouseButton.LeftButton
NAME, REASON, WHEN, FAMILY, GUARDIAN, DESA, POSYANDU = range(1, 8)


def column(page: FollowUpPage, index: int, name: str = "not_visited") -> list[str]:
    model = page.models[name]
    return [model.index(r, index).data() for r in range(model.rowCount())]


@pytest.fixture
def phones(database, world: World) -> None:
    """Siti Aminah's family and guardian Budi Santoso have phones; Siti was visited by Budi
    40 days ago (so she is listed with a reason, not "never")."""
    with database.sessions() as s:
        s.execute(update(Child).where(Child.id == world["Siti Aminah"]).values(phone="0812111"))
        s.execute(update(Guardian).where(Guardian.id == world["Budi Santoso"]).values(
            phone="0819222"))  # fmt: skip
        s.commit()
    from desktop_app.visits.service import VisitForm, record_visit

    with database.sessions() as s:
        form = VisitForm(
            child_id=world["Siti Aminah"], guardian_id=world["Budi Santoso"],
            visit_date=TODAY - timedelta(days=40), place="rumah", weight_kg=8.0,
        )  # fmt: skip
        record_visit(s, form=form)
        s.commit()


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Paths "Buka berkas"/"Buka folder" would open."""
    paths: list[Path] = []
    monkeypatch.setattr(saved_file, "open_path", lambda path: paths.append(path) or True)
    return paths


def choose(qtbot, combo, text: str) -> None:
    """Pick ``text`` in a filter combo the way a keyboard user does: focus, type its start."""
    qtbot.wait(QApplication.keyboardInputInterval() + 20)  # a new search, not a continuation
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText() == text


def test_rows_show_whom_to_call_and_why(qtbot, runner, world, phones):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    assert column(page, NAME) == ["Ahmad Fauzi", "Siti Aminah"]
    assert column(page, POSYANDU) == ["Kenanga", "Melati"]
    assert column(page, FAMILY) == ["Dewi Sartika", "Nur Halimah · 0812111"]
    assert column(page, GUARDIAN) == ["Sri Wahyuni", "Budi Santoso · 0819222"]
    assert column(page, REASON) == ["Belum pernah dikunjungi", "Terakhir dikunjungi 40 hari lalu"]
    assert column(page, ACTION_COLUMN) == ["Catat kunjungan"] * 2


def test_area_filters_narrow_every_tab(qtbot, runner, world, phones):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    choose(qtbot, page.areas.kecamatan, "Membalong")
    assert column(page, NAME) == ["Ahmad Fauzi"]
    assert page.tabs.tabText(0) == "Belum dikunjungi bulan ini (1)"
    assert column(page, NAME, "guardian_overdue") in ([], ["Ahmad Fauzi"])
    choose(qtbot, page.areas.kecamatan, "Tanjung Pandan")
    assert column(page, NAME) == ["Siti Aminah"]
    choose(qtbot, page.areas.desa, "Paal Satu")  # no child in the programme there
    assert column(page, NAME) == []
    assert not page.pdf_button.isEnabled()
    choose(qtbot, page.areas.desa, "Air Saga")
    choose(qtbot, page.areas.posyandu, "Melati")
    assert column(page, NAME) == ["Siti Aminah"]
    assert page.area_label() == "Tanjung Pandan · Air Saga · Melati"


def test_catat_kunjungan_on_a_row_opens_the_form_for_that_child(qtbot, runner, world, phones):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    view, model = page.views["not_visited"], page.models["not_visited"]
    rect = view.visualRect(model.index(1, ACTION_COLUMN))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    dialog = page.visit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.child is not None and dialog.child.id == world["Siti Aminah"]
    dialog.reject()
    # The button acts on the selected row.
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(model.index(0, NAME)).center())
    qtbot.mouseClick(page.visit_button, LEFT)
    assert page.visit_dialog.child.id == world["Ahmad Fauzi"]
    page.visit_dialog.reject()


def _save_as(page: FollowUpPage, path: Path) -> None:
    page.ask_save_path = lambda suggested, kind: str(path)  # the native dialog, answered


def test_pdf_round_sheet_holds_the_filtered_rows(
    qtbot, runner, database, world, phones, tmp_path, opened, message_boxes
):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    choose(qtbot, page.areas.kecamatan, "Tanjung Pandan")
    _save_as(page, tmp_path / "ronde")  # no suffix typed: .pdf is added
    qtbot.mouseClick(page.pdf_button, LEFT)
    page.renderer.wait_idle()
    target = tmp_path / "ronde.pdf"
    raw = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(raw.split())  # a wrapped cell reads as one line
    assert "DAFTAR KUNJUNGAN TINDAK LANJUT" in text
    assert "Siti Aminah" in text and "Nur Halimah" in text
    assert "0812111" in text and "0819222" in text and "Budi Santoso" in text
    assert "Posyandu Melati" in text and "Terakhir dikunjungi 40 hari lalu" in text
    assert "Ahmad Fauzi" not in text  # Membalong is filtered out
    assert "Berat" in text and "Paraf" in text
    assert message_boxes[-1] == f"Berkas disimpan di:\n{target}"
    assert opened == [target]  # the accept button is "Buka berkas"
    with database.sessions() as s:
        summaries = s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "export"))
        assert any("tindak_lanjut_pdf" in x and "Tanjung Pandan" in x for x in summaries)


def test_excel_export_holds_the_filtered_rows(qtbot, runner, world, phones, tmp_path, opened):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    with qtbot.waitSignal(page.areas.changed):
        qtbot.keyClicks(page.areas.kecamatan, "Membalong")
    choose(qtbot, page.areas.kecamatan, "Semua kecamatan")
    target = tmp_path / "ronde.xlsx"
    _save_as(page, target)
    qtbot.mouseClick(page.xlsx_button, LEFT)
    page.renderer.wait_idle()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("No", "Kecamatan", "Desa/Kel.", "Posyandu", "Nama anak")
    body = [r[:9] for r in rows[1:]]
    assert body == [
        (1, "Membalong", "Simpang Rusa", "Kenanga", "Ahmad Fauzi", "Dewi Sartika", None,
         "Sri Wahyuni", None),
        (2, "Tanjung Pandan", "Air Saga", "Melati", "Siti Aminah", "Nur Halimah", "0812111",
         "Budi Santoso", "0819222"),
    ]  # fmt: skip
    assert rows[2][9].date() == TODAY - timedelta(days=40)
    assert rows[2][10] == "Terakhir dikunjungi 40 hari lalu"
    assert opened == [target]


def test_a_visit_recorded_from_the_row_takes_the_child_off_the_list(
    qtbot, runner, database, world, phones
):
    page = shown(qtbot, FollowUpPage(runner), size=(1366, 700))
    view, model = page.views["not_visited"], page.models["not_visited"]
    qtbot.mouseClick(
        view.viewport(), LEFT, pos=view.visualRect(model.index(0, ACTION_COLUMN)).center()
    )
    dialog = page.visit_dialog
    assert dialog.child.id == world["Ahmad Fauzi"]
    qtbot.keyClicks(dialog.weight, "7,9")
    qtbot.mouseClick(dialog.save_button, LEFT)
    with database.sessions() as s:
        saved = s.scalars(select(Visit).where(Visit.child_id == world["Ahmad Fauzi"])).all()
    assert [v.weight_kg for v in saved] == [7.9]
    assert column(page, NAME) == ["Siti Aminah"]
