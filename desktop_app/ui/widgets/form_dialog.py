"""The base of every editing dialog: Simpan/Batal, inline errors, saving through the runner.

A subclass builds its rows (``FormRows``/``FormSection`` bound to ``self.errors``) and implements
``save()`` by calling ``self.submit(op)`` with a named operation from ``desktop_app.ui.operations``
(its ``Changes`` come from the service). The outcome is handled once, here:

- success: ``saved`` is emitted with ``saved_value(result)`` (the record's id), the dialog closes;
- ``ValidationError``: each message under its field, first bad field focused, dialog stays open;
- any other error: an Indonesian message box; the dialog stays open.

Nothing is stored unless the service succeeded: the runner rolls the transaction back on error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.ops import Operation, OperationRunner, Work
from desktop_app.ui.widgets import messages
from desktop_app.ui.widgets.date_edit import refuse_invalid_dates
from desktop_app.ui.widgets.form_errors import INVALID_STYLE, FormErrors
from desktop_app.ui.widgets.form_row import FormRows


class FormDialog(QDialog):
    """Modal editing dialog. ``saved(object)`` carries the saved record's id (GUI thread)."""

    saved = Signal(object)

    def __init__(self, runner: OperationRunner, *, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FormErrors(self)
        # The fields live in a scroll area: on a 1366x768 laptop (or at 150% scaling) a long
        # form scrolls instead of squeezing its fields until they overlap.
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        # Not ``self.scroll``: that would hide QWidget.scroll(dx, dy).
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.content)
        self._fitted = False
        self.buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.save_button = self.buttons.addButton(_("Simpan"), role.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Batal"), role.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        """On first show, size the dialog to its fields, but never beyond the screen."""
        if not self._fitted:
            self._fitted = True
            self.fit_to_content()
        super().showEvent(event)

    def fit_to_content(self) -> None:
        wanted = self.content.sizeHint()
        frame = self.sizeHint() - self.scroll_area.sizeHint()
        width = max(self.width(), self.minimumWidth(), wanted.width() + frame.width() + 24)
        height = max(self.minimumHeight(), wanted.height() + frame.height() + 24)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    def rows(self) -> FormRows:
        """A plain (untitled) block of rows added to the body."""
        rows = FormRows(self.errors, self)
        self.body.addWidget(rows)
        return rows

    # -- to implement -------------------------------------------------------------------------
    def save(self) -> None:
        raise NotImplementedError

    def saved_value(self, result: Any) -> Any:
        return getattr(result, "id", result)

    # -- plumbing -----------------------------------------------------------------------------
    def submit(self, op: Operation) -> None:
        self.errors.clear()
        if refuse_invalid_dates(self):  # a half-typed or impossible date is never saved
            return
        self.save_button.setEnabled(False)
        self.runner.run_op(op, on_success=self._succeeded, on_error=self._failed)

    def load(self, work: Work, fill: Callable[[Any], None]) -> None:
        """Read what the form shows; a failure (e.g. deleted meanwhile) is told, then closes."""
        self.runner.read(work, on_success=fill, on_error=self._load_failed)

    def _succeeded(self, result: Any) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(self.saved_value(result))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.handle_error(error)

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            unplaced = self.errors.show(error)
            if unplaced:
                messages.show_error(self, "\n".join(e.message for e in unplaced))
            return
        messages.show_failure(self, error)

    def _load_failed(self, error: Exception) -> None:
        messages.show_failure(self, error)
        self.reject()
