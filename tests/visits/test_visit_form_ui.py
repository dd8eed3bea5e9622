"""The visit form driven as a user drives it: typed values, live categories, refusals, saving."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.db.models import Visit
from desktop_app.growth import Indicator, classify
from desktop_app.ui.visits import VisitFormDialog
from desktop_app.ui.widgets import messages
from tests.ui.form_fixtures import BIRTH, count
from tests.ui.keys import type_date
from tests.visits.conftest import TODAY
from tests.visits.helpers import who

pytestmark = pytest.mark.usefixtures("message_boxes")
LEFT = Qt.MouseButton.LeftButton


def open_form(qtbot, runner, **kwargs):
    dialog = VisitFormDialog(runner, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_measurements(qtbot, dialog, weight: str, length: str) -> None:
    qtbot.keyClicks(dialog.weight, weight)
    qtbot.keyClicks(dialog.lenhei, length)
    qtbot.mouseClick(dialog.measure.buttons["l"], LEFT)


def stored(database) -> list[Visit]:
    with database.sessions() as s:
        return list(s.scalars(select(Visit)))


def test_record_a_visit_through_the_form(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_measurements(qtbot, dialog, "7,9", "71,5")
    qtbot.mouseClick(dialog.topics.boxes["cuci_tangan"], LEFT)
    qtbot.mouseClick(dialog.help_given.boxes["pmt"], LEFT)
    qtbot.keyClicks(dialog.notes, "Nafsu makan kurang")
    expected = who("P", TODAY, weight_kg=7.9, lenhei_cm=71.5, measure="l")
    # The categories appear beside the fields while typing, before anything is saved.
    tbu = classify(Indicator.TB_U, expected.zlen)
    assert dialog.assessment.category_text("zlen") == tbu.label
    assert dialog.assessment.z_text("zlen") == f"{expected.zlen:.2f}".replace(".", ",")
    assert dialog.assessment.category_text("zwei") == classify(Indicator.BB_U, expected.zwei).label
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    [row] = stored(database)
    assert saved.args == [row.id]
    assert (row.weight_kg, row.lenhei_cm, row.measure, row.place) == (7.9, 71.5, "l", "rumah")
    assert (row.zlen, row.zwei, row.zwfl, row.zbmi) == (
        expected.zlen,
        expected.zwei,
        expected.zwfl,
        expected.zbmi,
    )
    assert classify(Indicator.TB_U, row.zlen) == tbu
    assert (row.topics, row.help_given, row.notes) == (
        ["cuci_tangan"],
        ["pmt"],
        "Nafsu makan kurang",
    )
    assert row.guardian_id == world.budi


def test_child_is_found_by_name(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner)
    qtbot.keyClicks(dialog.picker.search, "bayu")
    dialog.picker.refresh()
    assert dialog.picker.results.count() == 1
    item = dialog.picker.results.item(0)
    qtbot.mouseClick(
        dialog.picker.results.viewport(),
        LEFT,
        pos=dialog.picker.results.visualItemRect(item).center(),
    )
    assert "Ani Wijaya" in dialog.child_info.text()
    type_measurements(qtbot, dialog, "8,8", "75,0")
    qtbot.mouseClick(dialog.save_button, LEFT)
    [row] = stored(database)
    assert (row.child_id, row.guardian_id) == (world.bayu, world.ani)


def test_date_before_birth_is_refused_inline_and_nothing_saved(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_measurements(qtbot, dialog, "8,0", "72,0")
    before = BIRTH - timedelta(days=3)
    type_date(qtbot, dialog.visit_date, before.strftime("%d/%m/%Y"))
    assert "sebelum tanggal lahir" in dialog.errors.message("visit_date")
    assert dialog.assessment.z_text("zlen") == "–"
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert count(database, Visit) == 0
    assert dialog.isVisible()
    tomorrow = TODAY + timedelta(days=1)
    type_date(qtbot, dialog.visit_date, tomorrow.strftime("%d/%m/%Y"))
    assert "setelah hari ini" in dialog.errors.message("visit_date")
    type_date(qtbot, dialog.visit_date, TODAY.strftime("%d-%m-%Y"))
    assert dialog.errors.message("visit_date") == ""


def test_implausible_value_saved_only_when_confirmed(qtbot, runner, database, world, monkeypatch):
    answers = [QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.AcceptRole]
    asked: list[str] = []

    def answer(box):
        asked.append(box.text())
        return answers.pop(0)

    monkeypatch.setattr(messages, "run_box", answer)
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_measurements(qtbot, dialog, "3,0", "72,0")
    assert "Tidak wajar" in dialog.assessment.category_text("zwei")
    qtbot.mouseClick(dialog.save_button, LEFT)  # "Periksa lagi"
    assert "BB/U" in asked[0]
    assert count(database, Visit) == 0
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, LEFT)  # "Ya, simpan"
    [row] = stored(database)
    assert (row.weight_kg, row.fwei) == (3.0, True)
    assert len(asked) == 2


def test_correcting_a_visit(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_measurements(qtbot, dialog, "8,0", "72,0")
    qtbot.mouseClick(dialog.save_button, LEFT)
    [row] = stored(database)
    edit = open_form(qtbot, runner, visit_id=row.id)
    assert edit.weight.text() == "8"
    edit.weight.clear()
    qtbot.keyClicks(edit.weight, "8,3")
    qtbot.mouseClick(edit.save_button, LEFT)
    [again] = stored(database)
    assert (again.id, again.weight_kg) == (row.id, 8.3)
    assert again.zwei == who("P", TODAY, weight_kg=8.3).zwei


def test_saving_without_a_child_is_refused_under_the_picker(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner)
    type_measurements(qtbot, dialog, "8,0", "72,0")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.errors.message("child_id") == "Anak wajib dipilih"
    assert count(database, Visit) == 0


def test_saving_on_the_real_worker_thread(qtbot, runner, database, world):
    dialog = open_form(qtbot, runner, child_id=world.rina)  # loaded inline
    runner.synchronous = False  # save through the DB worker thread, as the app does
    type_measurements(qtbot, dialog, "8,2", "73,0")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    [row] = stored(database)
    assert (row.weight_kg, row.zwei) == (8.2, who("P", TODAY, weight_kg=8.2).zwei)
