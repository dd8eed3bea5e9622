"""Choice widgets fed by ``(value, label)`` pairs: a combo, radio buttons and a checkbox group.

Forms deal in values (UUIDs, codes); labels are only for the eye.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from desktop_app.core.i18n import _

Pairs = Iterable[tuple[Any, str]]


def editable_combo(options: Iterable[str], *, placeholder: str = "", width: int = 20) -> QComboBox:
    """Common answers to pick from, or type another (sumber data, hubungan, alasan, golongan)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setMinimumContentsLength(width)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.addItems(["", *options])
    line_edit = combo.lineEdit()  # there is one: the combo is editable
    if placeholder and line_edit is not None:
        line_edit.setPlaceholderText(placeholder)
    return combo


def line_edit(placeholder: str = "", *, max_length: int = 120) -> QLineEdit:
    """A text field limited to its column's length."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


class IdCombo(QComboBox):
    """A combo of ``(id, label)`` pairs with an optional "— pilih —" first item meaning None."""

    def __init__(self, *, placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = _("— pilih —") if placeholder is None else placeholder
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(26)

    def set_items(self, pairs: Pairs, *, keep_selection: bool = True) -> None:
        """Replace the items; keep the current id if it is still offered."""
        current = self.current_id() if keep_selection else None
        self.blockSignals(True)
        self.clear()
        if self.placeholder:
            self.addItem(self.placeholder, None)
        for value, label in pairs:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_current_id(current)
        self.currentIndexChanged.emit(self.currentIndex())

    def current_id(self) -> Any:
        return self.currentData()

    def set_current_id(self, value: Any) -> None:
        # findData() cannot compare Python objects such as UUIDs held in a QVariant.
        index = next(
            (i for i in range(self.count()) if value is not None and self.itemData(i) == value), 0
        )
        self.setCurrentIndex(index)


class ChoiceButtons(QWidget):
    """Radio buttons in a row for a short fixed list (jenis kelamin, status, kind)."""

    changed = Signal(object)

    def __init__(self, pairs: Pairs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, label in pairs:
            button = QRadioButton(label, self)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, v=value: self._toggled(on, v))
        layout.addStretch(1)
        if self.buttons:
            self.setFocusProxy(next(iter(self.buttons.values())))

    def _toggled(self, on: bool, value: Any) -> None:
        if on:
            self.changed.emit(value)

    def value(self) -> Any:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def setValue(self, value: Any) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)
            return
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)


class CheckboxGroup(QWidget):
    """Checkboxes for a set of codes (risk factors), laid out in ``columns`` columns."""

    changed = Signal()

    def __init__(self, pairs: Pairs, *, columns: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(4)
        for index, (value, label) in enumerate(pairs):
            box = QCheckBox(label, self)
            box.toggled.connect(self.changed)
            self.boxes[value] = box
            layout.addWidget(box, index // columns, index % columns)

    def values(self) -> list[str]:
        """Checked codes in the order they are offered (stable for storage and tests)."""
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def set_values(self, values: Iterable[str]) -> None:
        chosen = set(values)
        for value, box in self.boxes.items():
            box.setChecked(value in chosen)
