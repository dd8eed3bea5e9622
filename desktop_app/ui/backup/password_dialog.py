"""Ask for the password of an encrypted backup that the configured one did not open.

Used when restoring on a new laptop (no password configured), a backup made before the
password changed, or one from another laptop. The previous attempt's message ("Kata sandi
salah atau berkas rusak") is shown above the field. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import password_edit
from desktop_app.ui.widgets.form_errors import INVALID_STYLE


class BackupPasswordDialog(QDialog):
    def __init__(self, name: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Kata sandi cadangan"))
        self.setStyleSheet(INVALID_STYLE)
        intro = QLabel(
            _("Cadangan {name} terenkripsi. Masukkan kata sandi cadangan yang dipakai saat "
              "cadangan ini dibuat.").format(name=name)
        )  # fmt: skip
        intro.setWordWrap(True)
        self.error_label = QLabel(problem)
        self.error_label.setProperty("role", "field-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(bool(problem))
        self.password = password_edit()
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(_("Pulihkan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(False)
        self.password.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


def ask_backup_password(parent: QWidget | None, *, name: str, problem: str = "") -> str | None:
    """The typed password, or None when the user cancelled."""
    dialog = BackupPasswordDialog(name, problem, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text() or None
