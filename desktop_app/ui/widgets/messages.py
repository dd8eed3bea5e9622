"""Indonesian message boxes: questions with named buttons, errors and notices.

Every modal box runs through :func:`run_box`, the one seam tests replace to answer a box or to
read what the user was told.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.ui.ops import user_message


def run_box(box: QMessageBox) -> QMessageBox.ButtonRole | None:
    """Show ``box`` modally and return the role of the button clicked (tests patch this)."""
    box.exec()
    clicked = box.clickedButton()
    return box.buttonRole(clicked) if clicked is not None else None


def ask(parent: QWidget | None, title: str, text: str, *, yes: str, no: str = "") -> bool:
    """A yes/no question whose buttons say what they do ("Hapus", "Batal"); True for yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(no or _("Batal"), QMessageBox.ButtonRole.RejectRole))
    return run_box(box) == QMessageBox.ButtonRole.AcceptRole


def show_error(parent: QWidget | None, text: str, *, title: str = "") -> None:
    """Tell the user why an action was refused; nothing was changed."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or _("Tidak dapat disimpan"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(_("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    run_box(box)


def show_failure(parent: QWidget | None, error: Exception) -> None:
    """A domain refusal in its own words, anything else as a generic apology."""
    title = _("Tidak dapat disimpan") if isinstance(error, DomainError) else _("Kesalahan")
    show_error(parent, user_message(error), title=title)


def show_info(parent: QWidget | None, text: str, *, title: str = "") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        title or _("Informasi"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(_("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    run_box(box)
