"""The window shown when a child being saved may already be registered.

Two kinds, decided by the service (:mod:`desktop_app.children.duplicates`):

- **Refused** (same NIK as a live child): the message says why, and the only ways out are
  "Buka data yang ada" (the default) and "Tutup". Nothing can be saved from here.
- **Soft match** (same name, birth date and mother): "Buka data yang ada" comes first and is
  the default; "Tetap simpan" needs a reason typed in the box, which the service keeps in the
  audit trail.

The dialog only shows and asks; ``outcome`` says what the user chose.
"""

from __future__ import annotations

import enum
from uuid import UUID

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.children.service import DuplicateCandidate, DuplicateChildError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.ui.widgets.simple_table import SimpleTable


class DuplicateOutcome(enum.Enum):
    CANCEL = "cancel"
    OPEN_EXISTING = "open"
    SAVE_ANYWAY = "save"


class DuplicateDialog(QDialog):
    """Lists the children who may be this one. After ``exec()``: ``outcome``, and
    ``existing_id`` (OPEN_EXISTING) or ``reason`` (SAVE_ANYWAY)."""

    def __init__(self, error: DuplicateChildError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates: list[DuplicateCandidate] = error.candidates
        self.refused = error.refused
        self.outcome = DuplicateOutcome.CANCEL
        self.existing_id: UUID | None = None
        self.reason = ""
        layout = QVBoxLayout(self)
        if self.refused:
            self.setWindowTitle(_("NIK sudah terdaftar"))
            intro = QLabel(str(error))
        else:
            self.setWindowTitle(_("Kemungkinan data ganda"))
            intro = QLabel(
                _(
                    "Anak berikut sudah terdaftar dan mirip dengan data yang akan disimpan. "
                    "Periksa dulu agar satu anak tidak terdaftar dua kali."
                )
            )
        intro.setWordWrap(True)
        self.intro = intro
        layout.addWidget(intro)
        headers = [_("Nama"), "NIK", _("Tanggal lahir"), _("Nama ibu"), _("Alasan")]
        self.table = SimpleTable(headers, parent=self)
        self.table.set_rows(
            [
                (c.name, mask_nik(c.nik), format_date(c.birth_date), c.mother_name or "", c.reason)
                for c in self.candidates
            ]
        )
        layout.addWidget(self.table, 1)
        self.reason_edit: QLineEdit | None = None
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.open_button = QPushButton(_("Buka data yang ada"), self)
        buttons.addButton(self.open_button, role.ActionRole)
        self.open_button.clicked.connect(self._open_existing)
        self.save_button: QPushButton | None = None
        if not self.refused:
            note = QLabel(_("Bila memang anak yang berbeda, tulis alasannya lalu Tetap simpan:"))
            note.setWordWrap(True)
            layout.addWidget(note)
            self.reason_edit = QLineEdit(self)
            self.reason_edit.setMaxLength(500)
            self.reason_edit.setPlaceholderText(_("Contoh: anak kembar, nama sama dengan kakaknya"))
            layout.addWidget(self.reason_edit)
            self.save_button = QPushButton(_("Tetap simpan"), self)
            self.save_button.setEnabled(False)
            buttons.addButton(self.save_button, role.ActionRole)
            self.save_button.clicked.connect(self._save_anyway)
            self.reason_edit.textChanged.connect(self._reason_changed)
        self.close_button = buttons.addButton(
            _("Tutup") if self.refused else _("Batal"), role.RejectRole
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)
        self.open_button.setAutoDefault(True)
        self.resize(760, 320)

    def _reason_changed(self, text: str) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(bool(text.strip()))

    def _open_existing(self) -> None:
        row = max(self.table.currentRow(), 0)
        self.existing_id = self.candidates[row].child_id
        self.outcome = DuplicateOutcome.OPEN_EXISTING
        self.accept()

    def _save_anyway(self) -> None:
        if self.reason_edit is None or not self.reason_edit.text().strip():
            return
        self.reason = self.reason_edit.text().strip()
        self.outcome = DuplicateOutcome.SAVE_ANYWAY
        self.accept()
