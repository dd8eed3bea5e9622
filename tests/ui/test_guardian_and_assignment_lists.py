"""The Orang Tua Asuh and Penugasan lists: search, filters, actions on the selected row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.assignments.list_page import AssignmentListPage
from desktop_app.ui.guardians.list_page import GuardianListPage
from tests.listing.builders import World
from tests.ui.form_fixtures import shown


def test_guardian_model_passes_qtmodeltester(qtbot, qtmodeltester, runner, world: World) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    qtmodeltester.check(page.model)


def test_guardian_list_columns_search_and_filters(qtbot, runner, world: World) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    model = page.model
    assert [[model.data(model.index(r, c)) for c in (0, 1, 3, 5)] for r in range(2)] == [
        ["Budi Santoso", "ASN", "Dinas Kesehatan", "1"],
        ["Sri Wahyuni", "ASN", "Dinas Pendidikan", "1"],
    ]
    assert page.count_label.text() == "2 orang tua asuh"
    qtbot.keyClicks(page.search_box, "sri")
    page.flush_search()
    assert page.visible_texts() == ["Sri Wahyuni"]
    page.search_box.clear()
    page.flush_search()
    page.opd.setCurrentIndex(page.opd.findText("Dinas Kesehatan"))
    assert page.visible_texts() == ["Budi Santoso"]
    page.kind.setCurrentIndex(page.kind.findText("CSR / Perusahaan"))
    assert page.visible_texts() == []
    assert page.empty_state.title_label.text() == "Tidak ada orang tua asuh yang cocok"


def test_guardian_double_click_opens_the_editor(qtbot, runner, world, opened_dialogs) -> None:
    page = shown(qtbot, GuardianListPage(runner))
    rect = page.table.visualRect(page.model.index(1, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialogs = opened_dialogs()
    assert len(dialogs) == 1 and type(dialogs[0]).__name__ == "GuardianEditorDialog"
    dialogs[0].reject()


def test_assignment_model_passes_qtmodeltester(qtbot, qtmodeltester, runner, world: World):
    page = shown(qtbot, AssignmentListPage(runner))
    qtmodeltester.check(page.model)


def test_assignment_list_status_filter_and_buttons(qtbot, runner, world, opened_dialogs):
    page = shown(qtbot, AssignmentListPage(runner))
    assert page.visible_texts(0) == ["Ahmad Fauzi", "Siti Aminah"]
    assert page.visible_texts(1) == ["Sri Wahyuni", "Budi Santoso"]
    assert page.visible_texts(6) == ["Aktif", "Aktif"]
    assert not page.transfer_button.isEnabled() and not page.end_button.isEnabled()
    page.table.selectRow(1)
    assert page.transfer_button.isEnabled() and page.end_button.isEnabled()
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    dialogs = opened_dialogs()
    assert [type(d).__name__ for d in dialogs] == ["EndAssignmentDialog"]
    dialogs[0].reject()
    page.status.setCurrentIndex(page.status.findText("Selesai"))
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 penugasan"
