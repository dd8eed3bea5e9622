"""What the start of the GUI needs before any window: automation switches, whether anybody
can answer a dialog, and the message shown when the database cannot be opened.

Kept apart from :mod:`desktop_app.ui.app` so the file-unlock and start-up-check modules use the
same answers without importing the start sequence itself (and nothing here loads SQLAlchemy:
the login window is shown before it is imported)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.i18n import _

#: Headless automation only (see ``ui.app._headless_sign_in_and_open``).
LOGIN_USER_ENV = "ASUH_LOGIN_USER"
LOGIN_PASSWORD_ENV = "ASUH_LOGIN_PASSWORD"
EXIT_AFTER_SHOWN_ENV = "ASUH_EXIT_AFTER_SHOWN"
READY_MARKER = "ASUH_READY"


def headless() -> bool:
    """Nobody can answer a dialog (tests, benchmarks, a server session)."""
    return os.environ.get("QT_QPA_PLATFORM") == "offscreen"


def show_open_error(error: Exception) -> None:
    detail = str(error)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Asuh tidak dapat dibuka"),
        _("Basis data tidak dapat dibuka. Asuh akan ditutup; tidak ada data yang diubah."),
    )
    box.setInformativeText(detail)
    box.addButton(_("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    if headless():
        print(f"{box.text()}\n{detail}", file=sys.stderr)  # nobody could click it
        return
    box.exec()


def with_busy_note(text: str, work):
    """Run ``work`` with a note on screen (a one-time job of seconds before any window)."""
    if headless():
        return work()
    box = QMessageBox(QMessageBox.Icon.Information, "Asuh", text)
    box.setStandardButtons(QMessageBox.StandardButton.NoButton)
    box.show()
    QApplication.processEvents()
    try:
        return work()
    finally:
        box.close()
