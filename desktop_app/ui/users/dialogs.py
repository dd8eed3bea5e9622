"""Add or edit an account, and set a new password for one (Admin only; the services check it)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import N_, _, translated_items
from desktop_app.core.permissions import ADMIN, OPERATOR, PIMPINAN, ROLES
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.operations import users as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.form_dialog import FormDialog
from desktop_app.users.accounts import UserRecord

ROLE_HINTS = {
    ADMIN: N_("Semua data, termasuk pengguna, pengaturan dan tabel KBM."),
    OPERATOR: N_(
        "Mengisi dan mengubah data anak, orang tua asuh, kunjungan dan bantuan; mencetak."
    ),
    PIMPINAN: N_("Hanya melihat dan mencetak laporan; tidak dapat mengubah data."),
}


class UserDialog(FormDialog):
    """New account (``user`` None) or edit name, role and active flag of ``user``."""

    def __init__(
        self, runner: OperationRunner, user: UserRecord | None = None, parent: QWidget | None = None
    ) -> None:
        title = (
            _("Tambah pengguna")
            if user is None
            else _("Ubah pengguna {name}").format(name=user.username)
        )
        super().__init__(runner, title=title, parent=parent)
        self.user = user
        self.setMinimumWidth(500)
        rows = self.rows()
        self.username = rows.add(
            _("Nama pengguna"), QLineEdit(user.username if user else ""), field="username",
            required=True, hint=_("Huruf kecil tanpa spasi; dipakai untuk masuk."),
        )  # fmt: skip
        self.username.setReadOnly(user is not None)
        self.full_name = rows.add(
            _("Nama lengkap"), QLineEdit(user.full_name if user else ""), field="full_name",
            required=True,
        )  # fmt: skip
        self.role = QComboBox()
        self.role.setMinimumWidth(220)
        for code, label in translated_items(ROLES):
            self.role.addItem(label, code)
        self.role.setCurrentIndex(max(self.role.findData(user.role if user else OPERATOR), 0))
        rows.add(_("Peran"), self.role, field="role", required=True)
        self.role_hint = rows.hints["role"]
        self.role.currentIndexChanged.connect(self._show_role_hint)
        self._show_role_hint()
        self.active = QCheckBox(_("Akun aktif (dapat masuk)"))
        self.passwords: PasswordFields | None = None
        if user is None:
            self.passwords = PasswordFields(rows)
        else:
            self.active.setChecked(user.active)
            rows.add("", self.active, field="active")
        (self.full_name if user else self.username).setFocus()

    def _show_role_hint(self) -> None:
        self.role_hint.setText(_(ROLE_HINTS.get(self.role.currentData(), "")))
        self.role_hint.setVisible(True)

    def save(self) -> None:
        username, full_name, role = (
            self.username.text(),
            self.full_name.text(),
            self.role.currentData(),
        )
        if self.user is None:
            assert self.passwords is not None  # a new account always has the password rows
            try:
                password = self.passwords.value()
            except ValidationError as error:
                self.handle_error(error)
                return
            self.submit(
                operations.create_user(
                    username=username, full_name=full_name, role=role, password=password
                )
            )
            return
        self.submit(
            operations.update_user(
                user_id=self.user.id, full_name=full_name, role=role, active=self.active.isChecked()
            )
        )


class PasswordDialog(FormDialog):
    """An Admin sets a new password for ``user`` (it also lifts a lockout)."""

    def __init__(self, runner: OperationRunner, user: UserRecord, parent: QWidget | None = None):
        super().__init__(
            runner,
            title=_("Atur ulang kata sandi {name}").format(name=user.username),
            parent=parent,
        )
        self.user = user
        self.setMinimumWidth(460)
        intro = QLabel(
            _("Berikan kata sandi baru ini kepada {name} secara langsung, bukan lewat pesan "
              "grup.").format(name=user.full_name)
        )  # fmt: skip
        intro.setWordWrap(True)
        intro.setObjectName("mutedLabel")
        self.body.addWidget(intro)
        self.passwords = PasswordFields(self.rows(), label=_("Kata sandi baru"))
        self.passwords.password.setFocus()

    def save(self) -> None:
        try:
            password = self.passwords.value()
        except ValidationError as error:
            self.handle_error(error)
            return
        self.submit(operations.set_password(user_id=self.user.id, password=password))
