"""Pengaturan > Cadangan > "Enkripsi cadangan": set or remove the backup password (Admin only).

The password is kept on this laptop so the unattended automatic backups can be encrypted; see
``desktop_app.backup.encryption`` for why that is acceptable and what it protects. The fields
are never filled with the stored password: the section only says whether one is set. GUI
thread only; the changes run on the operation runner.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.operations import backup as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.form_errors import INVALID_STYLE, FormErrors
from desktop_app.ui.widgets.form_row import FormRows
from desktop_app.ui.widgets.messages import ask, show_failure

WARNING_STYLE = (
    "QLabel { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 4px;"
    " padding: 6px 8px; color: #5d4200; }"
)


class EncryptionSection(QGroupBox):
    """``changed(str)`` carries the new password ("" = removed) after it was stored."""

    changed = Signal(str)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(_("Enkripsi cadangan"), parent)
        self.runner = runner
        self.setStyleSheet(INVALID_STYLE)  # red inline errors, as in FormDialog
        self.errors = FormErrors(self)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.warning = QLabel(
            _("Penting: cadangan terenkripsi hanya dapat dipulihkan dengan kata sandi ini, "
              "juga di laptop lain. Tanpa kata sandi, data di cadangan tidak dapat dipulihkan "
              "oleh siapa pun. Tulis kata sandi ini dan simpan di tempat aman, terpisah dari "
              "flashdisk cadangan. Cadangan lama tetap memakai kata sandi lamanya.")
        )  # fmt: skip
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        rows = FormRows(self.errors, self)
        self.passwords = PasswordFields(rows, label=_("Kata sandi cadangan"))
        self.save_button = QPushButton(_("Simpan kata sandi"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(_("Hapus kata sandi"))
        self.clear_button.clicked.connect(self.clear_password)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(self.warning)
        layout.addWidget(rows)
        layout.addLayout(buttons)
        self.show_state(is_set=False)

    def show_state(self, *, is_set: bool) -> None:
        """Say whether new backups are encrypted (never shows the password itself)."""
        self.state_label.setText(
            _("Cadangan baru dienkripsi dengan kata sandi (berkas .sqlite3.enc).")
            if is_set
            else _("Cadangan baru tidak dienkripsi. Isi kata sandi untuk melindungi cadangan "
                   "yang dibawa keluar dari laptop ini, misalnya di flashdisk.")
        )  # fmt: skip
        self.clear_button.setEnabled(is_set)

    def save(self) -> None:
        """Check both fields (inline errors under the field at fault), then store."""
        self.errors.clear()
        self.status.clear()
        try:
            password = self.passwords.value()
        except ValidationError as mismatch:
            self.errors.show(mismatch)
            return
        self.runner.run_op(
            operations.set_backup_password(password=password),
            on_success=lambda _none: self._stored(password, _("Kata sandi cadangan disimpan.")),
            on_error=self._refused,
        )

    def clear_password(self) -> None:
        question = _(
            "Cadangan berikutnya tidak dienkripsi lagi. Cadangan terenkripsi yang sudah ada "
            "tetap memerlukan kata sandinya untuk dipulihkan."
        )
        if not ask(self, _("Hapus kata sandi cadangan?"), question, yes=_("Hapus kata sandi")):
            return
        self.runner.run_op(
            operations.clear_backup_password(),
            on_success=lambda _none: self._stored("", _("Kata sandi cadangan dihapus.")),
            on_error=self._refused,
        )

    def _stored(self, password: str, message: str) -> None:
        self.passwords.clear()
        self.show_state(is_set=bool(password))
        self.status.setText(message)
        self.changed.emit(password)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            unplaced = self.errors.show(error)
            if not unplaced:
                return
        show_failure(self, error)
