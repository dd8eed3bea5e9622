"""The visit form against the child's history, driven with real key and mouse events: the
previous measurement beside the fields, the warnings, and the stored answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.db.models import Visit
from desktop_app.ui.visits import VisitFormDialog
from desktop_app.ui.widgets import messages
from tests.visits.conftest import TODAY
from tests.visits.helpers import add_visit

LEFT = Qt.MouseButton.LeftButton


def open_form(qtbot, runner, **kwargs):
    dialog = VisitFormDialog(runner, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def visits(database) -> list[Visit]:
    with database.sessions() as s:
        return list(s.scalars(select(Visit).order_by(Visit.created_at)))


def type_shorter_visit(qtbot, dialog) -> None:
    """The evidence: the same day, 2 kg lighter and 2.3 cm shorter than the visit before."""
    qtbot.keyClicks(dialog.weight, "6,4")
    qtbot.keyClicks(dialog.lenhei, "71,9")
    qtbot.mouseClick(dialog.measure.buttons["l"], LEFT)


@pytest.fixture
def earlier(database, world):
    return add_visit(database, world.rina, TODAY, weight_kg=8.4, lenhei_cm=74.2, measure="l")


def test_a_same_day_shorter_visit_is_warned_and_the_answer_is_stored(
    qtbot, runner, database, world, earlier, message_boxes
):
    dialog = open_form(qtbot, runner, child_id=world.rina)
    panel = dialog.history_panel
    day = TODAY.strftime("%-d")
    assert panel.previous.text().startswith(day) and "8,4 kg; 74,2 cm berbaring" in (
        panel.previous.text()
    )
    # the date (today) already has a visit: said before anything is typed
    assert not panel.warnings.isHidden() and "sudah punya kunjungan" in panel.warnings.text()
    assert "lebih rendah" not in panel.warnings.text()

    type_shorter_visit(qtbot, dialog)
    live = panel.warnings.text()  # shown beside the fields before saving
    assert not panel.warnings.isHidden()
    assert "sudah punya kunjungan" in live and "2,3 cm lebih rendah" in live
    assert "Berat badan turun 2,0 kg dalam hari yang sama" in live

    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, LEFT)  # the box is answered "Ya, simpan"

    [question] = message_boxes
    assert question.startswith("Data kunjungan ini berbeda dengan riwayat anak:")
    assert "2,3 cm lebih rendah" in question
    first, second = visits(database)
    assert first.id == earlier.id and first.checks_confirmed is None
    assert (second.weight_kg, second.lenhei_cm) == (6.4, 71.9)
    assert [item["check"] for item in second.checks_confirmed] == ["same_day", "shorter", "weight"]
    assert "2,3 cm lebih rendah" in second.checks_confirmed[1]["message"]


def test_periksa_lagi_saves_nothing_and_keeps_the_form(
    qtbot, runner, database, world, earlier, monkeypatch
):
    monkeypatch.setattr(messages, "run_box", lambda box: QMessageBox.ButtonRole.RejectRole)
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_shorter_visit(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert len(visits(database)) == 1
    assert dialog.isVisible() and dialog.weight.value() == 6.4


def test_buka_kunjungan_itu_opens_the_visit_of_that_day(
    qtbot, runner, database, world, earlier, monkeypatch
):
    buttons = []

    def answer(box):
        buttons.extend(b.text() for b in box.buttons())
        return QMessageBox.ButtonRole.ActionRole

    monkeypatch.setattr(messages, "run_box", answer)
    dialog = open_form(qtbot, runner, child_id=world.rina)
    type_shorter_visit(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "Buka kunjungan itu" in buttons
    assert dialog.visit_id == earlier.id
    assert (dialog.weight.value(), dialog.lenhei.value()) == (8.4, 74.2)
    assert len(visits(database)) == 1


def test_z_scores_before_cara_ukur_say_which_position_they_assume(qtbot, runner, world):
    dialog = open_form(qtbot, runner, child_id=world.rina)
    assert dialog.history_panel.previous.text() == "Belum ada pengukuran sebelumnya"
    qtbot.keyClicks(dialog.lenhei, "74,0")
    note = dialog.assessment.position_note
    assert not note.isHidden()
    assert "menganggap anak diukur berbaring" in note.text()  # about 14 months old
    qtbot.mouseClick(dialog.measure.buttons["h"], LEFT)
    assert note.isHidden()
