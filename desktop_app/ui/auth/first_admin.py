"""The first start: no account exists yet, so the person installing Asuh creates the Admin.

GUI thread; saving goes through the runner (``users.create_first_admin``), which refuses once
any account exists, so this dialog cannot be used to add a second Administrator later.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.auth.recovery_dialog import recovery_key_text
from desktop_app.ui.operations import users as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.form_dialog import FormDialog
from desktop_app.users.accounts import UserRecord


class FirstAdminDialog(FormDialog):
    """``saved(object)`` carries the new Admin's :class:`~desktop_app.users.accounts.UserRecord`."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        recovery_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Selamat datang di Asuh"), parent=parent)
        #: A recovery key is issued only for a file (``recovery_folder``: its backup folder).
        self.with_recovery_key = recovery_folder is not None
        self.recovery_key: str | None = None
        self.record: UserRecord | None = None
        self.setMinimumWidth(520)
        heading = QLabel(_("Buat akun Administrator"))
        heading.setObjectName("pageTitle")
        intro = QLabel(
            _("Belum ada pengguna di komputer ini. Administrator mengelola pengguna, peran dan "
              "pengaturan, dan dapat mengatur ulang kata sandi pengguna lain.")
        )  # fmt: skip
        intro.setWordWrap(True)
        intro.setObjectName("mutedLabel")
        self.body.addWidget(heading)
        self.body.addWidget(intro)
        self.body.addSpacing(6)
        rows = self.rows()
        self.username = rows.add(
            _("Nama pengguna"), QLineEdit("admin"), field="username", required=True,
            hint=_("Huruf kecil tanpa spasi, misalnya admin atau rina.k"),
        )  # fmt: skip
        self.full_name = rows.add(_("Nama lengkap"), QLineEdit(), field="full_name", required=True)
        self.passwords = PasswordFields(rows)
        note = QLabel(
            _("Simpan kata sandi ini di tempat yang aman. Jika terlupa, Admin lain dapat "
              "mengaturnya ulang, atau gunakan kunci pemulihan yang ditampilkan sekali setelah "
              "akun dibuat.")
        )  # fmt: skip
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.body.addWidget(note)
        self.save_button.setText(_("Buat akun"))
        self.cancel_button.setText(_("Tutup Asuh"))
        self.full_name.setFocus()

    def save(self) -> None:
        username, full_name = self.username.text(), self.full_name.text()
        try:
            password = self.passwords.value()
        except ValidationError as error:
            self.handle_error(error)
            return
        self.submit(
            operations.create_first_admin(
                username=username,
                full_name=full_name,
                password=password,
                recovery_key=self.with_recovery_key,
            )
        )

    def saved_value(self, result: operations.AdminWithKey) -> UserRecord:
        self.record, self.recovery_key = result.user, result.recovery_key
        if self.recovery_key is not None:
            messages.show_info(
                self,
                _("Akun {name} sudah dibuat.").format(name=result.user.username)
                + "\n\n" + recovery_key_text(self.recovery_key),
                title=_("Akun Administrator dibuat"),
            )  # fmt: skip
        return result.user
