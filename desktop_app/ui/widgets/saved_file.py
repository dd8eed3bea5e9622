"""After a file is saved: say where, and offer "Buka berkas" and "Buka folder".

Every report and export save ends here, so a user who has just saved a PDF never has to hunt
for it in a file manager. Opening goes through :func:`open_path` (the desktop's default viewer,
``QDesktopServices``), the one seam tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.widgets import messages


def open_path(path: Path) -> bool:
    """Open a file or folder with the desktop's default application (tests patch this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_saved_file(parent: QWidget | None, path: Path, *, text: str = "") -> None:
    """A notice naming the saved file, with "Buka berkas", "Buka folder" and "Tutup"."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Berkas disimpan"),
        text or _("Berkas disimpan di:\n{path}").format(path=path),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    open_file = box.addButton(_("Buka berkas"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Buka folder"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_file)
    box.setEscapeButton(box.addButton(_("Tutup"), QMessageBox.ButtonRole.RejectRole))
    role = messages.run_box(box)
    if role == QMessageBox.ButtonRole.AcceptRole:
        open_path(path)
    elif role == QMessageBox.ButtonRole.ActionRole:
        open_path(path.parent)
