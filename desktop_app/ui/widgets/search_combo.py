"""A combo to pick one of a long list (provinces, 500 kabupaten, a district's desa) by typing.

Typing any part of a name shows the matching items (case ignored); the typed text chooses an
item as soon as it names one: the item's full name, or the name without a leading word such as
"Kabupaten"/"Kota"/"Desa" when that is unique ("Belitung" -> "Kabupaten Belitung", not
"Kabupaten Belitung Timur"), or a part only one item contains. ``chosen(value)`` fires when the
choice changes (None when the text names nothing); leaving the field writes the item's full name.
GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class SearchCombo(QComboBox):
    """Editable combo of ``(value, label)`` pairs; :meth:`current_id` is the chosen value."""

    chosen = Signal(object)

    def __init__(self, *, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        edit = self.lineEdit()
        assert edit is not None  # the combo is editable
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._text_changed)
        edit.editingFinished.connect(self._finish)
        edit.installEventFilter(self)
        self.currentIndexChanged.connect(lambda *_a: self._text_changed(self.currentText()))
        self._last: Any = None
        self.setCurrentIndex(-1)

    def set_items(self, pairs: Iterable[tuple[Any, str]]) -> None:
        """Replace the items; the field is emptied (nothing chosen)."""
        self.blockSignals(True)
        self.clear()
        for value, label in pairs:
            self.addItem(label, value)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        self.setEditText("")
        self._text_changed("")

    def labels(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def current_id(self) -> Any:
        index = self._match(self.currentText())
        return self.itemData(index) if index >= 0 else None

    def set_current_id(self, value: Any) -> None:
        index = next((i for i in range(self.count()) if self.itemData(i) == value), -1)
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index) if index >= 0 else "")

    def _match(self, text: str) -> int:
        key = " ".join(text.split()).casefold()
        if not key:
            return -1
        labels = [label.casefold() for label in self.labels()]
        if key in labels:
            return labels.index(key)
        for candidates in (
            [i for i, label in enumerate(labels) if label.split(" ", 1)[-1] == key],
            [i for i, label in enumerate(labels) if key in label],
        ):
            if len(candidates) == 1:
                return candidates[0]
        return -1

    def _text_changed(self, text: str) -> None:
        value = self.current_id()
        if value != self._last:
            self._last = value
            self.chosen.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.FocusOut:
            self._finish()
        return super().eventFilter(watched, event)

    def _finish(self) -> None:
        index = self._match(self.currentText())
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible() and not self.hasFocus():
            popup.hide()
        if index >= 0 and self.currentText() != self.itemText(index):
            self.set_current_id(self.itemData(index))
