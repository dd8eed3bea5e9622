"""Start the GUI: QApplication, theme, database, main window (called by ``asuh``).

Failures to open the database end in an Indonesian message box and exit code 1, never a
traceback. ``ASUH_EXIT_AFTER_SHOWN=1`` quits as soon as the window is shown and its first page
populated, printing :data:`READY_MARKER` (bench/bench_startup.py times that).
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME
from desktop_app.i18n import _
from desktop_app.paths import data_dir

log = logging.getLogger(__name__)

READY_MARKER = "ASUH_READY"
EXIT_AFTER_SHOWN_ENV = "ASUH_EXIT_AFTER_SHOWN"


def ui_settings() -> QSettings:
    """Window geometry etc., in ``ui.ini`` under the data dir (tests point it at a temp dir)."""
    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Asuh's names and theme (reuses one that exists, e.g. in tests)."""
    from desktop_app.ui.common.theme import apply_theme

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    apply_theme(app)
    return app


def window_title(district_name: str) -> str:
    return f"Asuh \u2014 {district_name}" if district_name else "Asuh"


def run_gui(*, db_path: str | None = None, database_url: str | None = None) -> int:
    """Open the window on the chosen database; returns the process exit code."""
    app = make_application()
    try:
        window, runner = _open_window(db_path=db_path, database_url=database_url)
    except Exception as error:  # noqa: BLE001 - any failure becomes a message, not a traceback
        log.exception("cannot open the database")
        _show_open_error(error)
        return 1
    settings = ui_settings()
    geometry = settings.value("main_window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    app.aboutToQuit.connect(lambda: _save_state(window, settings, runner))
    if os.environ.get(EXIT_AFTER_SHOWN_ENV) == "1":
        _quit_when_populated(app, window)
    window.show()
    return app.exec()


def _open_window(*, db_path: str | None, database_url: str | None):  # noqa: ANN202
    from desktop_app.db.database import open_database, resolve_url
    from desktop_app.settings import get_settings
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.ops import OperationRunner

    database = open_database(resolve_url(db_path=db_path, database_url=database_url))
    with database.sessions() as session:
        district = get_settings(session).district_name
    runner = OperationRunner(database.sessions)
    window = MainWindow(database, runner)
    window.setWindowTitle(window_title(district))
    return window, runner


def _show_open_error(error: Exception) -> None:
    from desktop_app.db.migrate import DatabaseOpenError

    detail = str(error) if isinstance(error, DatabaseOpenError) else f"{error}"
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Asuh tidak dapat dibuka"),
        _("Basis data tidak dapat dibuka. Asuh akan ditutup; tidak ada data yang diubah."),
    )
    box.setInformativeText(detail)
    box.addButton(_("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    headless = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    if headless or os.environ.get(EXIT_AFTER_SHOWN_ENV) == "1":
        print(f"{box.text()}\n{detail}", file=sys.stderr)  # headless: nobody could click it
        return
    box.exec()


def _save_state(window, settings: QSettings, runner) -> None:  # noqa: ANN001
    settings.setValue("main_window/geometry", window.saveGeometry())
    settings.sync()
    runner.wait_idle(5_000)


def _quit_when_populated(app: QApplication, window) -> None:  # noqa: ANN001
    """Quit after the first page reported itself populated (and the window is shown)."""

    def done() -> None:
        print(READY_MARKER, flush=True)
        QTimer.singleShot(0, app.quit)

    window.current_page().populated.connect(done)
