"""Inline validation errors: a service's ``FieldError`` shown in red under its own field.

The service names fields by form attribute (``"nik"``, ``"desa_id"``); a dialog binds each name
to the widget that edits it. Showing an error highlights the field's border and focuses the first
bad field in form order; editing a field clears its error. GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop_app.core.errors import FieldError, ValidationError

#: Applied by :class:`~desktop_app.ui.widgets.form_dialog.FormDialog` to its whole tree.
INVALID_STYLE = """
*[invalid="true"] { border: 1px solid #c62828; border-radius: 3px; background: #fff5f5; }
QLabel[role="field-error"] { color: #c62828; }
QLabel[role="hint"] { color: #5f6b7a; }
"""


@dataclass
class _Slot:
    widget: QWidget
    label: QLabel


def _highlight_target(widget: QWidget) -> QWidget:
    proxy = widget.focusProxy()
    return proxy if proxy is not None and not isinstance(proxy, QAbstractButton) else widget


def _edit_signal(widget: QWidget):
    """The signal that means "the user changed this field" for each kind of widget we use."""
    for name in ("textEdited", "changed"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    if isinstance(widget, QComboBox):
        return widget.editTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class FormErrors(QObject):
    """Field name -> (widget, error label), in the order fields were bound (= form order)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._slots: dict[str, _Slot] = {}

    def bind(self, name: str, widget: QWidget, label: QLabel) -> None:
        self._slots[name] = _Slot(widget, label)
        signal = _edit_signal(widget)
        if signal is not None:
            signal.connect(lambda *_args, n=name: self.clear(n))

    def bind_highlight(self, name: str, widget: QWidget) -> None:
        """For a row holding several fields (RT/RW): ``name``'s own widget to mark and focus."""
        self._slots[name].widget = widget
        signal = _edit_signal(widget)
        if signal is not None:
            signal.connect(lambda *_args, n=name: self.clear(n))

    def show(self, error: ValidationError) -> list[FieldError]:
        """Show each message under its field; return the errors no field on this form owns."""
        self.clear()
        unplaced: list[FieldError] = []
        shown: dict[int, list[str]] = {}
        for item in error.errors:
            slot = self._slots.get(item.field)
            if slot is None:
                unplaced.append(item)
                continue
            messages = shown.setdefault(id(slot.label), [])
            if item.message not in messages:
                messages.append(item.message)
            slot.label.setText("\n".join(messages))
            slot.label.setVisible(True)
            _set_invalid(_highlight_target(slot.widget), True)
        first = next((s for n, s in self._slots.items() if error.for_field(n)), None)
        if first is not None:
            first.widget.setFocus()
        return unplaced

    def clear(self, name: str | None = None) -> None:
        slots = self._slots.values() if name is None else [self._slots[name]]
        for slot in slots:
            if slot.label.text():
                slot.label.clear()
                slot.label.setVisible(False)
            _set_invalid(_highlight_target(slot.widget), False)

    def message(self, name: str) -> str:
        """The error text shown under ``name``'s field ("" when none) — what the user reads."""
        slot = self._slots[name]
        return slot.label.text() if slot.label.isVisibleTo(slot.label.window()) else ""

    def has_errors(self) -> bool:
        return any(s.label.text() for s in self._slots.values())


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
