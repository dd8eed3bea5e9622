"""Pengaturan > KBM: the minimum monthly weight gain (grams) by age, as an Admin may correct it.

The ages are the stored rows' (the Buku KIA's grouping: 7-11 months share a row); the grams are
edited in place and saved whole through :func:`desktop_app.settings.kbm.update_kbm_rows`, whose
refusal (named field ``rows``) is shown under the table with nothing saved. "Kembalikan ke Buku
KIA" only fills the table with :data:`~desktop_app.settings.kbm.DEFAULT_KBM`; Simpan stores it.

N and T are derived from the visits and this table whenever a list or report is drawn (nothing
is stored per visit), so a save needs no recompute, but it changes past months too: the page
says so. Non-Admins see the table read-only; the permission guard refuses their writes anyway.
GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.growth import KbmTable
from desktop_app.settings.kbm import DEFAULT_KBM, load_kbm_table
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import FormErrors, messages
from desktop_app.ui.widgets.form_errors import INVALID_STYLE

#: Wider than the service's bounds on purpose: a spin box that silently swallows a keystroke
#: explains nothing, whereas the service's refusal says which range is allowed.
GRAM_BOX_RANGE = (0, 9999)

Rows = Sequence[tuple[int, int]]


def age_text(age: int, next_age: int | None) -> str:
    """The ages a row covers, as the Buku KIA prints them: ``2``, ``7–11``, ``12 ke atas``."""
    if next_age is None:
        return _("{age} ke atas").format(age=age)
    if next_age - age <= 1:
        return str(age)
    return f"{age}–{next_age - 1}"


class KbmTab(QWidget):
    """One row per stored age; ``editable`` False (non-Admin) shows the values read-only."""

    def __init__(
        self, runner: OperationRunner, *, editable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.editable = editable
        self.ages: list[int] = []
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FormErrors(self)
        self.table = self._make_table()
        self.error_label = QLabel()
        self.error_label.setProperty("role", "field-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.errors.bind("rows", self.table, self.error_label)
        self.restore_button = QPushButton(_("Kembalikan ke Buku KIA"))
        self.restore_button.clicked.connect(self.restore_defaults)
        self.save_button = QPushButton(_("Simpan"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self._build()
        self.watcher = StaleWatcher(self, runner, Changes.SETTINGS, self.reload)

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 2, self)
        table.setHorizontalHeaderLabels([_("Umur (bulan)"), _("Kenaikan minimal (gram)")])
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab moves between the gram boxes
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # As tall as its rows (no inner scroll bar for a dozen rows), a readable width.
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        table.setFixedWidth(400)
        return table

    def _build(self) -> None:
        intro = QLabel(
            _(
                "KBM (kenaikan berat badan minimal) menentukan status N (naik) dan T (tidak "
                "naik) pada penimbangan bulanan. Umur dihitung dalam bulan penuh; setiap baris "
                "berlaku mulai umur tersebut sampai baris berikutnya. Status dihitung dari "
                "tabel ini setiap kali ditampilkan, jadi perubahan juga berlaku untuk bulan-bulan "
                "lalu dan laporannya."
            )
        )
        intro.setProperty("role", "hint")
        intro.setWordWrap(True)
        intro.setMaximumWidth(720)
        column = QVBoxLayout()
        column.setContentsMargins(0, 8, 12, 8)
        column.addWidget(intro)
        column.addSpacing(6)
        column.addWidget(self.table)
        column.addWidget(self.error_label)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.save_button)
        self.restore_button.setVisible(self.editable)
        self.save_button.setVisible(self.editable)
        if not self.editable:
            self.status.setText(_("Hanya Admin yang dapat mengubah pengaturan ini."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(column, 1)
        layout.addLayout(buttons)

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(
            load_kbm_table,
            on_success=lambda table: self.fill(table.rows),
            on_error=lambda error: messages.show_failure(self, error),
        )

    def fill(self, rows: Rows) -> None:
        """Show ``rows`` (age in completed months, grams), replacing what the table held."""
        self.errors.clear()
        self.ages = [age for age, _grams in rows]
        self.table.setRowCount(len(rows))
        for row, (age, grams) in enumerate(rows):
            next_age = rows[row + 1][0] if row + 1 < len(rows) else None
            item = QTableWidgetItem(age_text(age, next_age))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 0, item)
            self.table.setCellWidget(row, 1, self._gram_box(grams))
        self.table.adjustSize()

    def _gram_box(self, grams: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(*GRAM_BOX_RANGE)
        box.setValue(grams)
        box.setFrame(False)
        box.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        box.setReadOnly(not self.editable)
        if not self.editable:
            box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        box.valueChanged.connect(lambda _value: self.errors.clear("rows"))
        return box

    def gram_box(self, row: int) -> QSpinBox:
        return cast(QSpinBox, self.table.cellWidget(row, 1))  # column 1 holds gram spin boxes

    def rows(self) -> list[tuple[int, int]]:
        """The table as shown: (age in completed months, grams) per row."""
        return [(age, self.gram_box(row).value()) for row, age in enumerate(self.ages)]

    # -- actions ------------------------------------------------------------------------------
    def restore_defaults(self) -> None:
        self.fill(DEFAULT_KBM)
        self.status.setText(_("Nilai Buku KIA dimuat. Tekan Simpan untuk menyimpannya."))

    def save(self) -> None:
        rows = self.rows()
        self.errors.clear()
        self.status.clear()
        self.save_button.setEnabled(False)
        self.runner.run_op(
            operations.update_kbm_rows(rows=rows),
            on_success=self._saved,
            on_error=self._failed,
        )

    def _saved(self, table: KbmTable) -> None:
        self.save_button.setEnabled(True)
        self.fill(table.rows)
        self.status.setText(
            _("Tabel KBM tersimpan. Status N dan T kini dihitung dengan nilai ini.")
        )

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            unplaced = self.errors.show(error)
            if unplaced:
                messages.show_error(self, "\n".join(e.message for e in unplaced))
        else:
            messages.show_failure(self, error)
