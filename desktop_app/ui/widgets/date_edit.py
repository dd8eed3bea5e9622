"""Date fields in Indonesian style: ``22/11/2026`` typed, a calendar in the app's language,
optional "kosong".

Qt has no null date in ``QDateEdit``; the usual trick is used: the minimum date stands for "no
date" and is shown as the special text ``kosong``. ``value()`` hides the trick from forms.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from desktop_app.core import clock
from desktop_app.core.i18n import _, current_language

INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_EMPTY = QDate(1900, 1, 1)  # sentinel shown as "kosong"; no real date in Asuh is this old


class DateEdit(QDateEdit):
    """A date typed as dd/MM/yyyy or picked from a calendar; ``optional`` allows no date.

    GUI thread only. ``value()`` is a ``datetime.date`` or None (only when ``optional``).
    """

    display_format = "dd/MM/yyyy"

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        locale = INDONESIAN if current_language() == "id" else _ENGLISH  # month names, weekdays
        self.setLocale(locale)
        self.setDisplayFormat(self.display_format)
        self.setCalendarPopup(True)
        self.calendarWidget().setLocale(locale)
        self.calendarWidget().setGridVisible(True)
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText(_("kosong"))
            self.setDate(_EMPTY)
        else:
            self.setMinimumDate(QDate(1940, 1, 1))
            self.setDate(_today())
        self.setMinimumWidth(130)

    def value(self) -> date | None:
        current = self.date()
        if self.optional and current == _EMPTY:
            return None
        return self.day()

    def day(self) -> date:
        """The date shown, for an edit that always has one (not ``optional``)."""
        return cast(date, self.date().toPython())  # PySide6 types toPython() as object

    def setValue(self, value: date | None) -> None:
        if value is None:
            self.setDate(_EMPTY if self.optional else _today())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setValue(None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # An empty optional date would open the calendar in 1900; show this month instead.
        if self.value() is None:
            today = _today()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        super().mousePressEvent(event)


class MonthEdit(DateEdit):
    """A month (``November 2026``); ``value()`` is the first day of that month."""

    display_format = "MMMM yyyy"

    def day(self) -> date:
        return super().day().replace(day=1)

    def value(self) -> date | None:
        current = super().value()
        return current.replace(day=1) if current else None


def _today() -> QDate:
    """Today by the app's clock (tests pin it), not Qt's own."""
    day = clock.today()
    return QDate(day.year, day.month, day.day)
