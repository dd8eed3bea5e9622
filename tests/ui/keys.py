"""Choosing a value the way a person does with the keyboard, for widgets not typed into.

A month field and a list are set with the arrow keys (real key events), never with
``setValue``/``setCurrentIndex``: what the test proves is what a person can do. (Typing a date
into a date field is the date-field issue's to fix; the arrows work today.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.ui.widgets.date_edit import MonthEdit

_MOST_PRESSES = 240


def choose_month(qtbot: Any, edit: MonthEdit, target: date) -> None:
    """Year with the arrows on the year section (End), then month on the month section (Home)."""
    edit.setFocus()
    for section_key, reached in (
        (Qt.Key.Key_End, lambda: edit.day().year - target.year),
        (Qt.Key.Key_Home, lambda: edit.day().month - target.month),
    ):
        qtbot.keyClick(edit, section_key)
        for _ in range(_MOST_PRESSES):
            if reached() == 0:
                break
            qtbot.keyClick(edit, Qt.Key.Key_Down if reached() > 0 else Qt.Key.Key_Up)
    assert edit.value() == target.replace(day=1), (edit.value(), target)


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
