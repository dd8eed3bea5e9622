"""Masuk ke Asuh: the login dialog, also the unlock dialog of the idle lock.

``LoginDialog(runner)`` asks for name and password and checks them through the runner (on the
DB worker; Argon2 takes a moment). A refusal, including a lockout with its end time, is shown
under the fields and the password is cleared; its bookkeeping is committed (see
``users.login_or_refusal``). On success ``logged_in(UserRecord)`` fires and the dialog accepts;
the caller decides what signing in means (``identity.sign_in``).

``locked=True`` (the idle lock): the name is fixed to the current user, Esc does nothing, and
the second button closes Asuh instead (``quit_requested``), so the lock cannot be dismissed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import password_edit
from desktop_app.ui.ops import OperationRunner, user_message
from desktop_app.ui.widgets.form_errors import INVALID_STYLE

# desktop_app.users.accounts loads SQLAlchemy, which start-up loads behind this dialog
if TYPE_CHECKING:
    from desktop_app.users.accounts import LoginRefused, UserRecord

_STYLE = (
    INVALID_STYLE
    + """
QLabel#loginBrand { font-size: 22pt; font-weight: 700; color: #0f766e; }
QLabel#loginTitle { font-size: 12pt; font-weight: 600; }
QLabel#loginError { color: #c62828; background: #fff5f5; border: 1px solid #f5c2c2;
                    border-radius: 4px; padding: 6px 8px; }
QLineEdit { min-height: 26px; }
"""
)


class Unlocker(Protocol):
    """Opens the encrypted database before the dialog's login check (``ui/app.py``): each
    method returns None when the file opened, else the message to show."""

    def with_password(self, username: str, password: str) -> str | None: ...

    def with_recovery_key(self, recovery_key: str) -> str | None: ...


class LoginDialog(QDialog):
    """Modal login. ``logged_in(object)``: the :class:`UserRecord`; ``quit_requested()``."""

    logged_in = Signal(object)
    quit_requested = Signal()

    def __init__(
        self,
        runner: OperationRunner,
        *,
        username: str = "",
        locked: bool = False,
        district: str = "",
        recovery_folder: Path | None = None,
        unlocker: Unlocker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        #: Opens the encrypted file before the login check (None: the database is open).
        self.unlocker = unlocker
        self.locked = locked
        self.user: UserRecord | None = None
        self.recovery_folder = recovery_folder
        self.setWindowTitle(_("Asuh terkunci") if locked else _("Masuk ke Asuh"))
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(400)

        brand = QLabel("Asuh")
        brand.setObjectName("loginBrand")
        title = QLabel(
            _("Layar dikunci karena tidak ada aktivitas") if locked else _("Masuk ke Asuh")
        )
        title.setObjectName("loginTitle")
        subtitle = QLabel(
            _("Masukkan kata sandi untuk melanjutkan.")
            if locked
            else (district or _("Orang tua asuh cegah stunting"))
        )
        subtitle.setObjectName("mutedLabel")
        subtitle.setWordWrap(True)

        self.username = QLineEdit(username)
        self.username.setPlaceholderText(_("Nama pengguna"))
        self.username.setMaxLength(60)
        self.username.setReadOnly(locked and bool(username))
        self.password = password_edit(_("Kata sandi"))
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        hint = QLabel(_("Lupa kata sandi? Minta Admin mengatur ulang kata sandi Anda."))
        hint.setObjectName("mutedLabel")
        hint.setWordWrap(True)
        self.recovery_button = QPushButton(_("Lupa kata sandi Admin?"))
        self.recovery_button.setObjectName("linkButton")
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(self.recover)
        self.recovery_button.setVisible(recovery_folder is not None and not locked)

        self.login_button = QPushButton(_("Buka kunci") if locked else _("Masuk"))
        self.login_button.setObjectName("primaryButton")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.other_button = QPushButton(_("Tutup Asuh") if locked else _("Batal"))
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self._other)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(8)
        layout.addWidget(brand)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(10)
        for label_text, field in ((_("Nama pengguna"), self.username),
                                  (_("Kata sandi"), self.password)):  # fmt: skip
            label = QLabel(label_text)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addSpacing(6)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recovery_button)
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.login_button)
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ------------------------------------------------------------------------------
    def submit(self) -> None:
        """Check name and password on the DB worker (Enter or "Masuk")."""
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_error(_("Isi nama pengguna dan kata sandi."))
            return
        self.login_button.setEnabled(False)
        if self.unlocker is not None:
            problem = self.unlocker.with_password(username, password)
            if problem:
                self._refused(problem)
                return

        # Imported here: it loads SQLAlchemy, which the dialog is shown without.
        from desktop_app.ui.operations.users import log_in

        self.runner.run_op(
            log_in(username=username, password=password),
            on_success=self._checked,
            on_error=lambda error: self._refused(user_message(error)),
        )

    def recover(self) -> None:
        """ "Lupa kata sandi Admin?": the recovery dialog; afterwards the Admin logs in."""
        from desktop_app.ui.auth.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(
            self.runner,
            self.recovery_folder,
            parent=self,
            unlock=self.unlocker.with_recovery_key if self.unlocker is not None else None,
        )
        dialog.saved.connect(self._recovered)
        self.run_dialog(dialog)

    def run_dialog(self, dialog: QDialog) -> None:
        """Open a dialog modally (tests replace this to drive it themselves)."""
        dialog.exec()

    def _recovered(self, user: UserRecord) -> None:
        self.username.setText(user.username)
        self.error.setVisible(False)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def reject(self) -> None:  # Esc, the window's close button
        if not self.locked:
            super().reject()

    # -- results ------------------------------------------------------------------------------
    def _checked(self, result: UserRecord | LoginRefused) -> None:
        from desktop_app.users.accounts import LoginRefused

        if isinstance(result, LoginRefused):
            self._refused(str(result))
            return
        self.login_button.setEnabled(True)
        self.user = result
        self.password.clear()
        self.logged_in.emit(result)
        self.accept()

    def _refused(self, message: str) -> None:
        self.login_button.setEnabled(True)
        self.show_error(message)
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _other(self) -> None:
        if self.locked:
            self.quit_requested.emit()
            QDialog.reject(self)
        else:
            self.reject()
