"""The shape the OPD and Program tabs share: a read-only table of records and a button row.

Subclasses say how to load (``query``), which cells each record shows (``cells``) and what the
buttons do. The tab loads when first shown and reloads when the runner reports one of its
``changes`` while visible (``StaleWatcher``), keeping the selected record selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.changes import Changes
from desktop_app.core.i18n import _
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.messages import show_failure
from desktop_app.ui.widgets.simple_table import Cell, SimpleTable


class TableTab(QWidget):
    """Subclasses set ``headers``, ``changes`` and implement ``query`` and ``cells``."""

    headers: Sequence[str] = ()  # marked with N_(), translated when the table is built
    changes = Changes.NONE
    stretch_column = 1  # the name column takes the spare width

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.records: list[Any] = []
        self.active_dialog: QDialog | None = None
        self.table = SimpleTable(
            [_(h) for h in self.headers], stretch=self.stretch_column, parent=self
        )
        self.table.doubleClicked.connect(lambda *_a: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.button_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row)
        layout.addWidget(self.table)
        self.watcher = StaleWatcher(self, runner, self.changes, self.reload)

    def add_button(
        self, text: str, slot: Callable[[], None], *, needs_row: bool = False
    ) -> QPushButton:
        """A button in the row above the table; ``needs_row`` ones wait for a selection."""
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        button.setProperty("needs_row", needs_row)
        self.button_row.addWidget(button)
        self.buttons[text] = button
        return button

    def finish_buttons(self) -> None:
        self.button_row.addStretch(1)
        self._update_buttons()

    # -- to implement -------------------------------------------------------------------------
    def query(self, session: Any) -> list[Any]:
        raise NotImplementedError

    def cells(self, record: Any) -> Sequence[Cell]:
        raise NotImplementedError

    def edit_selected(self) -> None:
        """Double-click or "Ubah" (optional)."""

    def row_warning(self, record: Any) -> str:
        """A reason to draw this row in the warning colour (shown as its tooltip), or ""."""
        return ""

    # -- plumbing -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(
            self.query, on_success=self.fill, on_error=lambda error: show_failure(self, error)
        )

    def fill(self, records: list[Any]) -> None:
        selected = self.selected()
        self.records = list(records)
        self.table.set_rows(
            [self.cells(r) for r in self.records],
            warnings=[self.row_warning(r) for r in self.records],
        )
        if selected is not None:
            row = next((i for i, r in enumerate(self.records) if r.id == selected.id), None)
            if row is not None:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows and rows[0].row() < len(self.records) else None

    def open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.open()

    def _update_buttons(self) -> None:
        has_row = self.selected() is not None
        for button in self.buttons.values():
            if button.property("needs_row"):
                button.setEnabled(has_row)
