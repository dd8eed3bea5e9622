"""Assign / transfer / end through the dialogs: the Assignment rows they leave, and refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop_app.assignments.service import assign_guardian
from desktop_app.core import clock
from desktop_app.core.formatting import format_date
from desktop_app.db.models import Assignment
from desktop_app.settings.store import update_settings
from desktop_app.ui.assignments.dialogs import AssignDialog, EndAssignmentDialog, TransferDialog
from tests.ui import form_fixtures
from tests.ui.form_fixtures import (
    count,
    make_child,
    make_guardian,
    make_opd,
    make_wilayah,
    rows,
    run,
)
from tests.ui.keys import type_date

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def people(database):
    wilayah = make_wilayah(database)
    opd_id = make_opd(database)
    return {
        "rina": make_child(database, wilayah),
        "bayu": make_child(
            database, wilayah, name="Bayu Pratama", nik="", sex="L", no_kk="3271010101200003"
        ),
        "budi": make_guardian(database, opd_id, "Budi Santoso", 1),
        "ani": make_guardian(database, opd_id, "Ani Wijaya", 2),
    }


def show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def search(qtbot, picker, text: str) -> list[str]:
    qtbot.keyClicks(picker.search, text)
    picker.refresh()  # what the typing pause would trigger
    return [picker.results.item(i).text() for i in range(picker.results.count())]


def pick(qtbot, picker, row: int = 0) -> None:
    item = picker.results.item(row)
    rect = picker.results.visualItemRect(item)
    qtbot.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_assign_through_searchable_pickers(qtbot, runner, database, people):
    dialog = show(qtbot, AssignDialog(runner))
    birth = format_date(people["bayu"].birth_date)
    assert search(qtbot, dialog.child, "bayu") == [f"Bayu Pratama · lahir {birth} · Air Saga"]
    pick(qtbot, dialog.child)
    labels = search(qtbot, dialog.guardian, "ani")
    assert labels == ["Ani Wijaya · Dinas Kesehatan · 0 dari 3 anak"]
    pick(qtbot, dialog.guardian)
    start = clock.today() - timedelta(days=3)
    type_date(qtbot, dialog.start_date, start.strftime("%d%m%Y"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [row] = rows(database, Assignment)
    assert (row.child_id, row.guardian_id) == (people["bayu"].id, people["ani"].id)
    assert (row.status, row.start_date, row.end_date) == ("aktif", start, None)
    # The child now has a guardian, so it is no longer offered.
    again = show(qtbot, AssignDialog(runner))
    assert search(qtbot, again.child, "bayu") == []


def test_assign_requires_a_choice(qtbot, runner, database, people):
    dialog = show(qtbot, AssignDialog(runner, child_id=people["rina"].id))
    assert dialog.child.value() == people["rina"].id  # preset and fixed
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("guardian_id") == "Pilih orang tua asuh terlebih dahulu"
    assert count(database, Assignment) == 0


def test_second_active_guardian_is_refused_and_told(qtbot, runner, database, people, message_boxes):
    rina, budi, ani = people["rina"], people["budi"], people["ani"]
    run(database, lambda s: assign_guardian(s, child_id=rina.id, guardian_id=budi.id))
    dialog = show(qtbot, AssignDialog(runner, child_id=rina.id, guardian_id=ani.id))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(message_boxes) == 1
    assert "sudah memiliki orang tua asuh aktif: Budi Santoso" in message_boxes[0]
    assert dialog.isVisible()
    assert count(database, Assignment) == 1


def test_full_guardian_is_shown_but_cannot_be_picked(qtbot, runner, database, people):
    run(database, lambda s: update_settings(s, max_children_per_guardian=1))
    rina, budi = people["rina"], people["budi"]
    run(database, lambda s: assign_guardian(s, child_id=rina.id, guardian_id=budi.id))
    dialog = show(qtbot, AssignDialog(runner, child_id=people["bayu"].id))
    assert search(qtbot, dialog.guardian, "budi") == [
        "Budi Santoso · Dinas Kesehatan · 1 dari 1 anak — penuh"
    ]
    pick(qtbot, dialog.guardian)
    assert dialog.guardian.value() is None


def test_transfer_ends_the_current_row_and_starts_a_new_one(qtbot, runner, database, people):
    rina, budi, ani = people["rina"], people["budi"], people["ani"]
    start = clock.today() - timedelta(days=40)
    first = run(
        database,
        lambda s: assign_guardian(s, child_id=rina.id, guardian_id=budi.id, start_date=start),
    )
    dialog = show(qtbot, TransferDialog(runner, child_id=rina.id))
    assert dialog.current.text().startswith("Rina Marlina diasuh oleh Budi Santoso sejak")
    search(qtbot, dialog.guardian, "ani")
    pick(qtbot, dialog.guardian)
    on = clock.today() - timedelta(days=1)
    type_date(qtbot, dialog.on, f"{on.day}-{on.month}-{on.year}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("reason")  # a reason is required
    assert count(database, Assignment) == 1

    dialog.reason.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    by_id = {row.id: row for row in rows(database, Assignment)}
    old = by_id.pop(first.id)
    [new] = by_id.values()
    assert (old.status, old.end_date, old.end_reason) == (
        "dialihkan",
        on,
        "Orang tua asuh pindah tugas",
    )
    assert (new.status, new.guardian_id, new.start_date, new.end_date) == (
        "aktif",
        ani.id,
        on,
        None,
    )


def test_end_assignment_closes_it(qtbot, runner, database, people):
    rina, budi = people["rina"], people["budi"]
    record = run(database, lambda s: assign_guardian(s, child_id=rina.id, guardian_id=budi.id))
    dialog = show(qtbot, EndAssignmentDialog(runner, assignment_id=record.id))
    assert dialog.summary.text().startswith("Budi Santoso mengasuh Rina Marlina sejak")
    dialog.reason.setCurrentText("Periode program selesai")
    type_date(qtbot, dialog.on, clock.today().strftime("%d.%m.%y"))
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = rows(database, Assignment)
    assert saved.args == [record.id]
    assert (row.status, row.end_date, row.end_reason) == (
        "selesai",
        clock.today(),
        "Periode program selesai",
    )
