"""Pengaturan > Umum: what the first-run wizard asked, editable later, plus this installation's
preferences (language, idle lock, children per foster parent).

Saving goes through :func:`desktop_app.settings.district.update_general_settings`, the same
validation as the wizard. Only an Admin may change settings; others see the values read-only. GUI
thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.settings.district import (
    IDLE_LOCK_RANGE,
    MAX_CHILDREN_RANGE,
    GeneralSettingsForm,
)
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.setup.district_fields import DistrictFields
from desktop_app.ui.widgets import FormErrors, FormSection, messages
from desktop_app.ui.widgets.form_errors import INVALID_STYLE


def language_choices() -> list[tuple[str, str]]:
    """(code, name) pairs; each name is written in its own language, as people look for it."""
    return [("id", "Bahasa Indonesia"), ("en", "English")]


class GeneralTab(QWidget):
    """``saved(AppSettings)`` after a successful save."""

    def __init__(
        self, runner: OperationRunner, *, editable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setStyleSheet(INVALID_STYLE)  # red error texts and outlines, as in FormDialog
        self.errors = FormErrors(self)
        self.district = DistrictFields()
        self.programme_label = QLineEdit()
        self.max_children = QSpinBox()
        self.max_children.setRange(*MAX_CHILDREN_RANGE)
        self.max_children.setSuffix(_(" anak"))
        self.language = QComboBox()
        for code, name in language_choices():
            self.language.addItem(name, code)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(*IDLE_LOCK_RANGE)
        self.idle_lock.setSuffix(_(" menit"))
        self.idle_lock.setToolTip(
            _("Asuh terkunci setelah tidak dipakai selama ini (paling lama {n} menit; "
              "tidak dapat dimatikan).").format(n=IDLE_LOCK_RANGE[1])
        )  # fmt: skip
        self.save_button = QPushButton(_("Simpan pengaturan"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self._build(editable)
        self.reload()

    def _build(self, editable: bool) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 8, 12, 8)
        identity = FormSection(_("Kabupaten dan program"), self.errors, body)
        self.district.add_identity(identity.rows)
        identity.add(
            _("Nama gerakan/program"),
            self.programme_label,
            field="programme_label",
            required=True,
            hint=_("Dicetak di judul laporan"),
        )
        self.district.add_contact(identity.rows)
        aid = FormSection(_("Bantuan dan kunjungan"), self.errors, body)
        self.district.add_aid(aid.rows)
        aid.add(
            _("Anak per orang tua asuh"),
            self.max_children,
            field="max_children_per_guardian",
            hint=_("Batas penugasan aktif per orang tua asuh"),
        )
        signatories = FormSection(_("Penandatangan laporan"), self.errors, body)
        self.district.add_signatories(signatories.rows)
        self.district.add_logo(signatories.rows)
        app = FormSection(_("Aplikasi"), self.errors, body)
        app.add(
            _("Bahasa"),
            self.language,
            field="language",
            hint=_("Berlaku saat Asuh dibuka berikutnya."),
        )
        app.add(
            _("Kunci otomatis"),
            self.idle_lock,
            field="idle_lock_minutes",
            hint=_(
                "Layar terkunci setelah tidak dipakai selama ini (berlaku saat masuk berikutnya)"
            ),
        )
        for section in (identity, aid, signatories, app):
            column.addWidget(section)
        column.addStretch(1)
        body.setEnabled(editable)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        self.save_button.setVisible(editable)
        if not editable:
            self.status.setText(_("Hanya Admin yang dapat mengubah pengaturan ini."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(get_settings, on_success=self.fill)

    def fill(self, settings: AppSettings) -> None:
        self.errors.clear()
        self.district.fill(settings)
        self.programme_label.setText(settings.programme_label)
        self.max_children.setValue(settings.max_children_per_guardian)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        self.idle_lock.setValue(settings.idle_lock_minutes)

    def form(self) -> GeneralSettingsForm:
        return GeneralSettingsForm(
            **self.district.values(),
            programme_label=self.programme_label.text(),
            language=self.language.currentData(),
            idle_lock_minutes=self.idle_lock.value(),
            max_children_per_guardian=self.max_children.value(),
        )

    def save(self) -> None:
        form = self.form()
        self.errors.clear()
        self.status.clear()
        self.save_button.setEnabled(False)
        self.runner.run_op(
            operations.update_general_settings(form=form),
            on_success=self._saved,
            on_error=self._failed,
        )

    def _saved(self, settings: AppSettings) -> None:
        self.save_button.setEnabled(True)
        self.fill(settings)
        self.status.setText(_("Pengaturan tersimpan."))

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            unplaced = self.errors.show(error)
            if unplaced:
                messages.show_error(self, "\n".join(e.message for e in unplaced))
        else:
            messages.show_failure(self, error)
