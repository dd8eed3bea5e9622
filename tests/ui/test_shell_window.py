"""The main window: sidebar, shortcuts, status bar, Beranda, refresh-by-listening, start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.main_window import MainWindow
from tests.listing.builders import World


@pytest.fixture
def window(qtbot, database, runner) -> MainWindow:
    main = MainWindow(database, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_starts_on_beranda_with_only_that_page_built(window: MainWindow) -> None:
    assert window.current_key() == "home"
    assert window.page("children") is None  # other pages are built on first visit
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "Beranda", "Anak", "Orang Tua Asuh", "Penugasan", "Kunjungan", "Tindak lanjut",
        "Bantuan", "Laporan", "Pengaturan",
    ]  # fmt: skip
    assert window.db_label.text() == "Basis data: asuh.sqlite3"


def test_ctrl_number_switches_pages(qtbot, window: MainWindow) -> None:
    for key, expected in ((Qt.Key.Key_2, "children"), (Qt.Key.Key_3, "guardians"),
                          (Qt.Key.Key_4, "assignments"), (Qt.Key.Key_5, "visits"),
                          (Qt.Key.Key_1, "home")):  # fmt: skip
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == expected
        assert window.stack.currentWidget() is window.page(expected)
    assert type(window.show_section("visits")).__name__ == "VisitsPage"


def test_a_follow_up_row_opens_the_child_page(qtbot, window: MainWindow, world: World) -> None:
    page = window.show_section("followup")
    page.open_child.emit(world["Bayu Pratama"])
    assert window.current_key() == "children"
    section = window.current_page()
    assert section.currentWidget() is section.detail_page
    assert section.detail_page.child_id == world["Bayu Pratama"]
    assert section.detail_page.growth_panel is not None


def test_ctrl_f_focuses_the_list_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search_box = window.page("children").list_page.search_box
    qtbot.waitUntil(search_box.hasFocus, timeout=1000)


def test_beranda_shows_coverage_tiles_and_opd_table(qtbot, database, runner, world: World):
    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    home = window.page("home")
    assert home.coverage_label.text() == "2 dari 4 anak sudah memiliki orang tua asuh (50,0%)"
    assert home.coverage_bar.value() == 500
    assert {k: t.value_label.text() for k, t in home.tiles.items()} == {
        "children": "4", "with_guardian": "2", "without_guardian": "2", "asn": "2",
        "opd_missing": "1",
    }  # fmt: skip
    model = home.opd_model
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "0", "0"],
        ["DINKES", "Dinas Kesehatan", "1", "1"],
        ["DISDIK", "Dinas Pendidikan", "1", "1"],
    ]
    # the OPD without ASN is highlighted and says why; the others are not
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) == (
        "Badan Perencanaan Pembangunan Daerah: belum mengirim data (belum ada ASN terdaftar)."
    )
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is None
    waiting = [home.waiting_table.item(r, 0).text() for r in range(home.waiting_table.rowCount())]
    assert waiting == ["Bayu Pratama", "Siti Rahma"]


def test_opd_model_passes_qtmodeltester(qtbot, qtmodeltester, database, runner, world):
    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    qtmodeltester.check(window.page("home").opd_model)


def test_see_all_opens_children_without_guardian(qtbot, database, runner, world: World):
    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.page("home").see_all_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "children"
    page = window.page("children").list_page
    assert page.visible_texts(0) == ["Bayu Pratama", "Siti Rahma"]
    assert page.assigned.currentText() == "Belum punya orang tua asuh"


def test_broadcast_refreshes_beranda_when_visible(qtbot, database, runner, world: World):
    from desktop_app.assignments.service import assign_guardian
    from desktop_app.core.changes import Changes

    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    runner.write(
        lambda s: assign_guardian(
            s, child_id=world["Bayu Pratama"], guardian_id=world["Budi Santoso"]
        ),
        changes=Changes.ASSIGNMENTS,
    )
    home = window.page("home")
    assert home.coverage_label.text() == "3 dari 4 anak sudah memiliki orang tua asuh (75,0%)"


def test_run_gui_refuses_a_broken_file_with_exit_code_1(qapp, tmp_path: Path, capsys) -> None:
    from desktop_app.ui.app import run_gui

    broken = tmp_path / "rusak.sqlite3"
    broken.write_bytes(b"bukan basis data sqlite " * 100)
    assert run_gui(db_path=str(broken), database_url=None) == 1
    assert "Basis data tidak dapat dibuka" in capsys.readouterr().err


def test_startup_probe_signs_in_populates_and_saves_geometry(
    database, isolated_data_dir: Path
) -> None:
    """The start-up benchmark's path, in its own process (a quit event loop would leak into
    the other tests): the login dialog is painted while the database opens behind it, the
    typist signs in with a real account, Beranda is populated, geometry saved."""
    from desktop_app.settings.store import update_settings
    from desktop_app.users.accounts import create_first_admin

    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina", password="rahasia-7-kab")
        update_settings(session, setup_completed=True)
        session.commit()
    database.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASUH_EXIT_AFTER_SHOWN": "1"}
    db_file = str(isolated_data_dir / "asuh.sqlite3")
    probe = Path(__file__).resolve().parents[2] / "bench" / "startup_probe.py"
    result = subprocess.run(
        [sys.executable, str(probe), db_file, "admin", "rahasia-7-kab", "--typing-ms", "0"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    markers = [line for line in result.stdout.split() if line.isupper()]
    assert markers == ["LOGIN_SHOWN", "LOGIN_SUBMITTED", "ASUH_READY"]
    assert "Traceback" not in result.stderr
    assert "geometry" in (isolated_data_dir / "ui.ini").read_text()


def test_ctrl_n_opens_the_new_child_dialog(qtbot, window: MainWindow, opened_dialogs) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = opened_dialogs()
    assert [type(d).__name__ for d in dialogs] == ["ChildEditorDialog"]
    dialogs[0].reject()


def test_every_section_opens(qtbot, window: MainWindow) -> None:
    for number in range(1, 10):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.stack.currentWidget() is window.current_page()
    assert window.current_key() == "settings"


def test_window_title_names_the_district(qapp, database) -> None:
    from desktop_app.settings.store import update_settings
    from desktop_app.ui.app import open_main_window
    from desktop_app.ui.ops import OperationRunner

    with database.sessions() as session:
        update_settings(session, district_name="Kabupaten Belitung")
        session.commit()
    runner = OperationRunner(database.sessions)
    window = open_main_window(database, runner, role=None)
    try:
        assert window.windowTitle() == "Asuh \u2014 Kabupaten Belitung"
    finally:
        runner.wait_idle()
        window.deleteLater()


def test_run_gui_refuses_to_open_data_without_a_login_screen(qapp, database, capsys) -> None:
    """Headless, nobody can log in: Asuh says so and exits 1 instead of skipping the login."""
    from desktop_app.ui.app import run_gui

    database.dispose()
    assert run_gui(db_path=str(database.path), database_url=None) == 1
    assert "membutuhkan layar untuk masuk" in capsys.readouterr().err


def test_the_first_size_fits_the_screen(window: MainWindow) -> None:
    """1280 x 800 is taller than a 1366 x 768 laptop's screen: the window's normal size is what
    there is (the offscreen test screen is 800 x 800), title bar included, and it opens
    maximised (tests/ui/test_shell_followups.py)."""
    room = window.screen().availableGeometry()
    normal = window.normalGeometry()
    assert normal.width() == min(1280, room.width() - 16)
    assert normal.height() == min(800, room.height() - 48)
