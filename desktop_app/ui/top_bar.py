"""The bar above every page: who is signed in, "Kunci sekarang" and "Keluar", always in view.

On a shared office laptop the user must see whose name the changes are recorded under and be
able to lock or leave from any page, not only after ten idle minutes or through Ctrl+Q.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.core.i18n import _, pgettext
from desktop_app.core.permissions import ROLES


class TopBar(QWidget):
    """``lock_requested()`` and ``quit_requested()`` for the window to act on."""

    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 0)
        row.setSpacing(8)
        row.addStretch(1)
        self.user_label = QLabel()
        self.user_label.setObjectName("topBarUser")
        self.lock_button = QPushButton(_("Kunci sekarang"))
        self.lock_button.setToolTip(_("Tutup layar sampai kata sandi dimasukkan lagi"))
        self.lock_button.clicked.connect(self.lock_requested)
        self.quit_button = QPushButton(pgettext("tombol", "Keluar"))
        self.quit_button.setToolTip(_("Keluar dari Asuh (Ctrl+Q)"))
        self.quit_button.clicked.connect(self.quit_requested)
        for widget in (self.user_label, self.lock_button, self.quit_button):
            row.addWidget(widget)
        self.set_user(None, None)

    def set_user(self, name: str | None, role: str | None) -> None:
        """Show ``name`` and the role's label; without a user (a benchmark, the system) only
        "Keluar" remains, since there is no password to lock with."""
        role_text = _(ROLES.get(role, role)) if role else ""
        text = _("{name} ({role})").format(name=name, role=role_text) if role_text else name
        self.user_label.setText(text or "")
        self.user_label.setVisible(bool(name))
        self.lock_button.setVisible(bool(name))
