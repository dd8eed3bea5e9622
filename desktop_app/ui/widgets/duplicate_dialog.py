"""The window shown when a record being saved may already be registered (children, guardians).

Two kinds, decided by the feature's service:

- **Refused** (the same NIK/NIP): the message says why, and the only ways out are "Buka data
  yang ada" (the default) and "Tutup". Nothing can be saved from here.
- **Soft match** (the same name and birth date, mother, phone ...): "Buka data yang ada" comes
  first and is the default; "Tetap simpan" needs a reason typed in the box, which the service
  keeps in the audit trail.

The dialog only shows and asks; ``outcome`` says what the user chose.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
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

from desktop_app.core.i18n import _
from desktop_app.ui.widgets.simple_table import SimpleTable

REASON_MAX = 500


class DuplicateOutcome(enum.Enum):
    CANCEL = "cancel"
    OPEN_EXISTING = "open"
    SAVE_ANYWAY = "save"


class DuplicateDialog(QDialog):
    """Lists the records that may be this one (``rows``, one per id of ``ids``). After
    ``exec()``: ``outcome``, and ``existing_id`` (OPEN_EXISTING) or ``reason`` (SAVE_ANYWAY)."""

    def __init__(
        self,
        *,
        title: str,
        intro: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        ids: Sequence[UUID],
        refused: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.ids = list(ids)
        self.refused = refused
        self.outcome = DuplicateOutcome.CANCEL
        self.existing_id: UUID | None = None
        self.reason = ""
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = SimpleTable(list(headers), parent=self)
        self.table.set_rows([list(row) for row in rows])
        layout.addWidget(self.table, 1)
        self.reason_edit: QLineEdit | None = None
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.open_button = QPushButton(_("Buka data yang ada"), self)
        buttons.addButton(self.open_button, role.ActionRole)
        self.open_button.clicked.connect(self._open_existing)
        self.save_button: QPushButton | None = None
        if not refused:
            note = QLabel(_("Bila memang orang yang berbeda, tulis alasannya lalu Tetap simpan:"))
            note.setWordWrap(True)
            layout.addWidget(note)
            self.reason_edit = QLineEdit(self)
            self.reason_edit.setMaxLength(REASON_MAX)
            self.reason_edit.setPlaceholderText(_("Contoh: anak kembar, nama sama dengan kakaknya"))
            layout.addWidget(self.reason_edit)
            self.save_button = QPushButton(_("Tetap simpan"), self)
            self.save_button.setEnabled(False)
            buttons.addButton(self.save_button, role.ActionRole)
            self.save_button.clicked.connect(self._save_anyway)
            self.reason_edit.textChanged.connect(self._reason_changed)
        self.close_button = buttons.addButton(
            _("Tutup") if refused else _("Batal"), role.RejectRole
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
        self.existing_id = self.ids[row]
        self.outcome = DuplicateOutcome.OPEN_EXISTING
        self.accept()

    def _save_anyway(self) -> None:
        if self.reason_edit is None or not self.reason_edit.text().strip():
            return
        self.reason = self.reason_edit.text().strip()
        self.outcome = DuplicateOutcome.SAVE_ANYWAY
        self.accept()
