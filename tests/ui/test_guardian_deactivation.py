"""Nonaktifkan / Aktifkan kembali on the Orang Tua Asuh list: what the office sees and what is
stored (the world's Budi Santoso and Sri Wahyuni foster one child each; Dewi Lestari, added
here, fosters none)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.assignments.service import assign_guardian
from desktop_app.core.database import Database
from desktop_app.db.models import Guardian
from desktop_app.ui.assignments.dialogs import AssignDialog
from desktop_app.ui.guardians.list_page import GuardianListPage
from desktop_app.ui.widgets import messages
from tests.listing.builders import World, add_guardian
from tests.ui import form_fixtures
from tests.ui.form_fixtures import run, shown

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")

STATUS = 6  # the Status column


@pytest.fixture
def dewi(database: Database, world: World) -> uuid.UUID:
    """A guardian with no children, so nothing stands in the way of deactivating her."""
    return run(database, lambda s: add_guardian(s, world, "Dewi Lestari", opd="DINKES",
                                                sex="P", sequence=3))  # fmt: skip


def is_active(database: Database, guardian_id: uuid.UUID) -> bool:
    with database.sessions() as session:
        return session.get(Guardian, guardian_id).active


def select(qtbot, page: GuardianListPage, name: str) -> None:
    row = page.visible_texts().index(name)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_row().name == name


def click(qtbot, page: GuardianListPage) -> None:
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)


def show_status(page: GuardianListPage, label: str) -> None:
    page.status.setCurrentIndex(page.status.findText(label))


def test_deactivate_then_reactivate(qtbot, runner, database, dewi, message_boxes) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    assert page.visible_texts() == ["Budi Santoso", "Dewi Lestari", "Sri Wahyuni"]
    assert page.visible_texts(STATUS) == ["Aktif", "Aktif", "Aktif"]
    select(qtbot, page, "Dewi Lestari")
    assert page.active_button.text() == "Nonaktifkan" and page.active_button.isEnabled()

    click(qtbot, page)
    assert len(message_boxes) == 1 and message_boxes[0].startswith(
        "Dewi Lestari tidak akan ditawarkan lagi"
    )
    assert is_active(database, dewi) is False
    # Active guardians only by default: she left the list, and is found under "Nonaktif".
    assert page.visible_texts() == ["Budi Santoso", "Sri Wahyuni"]
    assert page.count_label.text() == "2 orang tua asuh"
    assert not page.active_button.isEnabled()  # the selection went with her
    show_status(page, "Nonaktif")
    assert page.visible_texts() == ["Dewi Lestari"]
    assert page.visible_texts(STATUS) == ["Nonaktif"]

    select(qtbot, page, "Dewi Lestari")
    assert page.active_button.text() == "Aktifkan kembali"
    click(qtbot, page)
    assert message_boxes[1] == "Dewi Lestari akan ditawarkan lagi untuk penugasan baru."
    assert is_active(database, dewi) is True
    assert page.visible_texts() == []
    show_status(page, "Aktif & nonaktif")
    assert page.visible_texts(STATUS) == ["Aktif", "Aktif", "Aktif"]


def test_guardian_with_children_is_refused_with_the_count(
    qtbot, runner, database, world, message_boxes
) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    select(qtbot, page, "Budi Santoso")
    click(qtbot, page)
    assert message_boxes == [
        "Budi Santoso masih mengasuh 1 anak. Akhiri atau alihkan penugasannya di menu "
        "Penugasan sebelum menonaktifkan."
    ]  # refused outright: no question first
    assert is_active(database, world["Budi Santoso"]) is True
    assert page.visible_texts(STATUS) == ["Aktif", "Aktif"]


def test_assignment_made_meanwhile_is_refused_by_the_service(
    qtbot, runner, database, world, dewi, message_boxes
) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    select(qtbot, page, "Dewi Lestari")  # the list still counts 0 children for her
    run(database, lambda s: assign_guardian(s, child_id=world["Bayu Pratama"], guardian_id=dewi))
    click(qtbot, page)
    assert message_boxes[0].startswith("Dewi Lestari tidak akan ditawarkan lagi")
    assert message_boxes[1].startswith("Dewi Lestari masih mengasuh 1 anak.")
    assert is_active(database, dewi) is True


def test_answering_no_changes_nothing(qtbot, runner, database, dewi, monkeypatch) -> None:
    asked: list[str] = []

    def answer_no(box: QMessageBox) -> QMessageBox.ButtonRole:
        asked.append(box.text())
        return QMessageBox.ButtonRole.RejectRole

    monkeypatch.setattr(messages, "run_box", answer_no)
    page = shown(qtbot, GuardianListPage(runner))
    select(qtbot, page, "Dewi Lestari")
    click(qtbot, page)
    assert len(asked) == 1 and "Dewi Lestari" in asked[0]
    assert is_active(database, dewi) is True
    assert "Dewi Lestari" in page.visible_texts()


def test_action_needs_a_selection_and_a_role_that_may_write(qtbot, runner, world) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    assert page.selected_row() is None
    assert not page.active_button.isEnabled()
    assert page.active_button.text() == "Nonaktifkan"
    runner.role = "pimpinan"
    select(qtbot, page, "Sri Wahyuni")
    assert not page.active_button.isEnabled()
    assert "Pimpinan" in page.active_button.toolTip()
    runner.role = "operator"
    page.table.clearSelection()
    select(qtbot, page, "Sri Wahyuni")
    assert page.active_button.isEnabled()


def test_inactive_guardian_is_not_offered_for_a_new_assignment(
    qtbot, runner, database, dewi
) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    select(qtbot, page, "Dewi Lestari")
    click(qtbot, page)
    dialog = AssignDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.guardian.search, "dewi")
    dialog.guardian.refresh()  # what the typing pause would trigger
    assert dialog.guardian.results.count() == 0
