"""The shell's everyday path: Anak returns to the list, Ctrl+K lands in the child search, the
first window is maximised on a small screen, and the signed-in user can lock or leave from any
page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.main_window import MainWindow
from tests.listing.builders import World

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _window(qtbot, database, runner) -> MainWindow:
    main = MainWindow(database, runner, role="admin")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _activate(qtbot, window: MainWindow) -> None:
    """Shortcuts reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _click_section(qtbot, window: MainWindow, row: int) -> None:
    item = window.sidebar.item(row)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), LEFT, pos=rect.center())


def test_anak_in_the_sidebar_always_opens_the_list(qtbot, database, runner, world: World):
    window = _window(qtbot, database, runner)
    window.open_child(world["Bayu Pratama"])
    section = window.current_page()
    assert section.currentWidget() is section.detail_page
    _click_section(qtbot, window, 1)  # already on Anak: the click still returns to the list
    assert section.currentWidget() is section.list_page
    window.open_child(world["Bayu Pratama"])
    _click_section(qtbot, window, 0)
    _click_section(qtbot, window, 1)  # from Beranda
    assert section.currentWidget() is section.list_page
    window.open_child(world["Bayu Pratama"])
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert section.currentWidget() is section.list_page


def test_ctrl_k_puts_the_cursor_in_the_child_search(qtbot, database, runner, world: World):
    window = _window(qtbot, database, runner)
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    dialog = window.visit_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.picker.search)
    qtbot.keyClicks(QApplication.focusWidget(), "Bayu")
    assert dialog.picker.search.text() == "Bayu"
    dialog.reject()


def test_a_small_screen_opens_the_window_maximised(qtbot, database, runner) -> None:
    """The offscreen test screen (800 x 800) is smaller than 1280 x 800 plus the frame, as a
    1366 x 768 laptop is."""
    window = _window(qtbot, database, runner)
    assert window.opens_maximised
    assert window.isMaximized()


def test_the_user_lock_and_quit_are_in_view_on_every_page(qtbot, database, runner) -> None:
    runner.actor, runner.actor_name = "siti", "Siti Rahmawati"
    window = _window(qtbot, database, runner)
    locked: list[bool] = []

    class FakeLock:
        def lock(self) -> None:
            locked.append(True)

    window.idle_lock = FakeLock()  # type: ignore[assignment]
    for key in ("home", "children", "followup", "settings"):
        window.show_section(key)
        bar = window.top_bar
        assert bar.isVisible() and bar.user_label.isVisible()
        assert bar.user_label.text() == "Siti Rahmawati (Admin)"
        assert bar.lock_button.isVisible() and bar.quit_button.isVisible()
    qtbot.mouseClick(window.top_bar.lock_button, LEFT)
    assert locked == [True]
    qtbot.mouseClick(window.top_bar.quit_button, LEFT)
    assert not window.isVisible()


def test_a_new_child_is_confirmed_and_selected_in_the_list(qtbot, database, runner, world):
    from desktop_app.ui.children.editor import ChildEditorDialog
    from desktop_app.validation import make_nik
    from tests.ui.form_fixtures import make_wilayah
    from tests.ui.test_child_editor import BIRTH, REGION, type_child

    wilayah = make_wilayah(database)
    window = _window(qtbot, database, runner)
    section = window.show_section("children")
    page = section.list_page
    qtbot.keyClicks(page.search_box, "Bayu")  # a search that would hide the new child
    page.flush_search()
    page.new_record()
    [dialog] = [d for d in window.findChildren(ChildEditorDialog) if d.isVisible()]
    type_child(qtbot, dialog, wilayah, nik=make_nik(region=REGION, birth_date=BIRTH, sex="P",
                                                    sequence=41))  # fmt: skip
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert window.statusBar().currentMessage() == "Anak baru tersimpan: Siti Aminah"
    assert page.search_box.text() == ""
    selected = page.selected_row()
    assert selected is not None and selected.name == "Siti Aminah"


def test_a_visit_saved_from_ctrl_k_is_confirmed(qtbot, database, runner, world):
    window = _window(qtbot, database, runner)
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    dialog = window.visit_dialog
    qtbot.keyClicks(dialog.picker.search, "Siti Aminah")
    dialog.picker.refresh()
    dialog.picker.results.setCurrentRow(0)
    qtbot.waitUntil(lambda: dialog.child is not None)
    qtbot.keyClicks(dialog.weight, "8,2")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert window.statusBar().currentMessage() == "Kunjungan tersimpan: Siti Aminah"
