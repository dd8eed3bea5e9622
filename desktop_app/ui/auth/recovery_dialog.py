"""Lupa kata sandi Admin: a new Admin password with the recovery key written down earlier.

See ``desktop_app.users.recovery`` for why this is not a back door. The key is typed; when the
database is not open yet (the login window of an encrypted file) ``unlock(key)`` opens it first
with the key's slot. On success the used key is replaced by a new one, shown once. GUI thread;
the work runs through the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.operations import users as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.form_dialog import FormDialog


def recovery_key_text(key: str) -> str:
    """What to do with a new recovery key: shown once, never stored in clear."""
    return _(
        "KUNCI PEMULIHAN ADMIN:\n{key}\n\n"
        "Tulis atau cetak kunci ini sekarang dan simpan terpisah dari laptop. Kunci ini hanya "
        "ditampilkan sekali dan tidak disimpan di komputer. Jika kata sandi Admin terlupa, "
        'pilih "Lupa kata sandi Admin?" di jendela masuk dan ketik kunci ini.'
    ).format(key=key)


class RecoveryDialog(FormDialog):
    """``saved(object)``: the recovered Admin's ``UserRecord``; ``new_key`` the key shown."""

    def __init__(
        self,
        runner: OperationRunner,
        folder: Path | None = None,
        parent: QWidget | None = None,
        *,
        unlock: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(runner, title=_("Pulihkan kata sandi Admin"), parent=parent)
        self.unlock = unlock
        self.new_key: str | None = None
        self.setMinimumWidth(640)
        intro = QLabel(
            _("Ketik kunci pemulihan Admin yang ditampilkan (dan dicetak atau ditulis) saat "
              "akun Admin dibuat.")
        )  # fmt: skip
        intro.setWordWrap(True)
        intro.setObjectName("mutedLabel")
        self.body.addWidget(intro)
        rows = self.rows()
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        rows.add(_("Kunci pemulihan"), self.key, field="key", required=True)
        self.errors.bind_highlight("key", self.key)
        self.username = rows.add(
            _("Nama pengguna Admin"), QLineEdit("admin"), field="username", required=True
        )
        self.passwords = PasswordFields(rows, label=_("Kata sandi baru"))
        self.save_button.setText(_("Ganti kata sandi"))
        self.key.setFocus()

    def save(self) -> None:
        try:
            password = self.passwords.value()
        except ValidationError as error:
            self.handle_error(error)
            return
        if self.unlock is not None:
            from desktop_app.users.recovery import normalise_recovery_key

            problem = self.unlock(normalise_recovery_key(self.key.text()))
            if problem:
                self.handle_error(ValidationError([FieldError("key", problem)]))
                return
        self.submit(
            operations.recover_admin_password(
                recovery_key=self.key.text(),
                username=self.username.text(),
                new_password=password,
            )
        )

    def saved_value(self, result: operations.AdminWithKey) -> Any:
        self.new_key = result.recovery_key
        messages.show_info(
            self,
            _("Kata sandi {name} sudah diganti. Kunci lama tidak berlaku lagi.")
            .format(name=result.user.username)
            + "\n\n" + recovery_key_text(result.recovery_key or ""),
            title=_("Kata sandi dipulihkan"),
        )  # fmt: skip
        return result.user
