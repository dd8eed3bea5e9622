"""Lupa kata sandi Admin: a new Admin password with the recovery key from the backup folder.

See ``desktop_app.users.recovery`` for why this is not a back door. The key can be typed or
read from the key file; on success the used key is replaced by a new one, written to the same
folder, and the user is told where. GUI thread; the work runs through the runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.operations import users as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.form_dialog import FormDialog
from desktop_app.users.recovery import (
    RECOVERY_FILE_NAME,
    read_recovery_file,
)


class RecoveryDialog(FormDialog):
    """``saved(object)``: the recovered Admin's ``UserRecord``; ``key_path`` the new key file."""

    def __init__(
        self, runner: OperationRunner, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, title=_("Pulihkan kata sandi Admin"), parent=parent)
        self.folder = Path(folder)
        self.key_path: Path | None = None
        self.setMinimumWidth(640)
        intro = QLabel(
            _("Gunakan kunci pemulihan dari berkas {name} di folder cadangan ({folder}).")
            .format(name=RECOVERY_FILE_NAME, folder=self.folder)
        )  # fmt: skip
        intro.setWordWrap(True)
        intro.setObjectName("mutedLabel")
        self.body.addWidget(intro)
        rows = self.rows()
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.browse_button = QPushButton(_("Pilih berkas..."))
        self.browse_button.clicked.connect(self.choose_file)
        key_row = QWidget()
        key_row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        key_layout = QHBoxLayout(key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(self.key, 1)
        key_layout.addWidget(self.browse_button)
        rows.add(_("Kunci pemulihan"), key_row, field="key", required=True)
        self.errors.bind_highlight("key", self.key)
        self.username = rows.add(
            _("Nama pengguna Admin"), QLineEdit("admin"), field="username", required=True
        )
        self.passwords = PasswordFields(rows, label=_("Kata sandi baru"))
        self.save_button.setText(_("Ganti kata sandi"))
        self.key.setFocus()

    def pick_file(self) -> str:
        """Ask for the key file (tests replace this)."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Pilih berkas kunci pemulihan"), str(self.folder),
            _("Kunci pemulihan (*.txt);;Semua berkas (*)"),
        )  # fmt: skip
        return path

    def choose_file(self) -> None:
        path = self.pick_file()
        if not path:
            return
        try:
            self.key.setText(read_recovery_file(path))
        except ValidationError as error:
            self.handle_error(error)
            return
        self.folder = Path(path).parent

    def save(self) -> None:
        try:
            password = self.passwords.value()
        except ValidationError as error:
            self.handle_error(error)
            return
        self.submit(
            operations.recover_admin_password(
                recovery_key=self.key.text(),
                username=self.username.text(),
                new_password=password,
                folder=self.folder,
            )
        )

    def saved_value(self, result: operations.AdminWithKey) -> Any:
        self.key_path = result.key_path
        messages.show_info(
            self,
            _("Kata sandi {name} sudah diganti. Kunci lama tidak berlaku lagi; kunci pemulihan "
              "baru disimpan di {path}.").format(name=result.user.username, path=self.key_path),
            title=_("Kata sandi dipulihkan"),
        )  # fmt: skip
        return result.user
