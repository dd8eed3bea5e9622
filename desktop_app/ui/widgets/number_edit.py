"""Number fields: decimal comma measurements, digit-only identity numbers, rupiah amounts."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.formatting import format_number, format_rupiah
from desktop_app.core.i18n import _


class DecimalEdit(QLineEdit):
    """A measurement such as ``12,5`` (kg, cm). Accepts a comma or a dot; empty means None.

    Values are never rounded here: the service validates ranges and says what is wrong.
    """

    def __init__(self, *, decimals: int = 2, unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.decimals = decimals
        pattern = rf"^\d{{0,4}}([.,]\d{{0,{decimals}}})?$"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        zero = format_number(0.0, decimals)  # "0,00" (decimal comma; a dot in English)
        self.setPlaceholderText(zero + (f" {unit}" if unit else ""))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaximumWidth(110)

    def value(self) -> float | None:
        text = self.text().strip().replace(",", ".")
        if text in ("", "."):
            return None
        return float(text)

    def setValue(self, value: float | None) -> None:
        if value is None:
            self.clear()
            return
        text = format_number(value, self.decimals)
        self.setText(text.rstrip("0").rstrip(",.") if ("," in text or "." in text) else text)


class DigitsEdit(QWidget):
    """A digits-only number (NIK, No. KK, NIP) with a live ``16/16`` counter.

    Pasted spaces, dots and dashes are dropped as typed, so "3271 0101 ..." becomes digits.
    ``textEdited`` mirrors QLineEdit's so the form's error clearing works the same way.
    """

    textEdited = Signal(str)

    def __init__(self, length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.length = length
        self.line = QLineEdit(self)
        self.line.setMaxLength(length + 8)  # room for pasted separators before they are dropped
        self.line.setPlaceholderText(digits_placeholder(length))
        self.line.setMinimumWidth(190)
        self.counter = QLabel(self)
        self.counter.setMinimumWidth(42)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.counter)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_edited)
        self.line.textChanged.connect(self._update_counter)
        self._update_counter(self.line.text())

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str | None) -> None:
        self.line.setText(re.sub(r"\D", "", text or "")[: self.length])

    def _on_edited(self, text: str) -> None:
        digits = re.sub(r"\D", "", text)[: self.length]
        if digits != text:
            position = self.line.cursorPosition()
            self.line.setText(digits)
            self.line.setCursorPosition(min(position, len(digits)))
        self.textEdited.emit(digits)

    def _update_counter(self, text: str) -> None:
        count = len(text)
        self.counter.setText(f"{count}/{self.length}")
        colour = "#2e7d32" if count == self.length else ("#8a8a8a" if count == 0 else "#b26a00")
        self.counter.setStyleSheet(f"color: {colour};")


def digits_placeholder(length: int) -> str:
    """The empty field's placeholder (\"16 angka\")."""
    return _("{length} angka").format(length=length)


class RupiahEdit(QLineEdit):
    """Integer rupiah typed as digits and shown as ``Rp450.000`` once the field is left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Rp0")
        self.setMaximumWidth(170)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._reformat)

    def value(self) -> int | None:
        digits = re.sub(r"\D", "", self.text())
        return int(digits) if digits else None

    def setValue(self, value: int | None) -> None:
        self.setText(format_rupiah(value) if value is not None else "")

    def _reformat(self) -> None:
        self.setValue(self.value())
