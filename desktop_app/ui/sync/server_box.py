"""The "Server kabupaten" box of the sync page: enrol the laptop, then see what it is enrolled as.

Not enrolled: the three things the district Admin gives ("Nama server", "Sidik jari
sertifikat", "Kode pendaftaran") and "Daftarkan laptop", for an Admin; anyone else reads that an
Admin must enrol the laptop. Enrolled: the server's name, this laptop's name on it and what it
serves (the server decides the scope; nothing to choose here). The enrolment runs on the DB
worker as one operation: the Admin-only check comes before the single-use code is spent, and
the one round trip is bounded by the client's timeout.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.sync.identity import (
    ClientFactory,
    EnrolledLaptop,
    LaptopIdentity,
    adopt_device_id,
    enrolled_laptop,
)
from desktop_app.ui.operations import sync as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.form_errors import INVALID_STYLE, FormErrors
from desktop_app.ui.widgets.messages import show_failure


def _error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class EnrolForm(QWidget):
    """The enrolment form; ``enrolled()`` once the laptop is enrolled."""

    enrolled = Signal()

    def __init__(
        self,
        runner: OperationRunner,
        *,
        client_factory: ClientFactory | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client_factory = client_factory
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FormErrors(self)
        hint = QLabel(
            _("Laptop ini belum didaftarkan ke server kabupaten. Admin kabupaten memberikan nama "
              "server, sidik jari sertifikat dan kode pendaftaran sekali pakai.")
        )  # fmt: skip
        hint.setWordWrap(True)
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("sinkron.kabupaten.go.id")
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setPlaceholderText("AB:CD:EF:...")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.enrol_button = QPushButton(_("Daftarkan laptop"))
        self.enrol_button.clicked.connect(self.enrol)
        self.admin_only_label = QLabel(
            _("Hanya Admin yang dapat mendaftarkan laptop ini ke server kabupaten. Minta Admin "
              "di kantor Anda untuk mendaftarkannya.")
        )  # fmt: skip
        self.admin_only_label.setWordWrap(True)
        self.problem_label = _error_label()

        form = QFormLayout()
        for title, edit, name in (
            (_("Nama server"), self.server_edit, "server"),
            (_("Sidik jari sertifikat"), self.fingerprint_edit, "fingerprint"),
            (_("Kode pendaftaran"), self.code_edit, "code"),
        ):
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            label = _error_label()
            column.addWidget(edit)
            column.addWidget(label)
            form.addRow(title, column)
            self.errors.bind(name, edit, label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.enrol_button)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.admin_only_label)
        self.show_for_role()

    def show_for_role(self) -> None:
        """An Admin (or no login: the system) enrols; others are told who can."""
        admin = self.runner.role in (None, "admin")
        for widget in (self.server_edit, self.fingerprint_edit, self.code_edit):
            widget.setEnabled(admin)
        self.enrol_button.setVisible(admin)
        self.admin_only_label.setVisible(not admin)

    def enrol(self) -> None:
        self.errors.clear()
        self.problem_label.setVisible(False)
        self.enrol_button.setEnabled(False)
        self.runner.run_op(
            operations.enrol_laptop(
                server=self.server_edit.text(),
                fingerprint=self.fingerprint_edit.text(),
                code=self.code_edit.text(),
                client_factory=self.client_factory,
            ),
            on_success=self._enrolled,
            on_error=self._failed,
        )

    def _enrolled(self, identity: LaptopIdentity) -> None:
        if self.runner.sessions is not None:
            adopt_device_id(self.runner.sessions, identity)
        self.enrol_button.setEnabled(True)
        self.code_edit.clear()  # spent: never shown again
        self.enrolled.emit()

    def _failed(self, error: Exception) -> None:
        self.enrol_button.setEnabled(True)
        if isinstance(error, ValidationError) and not self.errors.show(error):
            return  # each message under its field
        self.problem_label.setText(str(error))
        self.problem_label.setVisible(True)
        show_failure(self, error)


class ServerBox(QWidget):
    """Enrolment or the enrolled view, whichever applies; ``enrolled()`` after an enrolment."""

    enrolled = Signal()

    def __init__(
        self,
        runner: OperationRunner,
        *,
        client_factory: ClientFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.enrolment: EnrolledLaptop | None = None
        self.form = EnrolForm(runner, client_factory=client_factory)
        self.form.enrolled.connect(self._just_enrolled)
        self.server_label = QLabel()
        self.device_label = QLabel()
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        view = QWidget()
        rows = QFormLayout(view)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addRow(_("Server"), self.server_label)
        rows.addRow(_("Nama laptop ini"), self.device_label)
        rows.addRow(_("Cakupan"), self.scope_label)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.form)
        self.stack.addWidget(view)
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def load(self) -> None:
        self.runner.read(enrolled_laptop, on_success=self._show)

    def _just_enrolled(self) -> None:
        self.load()
        self.enrolled.emit()

    def _show(self, enrolment: EnrolledLaptop | None) -> None:
        self.enrolment = enrolment
        if enrolment is None:
            self.form.show_for_role()
            self.stack.setCurrentWidget(self.form)
            return
        self.server_label.setText(enrolment.server)
        self.device_label.setText(enrolment.name)
        self.scope_label.setText(enrolment.scope)
        self.stack.setCurrentWidget(self.view)
