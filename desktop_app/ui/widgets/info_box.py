"""Read-only "label: value" blocks for detail pages (values selectable, "–" when empty)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget


def _or_dash(text: str | None) -> str:
    return text if text else "–"


class InfoBox(QGroupBox):
    """A titled block of read-only "label: value" rows; values are selectable text."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}

    def add(self, key: str, label: str, extra: QWidget | None = None) -> QLabel:
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field: QWidget = value
        if extra is not None:
            field = QWidget()
            row = QHBoxLayout(field)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(value)
            row.addWidget(extra)
            row.addStretch(1)
        title = QLabel(label)
        title.setStyleSheet("color: #5f6b7a;")
        self.form.addRow(title, field)
        self.values[key] = value
        return value

    def set(self, key: str, text: str | None) -> None:
        self.values[key].setText(_or_dash(text))
