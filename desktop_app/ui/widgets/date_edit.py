"""The one date field of the app (and its month variant): typed text, a calendar, a preview.

Qt's ``QDateEdit`` let a cadre down where data is born: typing into an empty optional field
appended digits to the word "kosong", typing over a date kept parts of the old one (20/06/2024
became 13/06/2024), and its calendar opened on January 1900 with cut weekday names. This field
is a plain line edit read by :mod:`desktop_app.core.date_input`: ``20062024``, ``20.06.24`` or
``20 Juni 2024`` all mean one day, and beside the field the user reads what will be saved
(``20 Juni 2024``) or, in red, why the text is not a date. That line keeps its size whatever it
says, so the form never jumps. Empty means "no date"; there is no special text to type over.

A dialog that saves must not save while a field holds text that is not a date (the field's
``date()`` is then None, which an optional field would store as "no date"):
:class:`~desktop_app.ui.widgets.form_dialog.FormDialog` asks :func:`refuse_invalid_dates` first.

GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import clock
from desktop_app.core.date_input import DateInputError, parse_date, parse_month
from desktop_app.core.formatting import format_date, format_month
from desktop_app.core.i18n import N_, _, current_language
from desktop_app.ui.common.icons import icon

INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_OK_COLOUR = "#2e5e3e"
_ERROR_COLOUR = "#c62828"
_HINT_COLOUR = "#5f6b7a"


def _locale() -> QLocale:
    return INDONESIAN if current_language() == "id" else _ENGLISH


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class _Line(QLineEdit):
    """The text part: arrow keys step the date as in a spin box; Alt+Down/F4 open the calendar."""

    stepped = Signal(int, bool)  # +1/-1, big step (PageUp/PageDown)
    popup_wanted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.popup_wanted.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepped.emit(1 if key == Qt.Key.Key_Up else -1, False)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.stepped.emit(1 if key == Qt.Key.Key_PageUp else -1, True)
        else:
            super().keyPressEvent(event)


class CalendarPopup(QFrame):
    """A month calendar under the field, Monday first, weekday names never cut (Sen ... Min)."""

    picked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(_locale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
        )
        weekend = QTextCharFormat()
        weekend.setForeground(Qt.GlobalColor.darkRed)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        # Wide enough for "Sen".."Min" and "September 2026" at any usual font size.
        width = max(320, self.fontMetrics().horizontalAdvance("Rab") * 7 * 2 + 40)
        self.calendar.setMinimumSize(width, 230)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def open_at(self, anchor: QWidget, shown: date, limits: tuple[date | None, date | None]):
        """Show below ``anchor`` on ``shown``'s month, ``shown`` selected."""
        low, high = limits
        self.calendar.setMinimumDate(_qdate(low) if low else QDate(1900, 1, 1))
        self.calendar.setMaximumDate(_qdate(high) if high else QDate(2100, 12, 31))
        self.calendar.setSelectedDate(_qdate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)
        self.adjustSize()
        where = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry()
        x = min(where.x(), screen.right() - self.width())
        y = (
            where.y()
            if where.y() + self.height() <= screen.bottom()
            else where.y() - (anchor.height() + self.height())
        )
        self.move(max(screen.left(), x), max(screen.top(), y))
        self.show()
        self.calendar.setFocus()

    def _pick(self, value: QDate) -> None:
        self.hide()
        self.picked.emit(date(value.year(), value.month(), value.day()))


class DateEdit(QWidget):
    """A date typed in any usual Indonesian way or picked from a calendar.

    ``optional``: empty means no date (``date()`` is None); otherwise the field starts on today.
    ``minimum``/``maximum`` bound it (a birth date: ``maximum=clock.today()``), checked as the
    user types. ``compact`` (filter bars) drops the preview line; the message is then the
    tooltip and the red border. ``changed(object)`` carries the new date or None whenever what
    would be saved changes.
    """

    changed = Signal(object)

    placeholder = N_("hh/bb/tttt")

    def __init__(
        self,
        *,
        optional: bool = False,
        minimum: date | None = None,
        maximum: date | None = None,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.minimum, self.maximum = minimum, maximum
        self.compact = compact
        self._value: date | None = None
        self._error: DateInputError | None = None
        self._note: Callable[[date], str] | None = None
        self._popup: CalendarPopup | None = None
        self.line = _Line(self)
        self.line.setPlaceholderText(_(self.placeholder))
        self.line.setClearButtonEnabled(optional)
        self.line.setMinimumWidth(self._line_width())
        self.line.setMaximumWidth(self._line_width() + 40)
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setToolTip(_("Pilih dari kalender (Alt+\u2193)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setMinimumWidth(1)  # a long message is cut (and in the tooltip), never
        self.preview.setVisible(not compact)  # widens the form
        # The preview's line is always there, under the field, so a message appearing moves
        # nothing.
        self.preview.setFixedHeight(self.preview.fontMetrics().height() + 2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.line)
        row.addWidget(self.button)
        if compact:
            self.setLayout(row)
        else:
            row.addStretch(1)
            column = QVBoxLayout(self)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addLayout(row)
            column.addWidget(self.preview)
        horizontal = QSizePolicy.Policy.Preferred if compact else QSizePolicy.Policy.Expanding
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self._on_finished)
        self.line.stepped.connect(self._step)
        self.line.popup_wanted.connect(self.open_calendar)
        self.button.clicked.connect(self.open_calendar)
        self.set_date(None if optional else clock.today())

    # -- what the form reads and writes -------------------------------------------------------
    def set_date(self, value: date | None) -> None:
        """Show ``value`` (None: empty if optional, else today). Emits ``changed`` if it differs."""
        if value is None and not self.optional:
            value = clock.today()
        self.line.setText(self.format_text(value) if value else "")
        self._reparse(show_incomplete=False)

    def setValue(self, value: date | None) -> None:
        self.set_date(value)

    def clear_value(self) -> None:
        self.set_date(None)

    def text(self) -> str:
        return self.line.text()

    def error(self) -> str | None:
        """Why the typed text is not a date (also while still being typed); None if it is."""
        return self._error.message if self._error else None

    def is_valid(self) -> bool:
        return self._error is None

    def set_range(self, minimum: date | None, maximum: date | None) -> None:
        self.minimum, self.maximum = minimum, maximum
        self._reparse(show_incomplete=False)

    def set_note(self, note: Callable[[date], str] | None) -> None:
        """Extra words after the preview (the child's age after a birth date)."""
        self._note = note
        self._show()

    def reveal_error(self) -> bool:
        """Show the problem of an unfinished text too (before saving); True if there is one."""
        self._show(show_incomplete=True)
        return self._error is not None

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar_popup().calendar

    # -- parsing and showing ------------------------------------------------------------------
    def format_text(self, value: date) -> str:
        return value.strftime("%d/%m/%Y")

    def format_preview(self, value: date) -> str:
        return format_date(value)

    def parse(self, text: str) -> date | None:
        return parse_date(text, today=clock.today(), earliest=self.minimum, latest=self.maximum)

    def step(self, value: date, direction: int, big: bool) -> date:
        """Up/Down: a day; PageUp/PageDown: a month (same day, clamped to the month's end)."""
        if not big:
            return value + timedelta(days=direction)
        return _add_months(value, direction)

    def _line_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("00/00/00000") + 40

    def _on_edited(self, _text: str) -> None:
        self._reparse(show_incomplete=False)

    def _on_finished(self) -> None:
        self._reparse(show_incomplete=True)
        if self._value is not None:  # 20062024 -> 20/06/2024: the text says what is kept
            self.line.setText(self.format_text(self._value))
            self._show()

    def _reparse(self, *, show_incomplete: bool) -> None:
        try:
            value, error = self.parse(self.line.text()), None
        except DateInputError as problem:
            value, error = None, problem
        self._update(value, error, show_incomplete=show_incomplete)

    def _update(
        self, value: date | None, error: DateInputError | None, *, show_incomplete: bool = False
    ) -> None:
        before = self._value
        self._value, self._error = value, error
        self._show(show_incomplete=show_incomplete)
        if value != before:
            self.changed.emit(value)

    def _show(self, *, show_incomplete: bool = False) -> None:
        error = self._error
        if error is not None and (show_incomplete or not error.incomplete):
            text, colour = error.message, _ERROR_COLOUR
        elif error is not None:
            text, colour = (
                _("Lanjutkan mengetik: {format}").format(format=_(self.placeholder)),
                (_HINT_COLOUR),
            )
        elif self._value is not None:
            text = self.format_preview(self._value)
            if text == self.line.text().strip():
                text = ""  # "November 2026" under "November 2026" says nothing new
            if self._note is not None and (extra := self._note(self._value)):
                text = f"{text} \u00b7 {extra}"
            colour = _OK_COLOUR
        else:
            text, colour = "", _HINT_COLOUR
        showing_error = colour == _ERROR_COLOUR
        self.preview.setText(text)
        self.preview.setStyleSheet(f"color: {colour};")
        self.line.setStyleSheet(
            f"color: {_ERROR_COLOUR}; border: 1px solid {_ERROR_COLOUR};" if showing_error else ""
        )
        self.line.setToolTip(text if self.compact else "")
        self.preview.setToolTip(text)

    def _step(self, direction: int, big: bool) -> None:
        start = self._value or clock.today()
        value = self.step(start, direction, big) if self._value is not None else start
        if self.maximum is not None and value > self.maximum:
            value = self.maximum
        if self.minimum is not None and value < self.minimum:
            value = self.minimum
        self.line.setText(self.format_text(value))
        self._reparse(show_incomplete=True)

    # -- calendar -----------------------------------------------------------------------------
    def _calendar_popup(self) -> CalendarPopup:
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        return self._popup

    def open_calendar(self) -> None:
        """Open on the field's date, or today when it has none (never January 1900)."""
        shown = self._value or clock.today()
        if self.maximum is not None and shown > self.maximum:
            shown = self.maximum
        if self.minimum is not None and shown < self.minimum:
            shown = self.minimum
        self._calendar_popup().open_at(self.line, shown, (self.minimum, self.maximum))

    def _picked(self, value: date) -> None:
        self.line.setText(self.format_text(value))
        self._reparse(show_incomplete=True)
        self.line.setFocus()

    # Last in the class: from here on, ``date`` in this class body means this method.
    def date(self) -> date | None:
        """The date to save; None when empty or when the text is not a valid date."""
        return self._value

    value = date  # the name the forms used with the old QDateEdit-based field


class MonthEdit(DateEdit):
    """A month typed as ``11/2026``, ``Nov 2026`` or ``November 2026``; ``date()`` is its 1st day.

    Up/Down step a month, PageUp/PageDown a year. The calendar picks any day of the month.
    """

    placeholder = N_("bb/tttt")

    def format_text(self, value: date) -> str:
        return format_month(value)

    def format_preview(self, value: date) -> str:
        return format_month(value)

    def parse(self, text: str) -> date | None:
        return parse_month(text, today=clock.today(), earliest=self.minimum, latest=self.maximum)

    def step(self, value: date, direction: int, big: bool) -> date:
        return _add_months(value, direction * (12 if big else 1))

    def set_date(self, value: date | None) -> None:
        super().set_date(value.replace(day=1) if value else value)

    def _line_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("September 0000") + 40


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(value.day, last))


def refuse_invalid_dates(root: QWidget) -> bool:
    """Before saving: show every date field's problem under ``root``; True if there is one.

    The first bad field gets the focus, as for any other inline error.
    """
    bad = [
        edit
        for edit in root.findChildren(DateEdit)
        if edit.isVisibleTo(root) and edit.isEnabled() and edit.reveal_error()
    ]
    if bad:
        bad[0].line.setFocus()
    return bool(bad)
