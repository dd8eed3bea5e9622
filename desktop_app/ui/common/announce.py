"""Say in the main window's status bar that something was saved (a form closes on success, so
without this a user cannot tell a save from a cancel)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMainWindow, QWidget

from desktop_app.core.i18n import _

#: How long a confirmation stays in the status bar.
MESSAGE_MS = 10_000


def announce(widget: QWidget, text: str) -> None:
    """Show ``text`` in the status bar of ``widget``'s main window (nothing when it has none)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, MESSAGE_MS)


def announce_visit_saves(dialog: Any) -> None:
    """Confirm each save of the visit form ``dialog`` in its window's status bar, naming the
    child (read when the save succeeds: the form may have been opened blank)."""

    def saved(_visit_id: object) -> None:
        child = getattr(dialog, "child", None)
        name = getattr(child, "name", "") or ""
        announce(
            dialog.parentWidget() or dialog, _("Kunjungan tersimpan: {name}").format(name=name)
        )

    dialog.saved.connect(saved)
