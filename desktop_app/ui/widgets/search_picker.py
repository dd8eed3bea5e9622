"""A searchable list for picking one record (a child, a guardian) among thousands.

The query is a domain function run through the runner (``query(session, text)``) so the widget
never sees SQL; ``describe(item)`` gives ``(id, label, enabled)``. Typing re-queries after a
short pause; a disabled item (e.g. a guardian at the cap) is shown but cannot be chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.formatting import format_count
from desktop_app.core.i18n import _
from desktop_app.ui.ops import OperationRunner

Describe = Callable[[Any], tuple[Any, str, bool]]

if TYPE_CHECKING:
    from desktop_app.core.session import Session


class SearchPicker(QWidget):
    """``changed(object)`` carries the chosen id (or None). GUI thread only."""

    changed = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        query: Callable[[Session, str], Sequence[Any]],
        describe: Describe,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.query, self.describe = runner, query, describe
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder or _("Ketik untuk mencari…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(120)
        self.results.setStyleSheet("QListView::item { padding: 2px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.results.setAlternatingRowColors(True)
        self.status = QLabel(self)
        self.status.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for widget in (self.search, self.results, self.status):
            layout.addWidget(widget)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.results.currentItemChanged.connect(lambda *_a: self.changed.emit(self.value()))
        self._fixed = False

    def refresh(self) -> None:
        """Query now with the current search text (also called once when the dialog opens)."""
        if self._fixed:
            return
        text = self.search.text().strip()
        self.runner.read(lambda s: self.query(s, text), on_success=self._fill)

    def value(self) -> Any:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose(self, value: Any) -> bool:
        """Select the row with id ``value`` if it is listed and enabled."""
        for row in range(self.results.count()):
            item = self.results.item(row)
            enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
            if enabled and item.data(Qt.ItemDataRole.UserRole) == value:
                self.results.setCurrentItem(item)
                return True
        return False

    def set_fixed(self, value: Any, label: str) -> None:
        """Show one preset record that cannot be changed (dialog opened for a given child)."""
        self._fixed = True
        self.search.setVisible(False)
        self.status.setVisible(False)
        self._fill_items([(value, label, True)])
        self.results.setCurrentRow(0)
        self.results.setMaximumHeight(self.results.sizeHintForRow(0) + 8)
        self.results.setMinimumHeight(0)
        self.results.setEnabled(False)

    def _fill(self, items: Sequence[Any]) -> None:
        self._fill_items([self.describe(item) for item in items])
        shown = len(items)
        self.status.setText(
            _("Tidak ada yang cocok")
            if not shown
            else _("{n} ditampilkan").format(n=format_count(shown))
        )

    def _fill_items(self, rows: list[tuple[Any, str, bool]]) -> None:
        current = self.value()
        self.results.blockSignals(True)
        self.results.clear()
        for value, label, enabled in rows:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            if not enabled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.results.addItem(item)
        self.results.blockSignals(False)
        if current is None or not self.choose(current):
            self.changed.emit(self.value())
