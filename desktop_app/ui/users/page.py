"""Pengaturan > Pengguna: the accounts, with add, edit, reset password and (de)activate.

Accounts are few (tens), so the table is a plain in-memory model refilled on every change of
``Changes.USERS``. The page only offers; the services refuse a non-Admin and the last Admin's
demotion, and the message is shown as it comes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.audit.trail import format_timestamp, local_time
from desktop_app.core.changes import Changes
from desktop_app.core.clock import utcnow
from desktop_app.core.formatting import format_count
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.ui.common.icons import icon
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations import users as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.users.dialogs import PasswordDialog, UserDialog
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.tables import set_up_list_table
from desktop_app.users.accounts import UserRecord, list_users


def status_text(user: UserRecord) -> str:
    """``Aktif``, ``Nonaktif`` or ``Terkunci sampai 17.42``."""
    if not user.active:
        return _("Nonaktif")
    if user.locked_until is not None and user.locked_until > utcnow():
        return _("Terkunci sampai {time}").format(
            time=local_time(user.locked_until).strftime("%H.%M")
        )
    return _("Aktif")


_INACTIVE = QColor("#9ca3af")


def _greyed(user: UserRecord) -> QColor | None:
    return _INACTIVE if not user.active else None


def user_columns() -> list[RowColumn]:
    """The accounts table; titles translated when the page is built, inactive rows greyed."""
    columns = (
        (N_("Nama pengguna"), lambda u: u.username),
        (N_("Nama lengkap"), lambda u: u.full_name),
        (N_("Peran"), lambda u: u.role_label),
        (N_("Status"), status_text),
        (
            N_("Terakhir masuk"),
            lambda u: format_timestamp(u.last_login) if u.last_login else _("Belum pernah"),
        ),
    )
    return [RowColumn(_(title), text, colour=_greyed) for title, text in columns]


class UsersPage(QWidget):
    """Signals: ``populated(int)`` after each reload with the number of accounts."""

    populated = Signal(int)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("listPage")
        self.model = RowTableModel(user_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_list_table(self.table, row_height=32)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 260, 110, 170)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        title = QLabel(_("Pengguna"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            _("Admin mengelola semua data dan pengguna; Operator mengisi data; Pimpinan hanya "
              "melihat dan mencetak. Akun tidak dihapus agar riwayat perubahan tetap utuh; "
              "nonaktifkan akun yang tidak dipakai lagi.")
        )  # fmt: skip
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.add_button = QPushButton(icon("add"), _("Tambah pengguna"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button = QPushButton(_("Ubah"))
        self.edit_button.clicked.connect(self.edit_user)
        self.password_button = QPushButton(_("Atur ulang kata sandi"))
        self.password_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(_("Nonaktifkan"))
        self.active_button.clicked.connect(self.toggle_active)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        for button in (self.edit_button, self.password_button, self.active_button,
                       self.add_button):  # fmt: skip
            heading.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 10)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()
        self._watcher = StaleWatcher(self, runner, Changes.USERS, self.reload)

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(list_users, on_success=self._fill, on_error=self._load_failed)

    def _fill(self, users: list[UserRecord]) -> None:
        selected = self.selected_user()
        self.model.set_rows(users)
        self.count_label.setText(
            ngettext("{n} pengguna", "{n} pengguna", len(users)).format(n=format_count(len(users)))
        )
        if selected is not None:
            self.select_username(selected.username)
        self._update_buttons()
        self.populated.emit(len(users))

    def _load_failed(self, error: Exception) -> None:
        self.model.set_rows([])
        self.count_label.setText(str(error))
        self._update_buttons()

    def selected_user(self) -> UserRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_username(self, username: str) -> None:
        row = next((i for i, u in enumerate(self.model.rows) if u.username == username), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        self.active_button.setText(
            _("Aktifkan") if user is not None and not user.active else _("Nonaktifkan")
        )

    # -- actions ------------------------------------------------------------------------------
    def add_user(self) -> None:
        self._run(UserDialog(self.runner, parent=self))

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._run(UserDialog(self.runner, user, parent=self))

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._run(PasswordDialog(self.runner, user, parent=self))

    def _run(self, dialog: QDialog) -> None:
        """Open a dialog modally (tests replace this to drive the dialog themselves)."""
        dialog.exec()

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if user.active and not messages.ask(
            self,
            _("Nonaktifkan pengguna"),
            _("{name} tidak akan dapat masuk lagi. Riwayat perubahannya tetap tersimpan.").format(
                name=user.full_name
            ),
            yes=_("Nonaktifkan"),
        ):
            return
        self.runner.run_op(
            operations.update_user(
                user_id=user.id, full_name=user.full_name, role=user.role, active=not user.active
            ),
            on_error=lambda error: messages.show_failure(self, error),
        )
