"""Choosing a value the way a person does with the keyboard: typing dates, arrowing lists.

A month or date field is typed into and a list is set with the arrow keys (real key events),
never with ``setValue``/``setCurrentIndex``: what the test proves is what a person can do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.ui.widgets.date_edit import DateEdit, MonthEdit


def choose_month(qtbot: Any, edit: MonthEdit, target: date) -> None:
    """Select the field's text and type the month as ``11/2026``, then leave with Tab."""
    type_date(qtbot, edit, f"{target.month:02d}/{target.year}")
    assert edit.value() == target.replace(day=1), (edit.value(), target)


def type_date(qtbot: Any, edit: DateEdit, text: str) -> None:
    """Replace what a date or month field holds by ``text``, typed, then Tab out of it."""
    window = edit.window()
    if not window.isVisible():
        window.show()
    window.activateWindow()  # so that Tab moves the focus out, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit.line, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit.line, text)
    qtbot.keyClick(edit.line, Qt.Key.Key_Tab)


def choose_item(qtbot: Any, combo: QComboBox, data: object) -> None:
    """Arrow down (then up) through a list until the item holding ``data`` is chosen."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target, (combo.currentText(), data)
